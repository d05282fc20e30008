"""The matcher's data from seeds/: question words, small talk, stopwords, the concept lexicon.

Everything here is folded once at start-up, so per-question work is dictionary look-ups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from bot.text.fold import fold, folded_words, raw_words, word_key

Phrase = tuple[str, ...]  # folded words
T = TypeVar("T")


MAX_GAPPED_WORDS = 4
# A kk_syn word whose key is shorter matches only as written: "жиында" and "жиі" (often)
# share the key "jii", "келді" (came) and "келіп" the key "kel".
MIN_SYNONYM_KEY = 4


class PhraseTable(Generic[T]):
    """Phrases looked up by their first word, so a question is scanned once instead of once
    per phrase (thousands of phrases, 4096-character questions), and each word tries only the
    phrases that can start at it."""

    def __init__(self, *, stems: bool, gaps: int = 0) -> None:
        self.stems = stems  # phrase words of 4+ letters also match as word beginnings
        self.gaps = gaps  # words allowed between a phrase's words ("как тобой пользоваться")
        self._by_first: dict[str, list[_Entry[T]]] = defaultdict(list)
        # First words of 4+ letters cut to 4: a word not beginning with one of them can only
        # start a phrase whose first word it equals.
        self._stem_heads: set[str] = set()
        self._size = 0
        # word → the entries that can start at it, in the order they were added; (word, the
        # word after it) → those whose first two words fit. Questions repeat words, and the
        # same words meet five tables per question.
        self._starting: dict[str, tuple[_Entry[T], ...]] = {}
        self._starting_pair: dict[tuple[str, str | None], tuple[_Entry[T], ...]] = {}

    def add(self, phrase: Phrase, value: T) -> None:
        tail = tuple((word, self.stems and len(word) >= _STEM_LETTERS) for word in phrase[1:])
        self._by_first[phrase[0]].append(_Entry(self._size, phrase, value, tail, tail[1:]))
        if len(phrase[0]) >= _STEM_LETTERS:
            self._stem_heads.add(phrase[0][:_STEM_LETTERS])
        self._size += 1
        self._starting.clear()
        self._starting_pair.clear()

    def __len__(self) -> int:
        return self._size

    def _entries_starting(self, word: str) -> tuple[_Entry[T], ...]:
        """The entries whose first word is `word`, or (stems) a 4+ letter beginning of it."""
        entries = self._starting.get(word)
        if entries is not None:
            return entries
        found = list(self._by_first.get(word, ()))
        if self.stems and word[:_STEM_LETTERS] in self._stem_heads:
            # "бастама" starts phrases whose first word is "баст", "баста", "бастам" too.
            for size in range(_STEM_LETTERS, len(word)):
                found.extend(self._by_first.get(word[:size], ()))
            found.sort(key=lambda entry: entry.order)
        entries = tuple(found)
        if len(self._starting) >= _MAX_REMEMBERED_WORDS:
            self._starting.clear()  # hostile input: long messages of made-up words
        self._starting[word] = entries
        return entries

    def _entries_before(self, word: str, following: str | None) -> tuple[_Entry[T], ...]:
        """The entries that can start at `word` when `following` comes next (None: nothing)."""
        key = (word, following)
        entries = self._starting_pair.get(key)
        if entries is not None:
            return entries
        fitting = []
        for entry in self._entries_starting(word):
            if not entry.tail:
                fitting.append(entry)
            elif following is not None:
                expected, stem = entry.tail[0]
                if following == expected or (stem and following.startswith(expected)):
                    fitting.append(entry)
        entries = tuple(fitting)
        if len(self._starting_pair) >= _MAX_REMEMBERED_WORDS:
            self._starting_pair.clear()
        self._starting_pair[key] = entries
        return entries

    def matches(self, words: list[str]) -> list[tuple[int, Phrase, T]]:
        """Every occurrence, longest phrase first, then left to right."""
        found: list[tuple[int, Phrase, T]] = []
        # Only a short message is small talk with words in between: "как тобой пользоваться",
        # but not "как изменилась жизнь в селах" (как ... жизнь).
        gaps = self.gaps if len(words) <= MAX_GAPPED_WORDS else 0
        count = len(words)
        if gaps:
            for start, word in enumerate(words):
                for entry in self._entries_starting(word):
                    end = _gapped_end(words, start, entry.phrase, gaps)
                    if end is not None:
                        found.append((start, tuple(words[start:end]), entry.value))
        else:
            starting = self._starting
            starting_pair = self._starting_pair
            for start, word in enumerate(words):
                entries = starting.get(word)
                if entries is None:
                    entries = self._entries_starting(word)
                if not entries:
                    continue  # most words start no phrase
                pair = (word, words[start + 1] if start + 1 < count else None)
                entries = starting_pair.get(pair)
                if entries is None:
                    entries = self._entries_before(*pair)
                for entry in entries:
                    # The first two words fit already.
                    if entry.rest and not _tail_at(words, start + 1, count, entry.rest):
                        continue
                    found.append((start, entry.phrase, entry.value))
        if len(found) > 1:
            found.sort(key=lambda item: (-len(item[1]), item[0]))
        return found


_STEM_LETTERS = 4  # a phrase word this long also matches as a word's beginning
_MAX_REMEMBERED_WORDS = 50_000


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    order: int  # when it was added: ties keep this order, as the phrase lists are sorted
    phrase: Phrase
    value: T
    tail: tuple[tuple[str, bool], ...]  # the words after the first, and whether a stem
    rest: tuple[tuple[str, bool], ...]  # the words after the second


def _tail_at(words: list[str], start: int, count: int, tail: tuple[tuple[str, bool], ...]) -> bool:
    """Whether the `tail` words follow `start`."""
    if start + len(tail) >= count:
        return False
    position = start
    for expected, stem in tail:
        position += 1
        word = words[position]
        if word != expected and not (stem and word.startswith(expected)):
            return False
    return True


def _gapped_end(words: list[str], start: int, phrase: Phrase, gaps: int) -> int | None:
    """Where the phrase ends if its words follow each other with at most `gaps` between."""
    if words[start] != phrase[0]:
        return None
    position = start
    for expected in phrase[1:]:
        window = words[position + 1 : position + 2 + gaps]
        if expected not in window:
            return None
        position += 1 + window.index(expected)
    return position + 1


def claim(used: list[bool], start: int, phrase: Phrase) -> bool:
    """Mark a phrase's words as used, unless one of them already is."""
    if any(used[start : start + len(phrase)]):
        return False
    for i in range(start, start + len(phrase)):
        used[i] = True
    return True


