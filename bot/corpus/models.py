"""Plain data of the corpus, shared by the loader, the store and the engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")

FactKind = Literal["count", "percent", "money", "year", "date", "person"]


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


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything the engine answers from, as loaded from the database."""

    regions: dict[str, Region]
    articles: dict[str, Article]  # by article id, in load order
    sentences: list[Sentence]  # grouped by article, in reading order
