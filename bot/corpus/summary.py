"""An extracted summary for articles whose front matter gives none: the one to three
sentences that carry the article's main facts, early ones first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter

from bot.corpus.facts import facts_of

MAX_SENTENCES = 3
ELLIPSIS = "…"
# Quoted speech without figures is rhetoric ("Ауыл – қазақтың алтын бесігі."): it tells
# a reader what was said, not what happened.
_ATTRIBUTION = re.compile(r"\b(деді|дейді|деп атап өтті|деп атап|деп айтты)\b")
# Sentences that lean on the one before ("Оның 74%-ы ...") read worse on their own.
_LEANING_OPENERS = ("Оның", "Олардың", "Олар", "Бұл", "Ол", "Аталған")
_SIMILAR = 0.6
LONG_SENTENCE = 200
FILLER_SHARE = 0.5  # a sentence scoring under half the best one is filler, not a main fact
STEM_CHARS = 4
_WORD = re.compile(r"\w+")
_stem = itemgetter(slice(STEM_CHARS))  # a word's first STEM_CHARS letters


def summarize(title: str, sentences: Sequence[str], max_chars: int = 400) -> str:
    """1–3 sentences in article order, never longer than max_chars."""
    title_words = _words(title)
    topic = _stems(title)
    scored: list[tuple[float, int, str]] = []
    for index, sentence in enumerate(sentences):
        words = sentence.split()
        joined = " ".join(words)
        sentence = _balance_quotes(joined)
        folded_words = _WORD.findall(sentence.casefold())  # once for _words and _stems
        if not folded_words or (
            folded_words[0] in title_words and set(folded_words) == title_words
        ):
            continue
        # The topic's stems among the sentence's (_stems(sentence)): a stem has all of
        # STEM_CHARS letters, which no shorter word cut to that length has.
        topic_stems = len(topic.intersection(map(_stem, folded_words))) if topic else 0
        # Balancing quotes may have taken a word away ("« ..."): count again only then.
        word_count = len(words) if sentence is joined else len(sentence.split())
        scored.append((_score(sentence, index, topic, topic_stems, word_count), index, sentence))
    if not scored:
        return _cut(" ".join(title.split()), max_chars)

    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[int, str]] = []
    length = -1
    best = scored[0][0]
    for score, index, sentence in scored:
        if len(chosen) == MAX_SENTENCES or (chosen and score < best * FILLER_SHARE):
            break
        if length + 1 + len(sentence) > max_chars:
            continue
        if any(_overlap(sentence, other) >= _SIMILAR for _, other in chosen):
            continue
        chosen.append((index, sentence))
        length += 1 + len(sentence)
    if not chosen:  # even the best sentence alone is too long
        return _cut(scored[0][2], max_chars)
    return " ".join(sentence for _, sentence in sorted(chosen))


def _score(
    sentence: str, index: int, topic: frozenset[str], topic_stems: int, word_count: int
) -> float:
    """How much the sentence says; `topic_stems` is len(topic & _stems(sentence)),
    `word_count` its words."""
    figures = on_topic = dates = 0
    people = 0.0
    for f in facts_of(sentence):  # one pass: this runs for every sentence of the corpus
        kind = f.kind
        if kind in ("percent", "money") or (kind == "count" and f.unit is not None):
            figures += 1
            # "165 ауыл әкімі" under a headline about ауыл әкімдері outweighs "90 бас қой"
            if f.unit and _unit_stems(f.unit) & topic:
                on_topic += 1
        elif kind == "person":
            people += 1.5 if f.role else 0.5
        elif kind in ("year", "date"):
            dates += 1
    score = 3.0 / (1 + index / 2)  # the lead says what happened
    score += 1.5 * min(figures, 2) + 1.0 * min(on_topic, 2)
    score += min(people, 3.0) + 0.5 * min(dates, 2)
    if topic:  # about what the headline is about ("ауыл әкімдерінің форумы")
        score += 2.0 * topic_stems / len(topic)
    if len(sentence) > LONG_SENTENCE:  # one long sentence would crowd out two facts
        score -= (len(sentence) - LONG_SENTENCE) / 100
    if word_count < 5:
        score -= 2.0
    if not figures and (sentence.startswith("«") or _ATTRIBUTION.search(sentence)):
        score -= 2.5
    if sentence.startswith(_LEANING_OPENERS):
        score -= 1.0
    return score


def _stems(text: str) -> frozenset[str]:
    """Crude stems for topic overlap: "әкімдерінің" and "әкімі" share "әкім"."""
    return frozenset(w[:STEM_CHARS] for w in _WORD.findall(text.casefold()) if len(w) > 3)


@lru_cache(maxsize=4096)  # a corpus counts the same few things over and over
def _unit_stems(unit: str) -> frozenset[str]:
    return _stems(unit)


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


def _overlap(a: str, b: str) -> float:
    words_a, words_b = _words(a), _words(b)
    return len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))


def _balance_quotes(sentence: str) -> str:
    """A sentence cut out of a long quotation keeps only one of its quote marks; shown on its
    own, the stray mark reads as a typo."""
    if "«" not in sentence and "»" not in sentence:
        return sentence
    if sentence.count("«") > sentence.count("»") and sentence.startswith("«"):
        sentence = sentence[1:]
    if sentence.count("»") > sentence.count("«"):
        position = sentence.rfind("»")
        sentence = sentence[:position] + sentence[position + 1 :]
    return sentence


def _cut(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    if max_chars <= len(ELLIPSIS):
        return ELLIPSIS[:max_chars]
    room = max_chars - len(ELLIPSIS)
    head = text[:room]
    if " " in head and not text[room].isspace():
        head = head[: head.rfind(" ")]
    return head.rstrip(" ,;:–-") + ELLIPSIS