@dataclass(frozen=True, slots=True)
class Concept:
    """A lexicon concept as the matcher uses it: the Kazakh words to look for, one group per
    word of its first (canonical) kk entry; a one-word concept takes its other one-word kk
    entries as alternatives."""

    name: str
    groups: tuple[tuple[str, ...], ...]  # per canonical word: its keys (alternatives)


def _concept(name: str, kk_entries: list[str]) -> Concept | None:
    entries = [raw_words(str(e)) for e in kk_entries if str(e).strip()]
    if not entries:
        return None
    canonical = entries[0]
    if len(canonical) == 1:
        keys = dict.fromkeys(word_key(e[0]) for e in entries if len(e) == 1)
        return Concept(name, (tuple(keys),))
    return Concept(name, tuple((word_key(w),) for w in canonical))


@dataclass(frozen=True, slots=True)
class Synonym:
    """A kk_syn entry: a Kazakh word (or phrase) the articles use that also stands for a
    concept, lined up with the concept's canonical words from the end, as Kazakh puts the head
    word last ("ауыл БАСШЫСЫ" is "ауыл ӘКІМІ", "сөз СӨЙЛЕДІ" is "ДЕДІ").

    `reach[i]` is what the entry's i-th word gains: the keys of the canonical word it lines
    up with, or nothing (the word is the concept's own, or has no counterpart)."""

    concept: Concept
    reach: tuple[tuple[str, ...], ...]


