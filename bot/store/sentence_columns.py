"""The corpus's sentences as columns, built into `Sentence` objects only when read.

At 20,000 articles there are some 350,000 sentences and 400,000 facts: as objects they took
most of start-up and of memory, while a question reads a few dozen of them. Here they are
flat buffers (bot/store/corpus_cache.py makes and keeps them):

- `sentence_id`, `article` (a number into the article list): one item per sentence, for what
  start-up asks of all sentences at once;
- `records` cut by `record_offsets` (n + 1): sentence i's record, all it takes to build it
  in one place (one or two memory pages to read, not one per column):
  HEADER (id, article, position, text bytes, key count, fact count), the text in UTF-8
  padded to 4 bytes, the key numbers (int32, into `vocabulary`, the keys joined by
  newlines), then each fact: FACT (start, end, unit, role, text bytes or -1 when the fact's
  text is the sentence's own text[start:end], value, kind, whether it has a value) and its
  text; units, roles and kinds are numbers into the tables in the columns' meta, -1 None;
- `article_first`: each article's first sentence (n_articles + 1 offsets);
- what is read of each article as a whole (bot/store/corpus_cache.py): `speaker`, each
  sentence's speaker (bot/corpus/quotations.py; -1 nobody), `said_keys` cut by
  `said_offsets` (n + 1): the keys naming the person a speaker's sentence names; and
  `topic_keys` cut by `topic_offsets` (n_articles + 1): the keys of each article's title and
  lead; `event`: 1 for a sentence about its article's event (bot/corpus/events.py), else 0.
  Keys are numbers into `vocabulary`.
"""

from __future__ import annotations

import struct
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np

from bot.corpus.models import FactSpan, Sentence, SentenceTable
from bot.remembered import Remembered
from bot.store.columns import Columns

T = TypeVar("T")

HEADER = struct.Struct("=qiiIII")
FACT = struct.Struct("=iiiiidBB")
# Sentences kept once built (some 0.5 KB each): a question reads its candidates, their
# neighbours and articles several times, and questions about the same things meet the same
# sentences again. When full, the older half goes (cheaper than tracking each use).
CACHED_SENTENCES = 32_768
# Articles whose topic keys (as a set, some 2 KB) and event sentences are kept.
CACHED_ARTICLES = 2048


class DamagedColumns(ValueError):
    """The columns do not fit together: the file is not what it claims to be."""


