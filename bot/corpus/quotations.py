"""Who says a sentence: the quotations of an article and the person each is attributed to.

Kazakh news quotes people over several sentences: "Сондай-ақ ... Қанатбек Мәдібек ...
тоқталды. «Бұл – ... кездесуі. ... Ауыл – қазақтың алтын бесігі. ... көрсетеді», – деді ол."
The speaker is named in the sentence before the quotation opens, or after the dash that
closes it ("», – деді Марат Сұлтанғазиев"). A speech without quotation marks ends the same way
(", - деді ол."): it runs back to the sentence naming the person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import cast

import numpy as np

from bot.corpus.models import FactSpan, Sentence, SentenceTable
from bot.remembered import Remembered
from bot.text.fold import keys

# The dash that ends a quotation or a speech: "», – деді ол", ", - деді президент",
# "», – деп атап өтті Ержан Жылқыбаев", ", – деген Дауыл Ынтықбайұлы".
SPEECH_END = re.compile(r"[»,.]\s*[–—-]\s*(?:деп|деді|дейді|деген)\b")
# A person named in the genitive ("Тоқаевтың бастамасы", "Жылқыбаевтың айтуынша") is talked
# about or reported, not the one whose words follow.
GENITIVE = re.compile(r"(?:тың|тің|дың|дің|ның|нің)$")
MAX_SPEECH = 15  # sentences an unmarked speech may run back (its speaker named before it)
MAX_LOOK_BACK = 15  # how far before a quotation its speaker may be named
UNREAD, NOT_QUOTED = -2, -1  # a sentence's speaker: its article not read yet, or nobody
KEPT_SPEAKERS = 1024  # speakers' keys kept when read as questions reach them


class Quotations:
    """Who says each sentence of a corpus, and the keys naming them.

    The store's sentences come with both (bot/store/corpus_cache.py attributes every article
    once per corpus): reading an article's quotations the first time a question reached it
    was most of the slowest answers at 20,000 articles. A plain list of sentences (tests,
    the bench's corpus less its distractors) is read an article at a time, as questions
    reach it."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        stored = sentences.speakers() if isinstance(sentences, SentenceTable) else None
        # The table that keeps them, when it does.
        self._table = cast(SentenceTable, sentences) if stored is not None else None
        # UNREAD, NOT_QUOTED, or the sentence naming the speaker (4 bytes a sentence).
        self._speakers = (
            stored if stored is not None else np.full(len(sentences), UNREAD, dtype=np.int32)
        )
        self._article_ends: dict[int, int] = {}  # an article's first sentence -> past its last
        self._said = Remembered(self._speaker_keys, KEPT_SPEAKERS)

    def speaker_of(self, i: int) -> int | None:
        """The sentence naming who says sentence i, when i is quoted speech."""
        speaker = int(self._speakers[i])
        if speaker == UNREAD:
            self._read(i)
            speaker = int(self._speakers[i])
        return speaker if speaker >= 0 else None

    def quotes_of(self, j: int) -> list[int]:
        """The sentences quoting the person sentence j names (its article's quotations)."""
        start, end = self._bounds(j)
        return [start + int(k) for k in np.flatnonzero(self._speakers[start:end] == j)]

    def said(self, speaker: int) -> frozenset[str]:
        """The keys of the person sentence `speaker` names as a speaker (speaker_keys)."""
        if self._table is not None:
            return self._table.speaker_keys(speaker)
        return self._said[speaker]

    def _speaker_keys(self, speaker: int) -> frozenset[str]:
        return speaker_keys(self.sentences[speaker], self.article_around(speaker))

    def article_around(self, i: int) -> list[Sentence]:
        """The sentences of sentence i's article (none when out of corpus order)."""
        if self._table is not None:
            start, end = self._table.article_bounds(i)
            return [self.sentences[j] for j in range(start, end)]
        sentence = self.sentences[i]
        start = i - sentence.position
        if start < 0 or self.sentences[start].article_id != sentence.article_id:
            return []
        end = i + 1
        while end < len(self.sentences) and self.sentences[end].article_id == sentence.article_id:
            end += 1
        return [self.sentences[j] for j in range(start, end)]

    def _bounds(self, i: int) -> tuple[int, int]:
        """Sentence i's article: its first sentence and past its last (read, if need be)."""
        if self._table is not None:
            return self._table.article_bounds(i)
        self.speaker_of(i)  # reads the article's quotations
        start = i - self.sentences[i].position
        return start, self._article_ends.get(start, start)

    def _read(self, i: int) -> None:
        """Attribute the quotations of sentence i's article."""
        article = self.article_around(i)
        if not article:
            self._speakers[i] = NOT_QUOTED  # positions not in corpus order: no article to read
            return
        start = i - self.sentences[i].position
        end = start + len(article)
        self._speakers[start:end] = NOT_QUOTED
        for k, v in attribute(article).items():
            self._speakers[start + k] = start + v
        self._article_ends[start] = end


def may_quote(text: str) -> bool:
    """Whether a sentence has what `attribute` looks for: an article none of whose sentences
    does quotes nobody."""
    return "«" in text or "»" in text or SPEECH_END.search(text) is not None


def attribute(article: Sequence[Sentence]) -> dict[int, int]:
    """The quoted sentences of one article (positions in `article`) and, for each, the
    position of the sentence that names who says it."""
    speakers: dict[int, int] = {}
    depth = 0  # quotation marks opened and not closed since the last quotation ended
    opened: int | None = None  # where the open quotation began
    last_end = -1  # the last sentence that ended a quotation or a speech
    for j, sentence in enumerate(article):
        text = sentence.text
        depth += text.count("«") - text.count("»")
        if opened is None and depth > 0:
            opened = j
        end = SPEECH_END.search(text)
        if depth < 0 or (depth == 0 and (opened is not None or end is not None)):
            start = opened if opened is not None else _speech_start(article, j, last_end)
            speaker = _named_after(sentence, end.end()) if end is not None else False
            at = j if speaker else _speaker_before(article, start)
            if at is not None:
                for k in range(start, j + 1):
                    if k != at:
                        speakers[k] = at
            depth, opened, last_end = 0, None, j
    return speakers


def speaker_keys(sentence: Sentence, article: Sequence[Sentence] = ()) -> frozenset[str]:
    """The keys of the person a sentence names as a speaker: names and role, and the roles
    the article gives the same person elsewhere ("Қасым-Жомарт Тоқаев «...» деп айтты" is
    the "Президент Қасым-Жомарт Тоқаев" of its lead)."""
    found: set[str] = set()
    names: set[str] = set()
    for span in _speakers_in(sentence):
        names.update(keys(span.text))
        if span.role:
            found.update(keys(span.role))
    for other in article:
        for span in other.facts:
            if span.kind == "person" and span.role and _same_person(span, names):
                found.update(keys(span.role))
    return frozenset(found | names)


def speaker(sentence: Sentence, article: Sequence[Sentence] = ()) -> FactSpan | None:
    """The person a sentence names as a speaker, with the role the article gives them
    elsewhere when this sentence gives none ("Қасым-Жомарт Тоқаев «...» деп айтты": the
    "Президент" of its lead)."""
    found = next(iter(_speakers_in(sentence)), None)
    if found is None or found.role:
        return found
    names = set(keys(found.text))
    for other in article:
        for span in other.facts:
            if span.kind == "person" and span.role and _same_person(span, names):
                return replace(found, role=span.role)
    return found


def _same_person(span: FactSpan, names: set[str]) -> bool:
    """Whether a person span names someone of `names` (the surname's key: "Тоқаевтың" and
    "Тоқаев" are one person)."""
    name = keys(span.text)
    return bool(name) and name[-1] in names


def _speech_start(article: Sequence[Sentence], j: int, last_end: int) -> int:
    """Where an unmarked speech ending at j begins: after the last quotation, and after the
    sentence naming its speaker."""
    start = max(last_end + 1, j - MAX_SPEECH)
    for k in range(j - 1, start - 1, -1):
        if any(True for _ in _speakers_in(article[k])):
            return k + 1
    return start


def _named_after(sentence: Sentence, at: int) -> bool:
    """Whether the sentence names a person after the closing dash ("– деді Марат ...")."""
    return any(span.start >= at for span in _speakers_in(sentence))


def _speaker_before(article: Sequence[Sentence], start: int) -> int | None:
    for k in range(start - 1, max(start - 1 - MAX_LOOK_BACK, -1), -1):
        if any(True for _ in _speakers_in(article[k])):
            return k
    return None


def _speakers_in(sentence: Sentence) -> list[FactSpan]:
    return [
        span
        for span in sentence.facts
        if span.kind == "person" and not GENITIVE.search(span.text.split()[-1])
    ]