def _synonym(concept: Concept, words: list[str]) -> Synonym:
    groups = concept.groups
    shift = len(groups) - len(words)  # entry word i lines up with canonical word i + shift
    reach = tuple(
        groups[i + shift] if 0 <= i + shift < len(groups) else () for i in range(len(words))
    )
    return Synonym(concept, reach)


@dataclass
class Vocabulary:
    intent_phrases: list[tuple[str, str, Phrase]] = field(default_factory=list)  # intent, lang
    small_talk: list[tuple[str, str, Phrase]] = field(default_factory=list)
    followup: list[tuple[str, Phrase]] = field(default_factory=list)
    stopwords: set[str] = field(default_factory=set)  # folded, every language's
    # ... each language's own: English "an" is not Kazakh "ән" (song), both folded "an"
    language_stopwords: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    markers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # lang → folded
    # ru/en stems and kk paraphrases → concepts
    stems: dict[str, list[Concept]] = field(
        default_factory=lambda: defaultdict(list)
    )  # folded stem
    stem_phrases: list[tuple[Phrase, Concept]] = field(default_factory=list)  # multi-word entries
    kk_words: dict[str, list[Concept]] = field(default_factory=lambda: defaultdict(list))  # key
    # kk_syn: the articles' own Kazakh words that also reach a concept's words (query.py,
    # KNOWN_SYNONYM_WEIGHT). One-word entries by key, or by folded form when the key is too
    # short to tell words apart; longer ones as phrases of keys.
    kk_synonyms: dict[str, list[Synonym]] = field(default_factory=lambda: defaultdict(list))
    kk_synonym_forms: dict[str, list[Synonym]] = field(default_factory=lambda: defaultdict(list))
    synonym_table: PhraseTable[Synonym] = field(default_factory=lambda: PhraseTable(stems=False))
    examples: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # region → lang → qs
    intent_table: PhraseTable[str] = field(default_factory=lambda: PhraseTable(stems=True))
    small_talk_table: PhraseTable[str] = field(
        default_factory=lambda: PhraseTable(stems=False, gaps=1)
    )
    followup_table: PhraseTable[str] = field(default_factory=lambda: PhraseTable(stems=False))
    concept_table: PhraseTable[Concept] = field(default_factory=lambda: PhraseTable(stems=True))

    kk_content: set[str] = field(default_factory=set)  # keys of the lexicon's Kazakh words
    # word → its concept (query._concept_of), remembered: filled while questions are analysed,
    # so the lists above must not change after loading.
    word_concepts: dict[str, Concept | None] = field(
        default_factory=dict, repr=False, compare=False
    )


def _read(path: Path) -> Any:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        # The C loader reads lexicon.yaml ten times faster where libyaml is there.
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def _phrases(values: object) -> list[Phrase]:
    out = []
    for value in values or []:  # type: ignore[attr-defined]
        words = tuple(folded_words(str(value)))
        if words:
            out.append(words)
    return out