class ColumnSentences(SentenceTable):
    def __init__(
        self,
        columns: Columns,
        article_ids: Sequence[str],
        make_sentence: Callable[..., Sentence] = Sentence,
        make_fact: Callable[..., FactSpan] = FactSpan,
    ) -> None:
        """`article_ids`: the articles in the order `article` numbers them; the make_*
        functions build the objects from their fields in order (see corpus.py)."""
        self.columns = columns
        self._ids = columns["sentence_id"]
        self._article = columns["article"]
        self._records = columns["records"]
        self._offsets = columns["record_offsets"]
        meta = columns.meta
        self._kinds: list[str] = list(meta["fact_kinds"])
        self._units: list[str] = list(meta["fact_units"])
        self._roles: list[str] = list(meta["fact_roles"])
        self._key_count = int(meta["key_count"])
        vocabulary = bytes(columns["vocabulary"]).decode("utf-8")
        self.vocabulary: list[str] = vocabulary.split("\n") if vocabulary else []
        self._article_ids = list(article_ids)
        self._make_sentence = make_sentence
        self._make_fact = make_fact
        self._size = len(self._ids)
        self._first = columns["article_first"]
        self._speakers = np.frombuffer(columns["speaker"], dtype=np.int32)
        self._said_keys, self._said_offsets = columns["said_keys"], columns["said_offsets"]
        self._topic_keys, self._topic_offsets = columns["topic_keys"], columns["topic_offsets"]
        self._events = np.frombuffer(columns["event"], dtype=np.uint8)
        # One flag read from the view is an int (~0.1 µs less than a numpy scalar).
        self._event_flags = columns["event"]
        self._cache: dict[int, Sentence] = {}
        # By article number (see topic and event_sentences).
        self._topics = Remembered(self._article_topic, CACHED_ARTICLES)
        self._event_sentences = Remembered(self._article_events, CACHED_ARTICLES)
        self.index_cache: Any = None  # where the search index over these may be kept
        self._check()

    def _check(self) -> None:
        """Cheap consistency checks: what a truncated or mixed-up file would fail."""
        n = self._size
        if (
            len(self._article) != n
            or len(self._offsets) != n + 1
            or len(self._speakers) != n
            or len(self._said_offsets) != n + 1
            or len(self._events) != n
        ):
            raise DamagedColumns("columns of different lengths")
        if len(self._topic_offsets) != len(self._article_ids) + 1:
            raise DamagedColumns("topics of another corpus")
        if self._offsets[0] != 0 or self._offsets[n] != len(self._records):
            raise DamagedColumns("record offsets do not match the records")
        if len(self.columns["article_first"]) != len(self._article_ids) + 1:
            raise DamagedColumns("articles of another corpus")
        if n and not 0 <= self._article[n - 1] < len(self._article_ids):
            raise DamagedColumns("sentences of unknown articles")

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index: Any) -> Any:
        # The engine's hot path: a cached sentence costs one dictionary lookup.
        try:
            return self._cache[index]
        except (KeyError, TypeError):
            return super().__getitem__(index)

    def sentence(self, i: int) -> Sentence:
        found = self._cache.get(i)
        if found is None:
            found = self._build(i)
            cache = self._cache
            if len(cache) >= CACHED_SENTENCES:
                kept = list(cache)  # oldest first
                for old in kept[: len(kept) // 2]:
                    cache.pop(old, None)
            cache[i] = found
        return found

    def __iter__(self) -> Iterator[Sentence]:
        # A pass over everything builds each sentence once and keeps none of them.
        return map(self._build, range(self._size))

    def _build(self, i: int) -> Sentence:
        records = self._records
        at = self._offsets[i]
        sid, article, position, text_size, key_count, fact_count = HEADER.unpack_from(records, at)
        at += HEADER.size
        text = str(records[at : at + text_size], "utf-8")
        at += (text_size + 3) & ~3
        end = at + 4 * key_count
        keys = tuple(map(self.vocabulary.__getitem__, records[at:end].cast("i")))
        facts = self._facts(text, end, fact_count) if fact_count else ()
        return self._make_sentence(sid, self._article_ids[article], position, text, keys, facts)

    def _facts(self, text: str, at: int, count: int) -> tuple[FactSpan, ...]:
        records = self._records
        made = []
        for _ in range(count):
            start, end, unit, role, size, value, kind, has_value = FACT.unpack_from(records, at)
            at += FACT.size
            if size < 0:
                words = text[start:end]
            else:
                words = str(records[at : at + size], "utf-8")
                at += size
            made.append(
                self._make_fact(
                    self._kinds[kind],
                    words,
                    start,
                    end,
                    value if has_value else None,
                    self._units[unit] if unit >= 0 else None,
                    self._roles[role] if role >= 0 else None,
                )
            )
        return tuple(made)

    # ---- whole-corpus answers, no sentence built ----------------------------------------

    def per_article(self, value_of: Mapping[str, T]) -> list[T]:
        by_number = np.empty(len(self._article_ids), dtype=object)
        by_number[:] = [value_of[article_id] for article_id in self._article_ids]
        values: list[T] = by_number[np.frombuffer(self._article, dtype=np.int32)].tolist()
        return values

    def positions(self) -> Mapping[int, int]:
        if self.columns.meta.get("ids_sorted"):
            return SentencePositions(self._ids)
        return {sentence_id: i for i, sentence_id in enumerate(self._ids)}

    def key_count(self) -> int:
        return self._key_count

    def speakers(self) -> np.ndarray:
        return self._speakers

    def speaker_keys(self, i: int) -> frozenset[str]:
        return self._keys(self._said_keys, self._said_offsets, i)

    def article_bounds(self, i: int) -> tuple[int, int]:
        article = self._article[i]
        return self._first[article], self._first[article + 1]

    def topic(self, i: int) -> frozenset[str]:
        # Asked for every candidate, more than once a question, and candidates share
        # articles: each article's set is built once while kept.
        return self._topics[self._article[i]]

    def about_the_event(self, i: int) -> bool:
        return bool(self._event_flags[i])

    def event_sentences(self, i: int) -> tuple[int, ...]:
        # Kept per article: a question asks it of its best candidates' articles, and a
        # numpy pass over a few dozen flags costs more than the lookup.
        return self._event_sentences[self._article[i]]

    def _article_topic(self, article: int) -> frozenset[str]:
        return self._keys(self._topic_keys, self._topic_offsets, article)

    def _article_events(self, article: int) -> tuple[int, ...]:
        start, end = self._first[article], self._first[article + 1]
        return tuple((start + np.flatnonzero(self._events[start:end])).tolist())

    def _keys(self, numbers: memoryview, offsets: memoryview, n: int) -> frozenset[str]:
        return frozenset(map(self.vocabulary.__getitem__, numbers[offsets[n] : offsets[n + 1]]))

    def sentence_ids_of(self, article: int) -> tuple[int, ...]:
        """The ids of article number `article`'s sentences, in reading order."""
        first = self.columns["article_first"]
        return tuple(self._ids[first[article] : first[article + 1]])


class SentencePositions(Mapping[int, int]):
    """Sentence id → index, read off the id column when ids grow with the index (as ingest
    writes them): a binary search finds them, and when they are consecutive a subtraction."""

    def __init__(self, ids: Sequence[int]) -> None:
        self._ids = ids
        size = len(ids)
        self._first = ids[0] if size else 0
        # Strictly growing ids spanning exactly `size` values are consecutive.
        self._consecutive = size == 0 or ids[size - 1] - self._first == size - 1

    def __getitem__(self, sentence_id: int) -> int:
        ids = self._ids
        if self._consecutive:
            i = sentence_id - self._first
            if 0 <= i < len(ids):
                return i
            raise KeyError(sentence_id)
        i = bisect_left(ids, sentence_id)
        if i < len(ids) and ids[i] == sentence_id:
            return i
        raise KeyError(sentence_id)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __contains__(self, sentence_id: object) -> bool:
        try:
            self[sentence_id]  # type: ignore[index]
        except (KeyError, TypeError):
            return False
        return True
