"""Plain data of the corpus, shared by the loader, the store and the engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar, overload

import numpy as np

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")

T = TypeVar("T")

# "place" is found at answer time only (the place a "where" question asks for).
FactKind = Literal["count", "percent", "money", "year", "date", "person", "place"]


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    names: dict[str, str]  # language -> name ("kk", "ru", "en")
    aliases: tuple[str, ...]  # every spelling people type, inflected forms included
    kind: str = "oblast"  # oblast | city | country
    centre: str | None = None

    @property
    def command(self) -> str:
        return f"/{self.id}"

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["kk"]


@dataclass(frozen=True, slots=True)
class FactSpan:
    """A fact found inside one sentence: a number with what it counts, a date, a person."""

    kind: FactKind
    text: str  # the words as written, e.g. "165 ауыл әкімі", "4,5 пайызы", "Марат Сұлтанғазиев"
    start: int  # character offsets of `text` inside the sentence
    end: int
    value: float | None = None  # 4.5, 2600, 1500000.0; None for persons
    unit: str | None = None  # what the number counts ("ауыл әкімі", "орын", "теңге", "адам")
    role: str | None = None  # for persons: "облыс әкімі"


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """One parsed `seeds/articles/*.md` file, before cleaning."""

    path: str
    article_id: str  # the file name without .md: stable across reloads
    title: str
    region: str
    source: str
    body: str  # the text as published
    body_line: int  # line number of the body's first line in the file (for error messages)
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None
    summary: str | None = None
    checksum: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    id: int  # database id; unique across the corpus
    article_id: str
    position: int  # 0-based order inside the article
    text: str
    keys: tuple[str, ...] = ()  # matching keys (bot.text.fold.keys), computed at ingest
    facts: tuple[FactSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    key: int  # short numeric id (database rowid): fits in callback data
    title: str
    region: str
    source: str
    summary: str
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None
    sentence_ids: tuple[int, ...] = field(default=())


class SentenceTable(Sequence[Sentence]):
    """Sentences kept as columns and built as `Sentence` objects only when read (the store's
    corpus: hundreds of thousands of sentences, of which a question reads a few dozen).

    Besides being a Sequence[Sentence], it answers what start-up asks of every sentence
    (their ids, articles and key counts) without building any; `Corpus` turns to these.
    A subclass provides `__len__` and `sentence(i)`; the rest here has plain defaults."""

    def __len__(self) -> int:
        raise NotImplementedError

    def sentence(self, i: int) -> Sentence:
        """Sentence i (0 <= i < len), built."""
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...

    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        if isinstance(index, slice):
            return [self.sentence(i) for i in range(len(self))[index]]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("sentence index out of range")
        return self.sentence(index)

    def __iter__(self) -> Iterator[Sentence]:
        return map(self.sentence, range(len(self)))

    def __reversed__(self) -> Iterator[Sentence]:
        return map(self.sentence, reversed(range(len(self))))

    def per_article(self, value_of: Mapping[str, T]) -> list[T]:
        """Each sentence's article's value (`value_of` maps article ids), in order."""
        return [value_of[s.article_id] for s in self]

    def positions(self) -> Mapping[int, int]:
        """Sentence id → its index here."""
        return {s.id: i for i, s in enumerate(self)}

    def key_count(self) -> int:
        """How many matching keys all the sentences have together (repeats counted)."""
        return sum(len(s.keys) for s in self)

    # What the corpus says of its sentences beyond their words, when kept with them
    # (bot/corpus/quotations.py, the ranker's article topics); None: not kept, read from
    # the sentences as they are asked for.

    def speakers(self) -> np.ndarray | None:
        """Each sentence's speaker: the index of the sentence naming who says it, -1 for
        nobody (int32)."""
        return None

    def speaker_keys(self, i: int) -> frozenset[str]:
        """The keys of the person sentence i names as a speaker (when `speakers` is kept)."""
        raise NotImplementedError

    def article_bounds(self, i: int) -> tuple[int, int]:
        """Sentence i's article: its first sentence and past its last (when `speakers` is
        kept)."""
        raise NotImplementedError

    def topic(self, i: int) -> frozenset[str] | None:
        """The keys of sentence i's article title and lead sentence."""
        return None

    def about_the_event(self, i: int) -> bool | None:
        """Whether sentence i is about its article's event (bot/corpus/events.py)."""
        return None

    def event_sentences(self, i: int) -> tuple[int, ...] | None:
        """The sentences of sentence i's article about its event, by index."""
        return None


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything the engine answers from, as loaded from the database."""

    regions: dict[str, Region]
    articles: dict[str, Article]  # by article id, in load order
    # Grouped by article, in reading order: a list, or the store's SentenceTable.
    sentences: Sequence[Sentence]

    def sentence_positions(self) -> Mapping[int, int]:
        """Sentence id → its index in `sentences`."""
        if isinstance(self.sentences, SentenceTable):
            return self.sentences.positions()
        return {s.id: i for i, s in enumerate(self.sentences)}

    def sentence_regions(self) -> list[str]:
        """Each sentence's region (its article's), in order."""
        region_of = {article_id: a.region for article_id, a in self.articles.items()}
        if isinstance(self.sentences, SentenceTable):
            return self.sentences.per_article(region_of)
        return [region_of[s.article_id] for s in self.sentences]

    def average_keys(self) -> float:
        """Matching keys per sentence, on average (0.0 for no sentences)."""
        if isinstance(self.sentences, SentenceTable):
            total = self.sentences.key_count()
        else:
            total = sum(len(s.keys) for s in self.sentences)
        return total / max(len(self.sentences), 1)