def load_vocabulary(seeds_dir: Path) -> Vocabulary:
    vocab = Vocabulary()
    intents = _read(seeds_dir / "intents.yaml")
    for intent, by_lang in (intents.get("intents") or {}).items():
        for lang, values in (by_lang or {}).items():
            for phrase in _phrases(values):
                vocab.intent_phrases.append((intent, lang, phrase))
    for kind, by_lang in (intents.get("small_talk") or {}).items():
        for lang, values in (by_lang or {}).items():
            for phrase in _phrases(values):
                vocab.small_talk.append((kind, lang, phrase))
    for lang, values in (intents.get("followup") or {}).items():
        for phrase in _phrases(values):
            vocab.followup.append((lang, phrase))
    for lang, values in (intents.get("stopwords") or {}).items():
        for phrase in _phrases(values):
            vocab.stopwords.update(phrase)
            vocab.language_stopwords[lang].update(phrase)
    for lang, values in (intents.get("language_markers") or {}).items():
        for phrase in _phrases(values):
            vocab.markers[lang].update(phrase)
    # Question words and small-talk words tell the language too, unless another language
    # lists them as well ("рахмет" is thanks in Russian as spoken in Kazakhstan too: it says
    # no more than the language_markers list makes it say).
    listed: dict[str, set[str]] = defaultdict(set)
    for _intent, lang, phrase in vocab.intent_phrases + vocab.small_talk:
        for word in phrase:
            listed[word].add(lang)
    for _intent, lang, phrase in vocab.intent_phrases + vocab.small_talk:
        if lang in ("kk", "ru", "en"):
            vocab.markers[lang].update(w for w in phrase if listed[w] == {lang})

    # Longest phrases first, so "қанша пайыз" (percent) wins over "қанша" (count).
    vocab.intent_phrases.sort(key=lambda item: -len(item[2]))
    vocab.small_talk.sort(key=lambda item: -len(item[2]))
    vocab.followup.sort(key=lambda item: -len(item[1]))

    lexicon = _read(seeds_dir / "lexicon.yaml")
    for name, entry in (lexicon.get("concepts") or {}).items():
        entry = entry or {}
        concept = _concept(str(name), list(entry.get("kk") or []))
        if concept is None:
            continue
        for value in list(entry.get("kk") or []) + list(entry.get("kk_alt") or []):
            vocab.kk_content.update(word_key(w) for w in str(value).split())
        for lang in ("ru", "en"):
            for value in entry.get(lang) or []:
                words = tuple(folded_words(str(value)))
                if len(words) == 1:
                    vocab.stems[words[0]].append(concept)
                elif words:
                    vocab.stem_phrases.append((words, concept))
        # Only paraphrases: a Kazakh question using the articles' own words matches them
        # directly, word by word.
        for value in entry.get("kk_alt") or []:
            alt_words = str(value).split()
            if len(alt_words) == 1:
                vocab.kk_words[word_key(alt_words[0])].append(concept)
            else:
                vocab.stem_phrases.append((tuple(fold(w) for w in alt_words), concept))
        for value in entry.get("kk_syn") or []:
            syn_words = raw_words(str(value))  # "іс-шара" is two words, as in a question
            if not syn_words:
                continue
            synonym = _synonym(concept, syn_words)
            syn_keys = tuple(word_key(w) for w in syn_words)
            vocab.kk_content.update(syn_keys)
            if len(syn_keys) == 1 and len(syn_keys[0]) >= MIN_SYNONYM_KEY:
                vocab.kk_synonyms[syn_keys[0]].append(synonym)
            elif len(syn_keys) == 1:
                vocab.kk_synonym_forms[fold(syn_words[0])].append(synonym)
            else:
                vocab.synonym_table.add(syn_keys, synonym)
    vocab.stem_phrases.sort(key=lambda item: -len(item[0]))
    for intent, _lang, phrase in vocab.intent_phrases:
        vocab.intent_table.add(phrase, intent)
    for kind, _lang, phrase in vocab.small_talk:
        vocab.small_talk_table.add(phrase, kind)
    for lang, phrase in vocab.followup:
        vocab.followup_table.add(phrase, lang)
    for phrase, concept in vocab.stem_phrases:
        vocab.concept_table.add(phrase, concept)

    examples = _read(seeds_dir / "examples.yaml")
    for region, by_lang in (examples.get("examples") or {}).items():
        vocab.examples[str(region)] = {
            k: [str(q) for q in v or []] for k, v in (by_lang or {}).items()
        }
    return vocab
