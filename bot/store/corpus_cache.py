"""The sentence columns (bot/store/sentence_columns.py): read out of SQLite once, then kept
in a column file beside the database, keyed by the corpus state they were read from.

Reading 350,000 sentences and 400,000 facts out of SQLite takes seconds; mapping the file
takes milliseconds, so only the first start after an ingest pays the reading (and
`python -m bot ingest` starts it itself). A stale file (another corpus stamp, keying or
format) or a damaged one is ignored and written again.
"""

from __future__ import annotations

import array
import asyncio
import hashlib
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from bot.corpus import events, quotations
from bot.corpus.models import FactSpan, Sentence
from bot.store.columns import Columns, read_columns, write_columns
from bot.store.db import Store
from bot.store.sentence_columns import FACT, HEADER
from bot.text import fold as fold_module
from bot.text.fold import KEYING_VERSION, keys

log = logging.getLogger(__name__)

# Bump when the columns change meaning: a file of another format is read again from SQLite.
COLUMNS_FORMAT = 4
FETCH_ROWS = 20_000


def corpus_cache_path(database: Path) -> Path:
    return Path(f"{database}.corpus.columns")


@dataclass(frozen=True, slots=True)
class CorpusState:
    """What the columns are built from: the database's corpus stamp (new at every ingest
    that changes something) and keying; None stamp: a database that never had one."""

    stamp: str | None
    stored_keying: str | None

    @property
    def rekey(self) -> bool:
        """Whether the stored keys are of another keying than this code's: they are made
        again from the text."""
        return self.stored_keying != str(KEYING_VERSION)

    def key(self) -> str:
        # Re-made keys come from this code's folding, so its digest is part of the key; the
        # quotations are always this code's reading.
        keying = f"k{KEYING_VERSION}:{_fold_digest()}" if self.rekey else f"k{KEYING_VERSION}"
        return (
            f"{self.stamp}:{keying}:f{COLUMNS_FORMAT}"
            f":q{_digest(quotations.__file__)}:e{_digest(events.__file__)}"
        )


async def corpus_state(store: Store) -> CorpusState:
    stamp = await store.scalar("SELECT value FROM meta WHERE key = 'corpus_stamp'")
    keying = await store.scalar("SELECT value FROM meta WHERE key = 'keying_version'")
    return CorpusState(stamp, keying)


class CorpusCache:
    def __init__(self, path: Path, state: CorpusState) -> None:
        self.path = path
        self.key = state.key()

    def load(self) -> Columns | None:
        return read_columns(self.path, self.key)

    def save(self, buffers: dict[str, Any], meta: dict[str, Any]) -> Columns | None:
        """Write the columns and map them back (so they take memory only where read);
        None if the folder does not take the file."""
        try:
            write_columns(self.path, self.key, meta, buffers)
        except OSError as exc:  # a read-only folder: answers work, start-up is slower
            log.info("corpus columns not cached: %s", exc)
            return None
        return read_columns(self.path, self.key)


class _Numbering(dict[str, int]):
    """Numbers strings in order of first sight: `numbering[s]` adds s if new."""

    def __missing__(self, text: str) -> int:
        number = self[text] = len(self)
        return number


async def read_columns_from(
    store: Store, article_keys: list[int], titles: list[str], rekey: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sentence columns (buffers by name, and the small tables as `meta`) of the
    database's corpus, sentences grouped by article in `article_keys` order (`titles`:
    theirs, in the same order)."""
    article_number = {key: n for n, key in enumerate(article_keys)}
    facts = await _read_facts(store)
    # Ingest writes an article's sentences in order with growing ids, and a later article
    # always gets a larger key and larger ids, so id order is (article, position) order; a
    # scan in id order reads the table straight through, twice as fast as through an index.
    # Should that order not hold, the sentences are read again in the order they must have.
    writer = await _read_sentences(store, article_number, titles, facts, rekey, "id")
    if writer is None:
        log.info("sentence ids out of reading order: reading them by article")
        writer = await _read_sentences(
            store, article_number, titles, facts, rekey, "article_key, position"
        )
        assert writer is not None
    return writer.finish(len(article_keys)), {
        "fact_kinds": list(writer.kinds),
        "fact_units": list(writer.units),
        "fact_roles": list(writer.roles),
        "key_count": writer.key_count,
        "ids_sorted": all(a < b for a, b in pairwise(writer.ids)),
        "article_keys": article_keys,
    }


FactRow = tuple[str, str, int, int, float | None, str | None, str | None]


async def _read_facts(store: Store) -> dict[int, list[FactRow]]:
    """Every sentence's facts (in fact id order), by sentence id."""
    facts: dict[int, list[FactRow]] = {}
    async for rows in _chunks(
        store,
        "SELECT sentence_id, kind, text, start, end, value, unit, role FROM facts ORDER BY id",
    ):
        for sid, *fact in rows:
            found = facts.get(sid)
            if found is None:
                facts[sid] = [tuple(fact)]
            else:
                found.append(tuple(fact))
    return facts


async def _read_sentences(
    store: Store,
    article_number: dict[int, int],
    titles: list[str],
    facts: dict[int, list[FactRow]],
    rekey: bool,
    order: str,
) -> RecordWriter | None:
    writer = RecordWriter(titles)
    previous = (-1, -1)
    no_facts: list[FactRow] = []
    sql = f"SELECT id, article_key, position, text, keys FROM sentences ORDER BY {order}"
    async with aclosing(_chunks(store, sql)) as chunks:
        async for rows in chunks:
            for sid, article_key, position, text, stored_keys in rows:
                article = article_number[article_key]
                if (article, position) <= previous:
                    return None
                previous = (article, position)
                words = keys(text) if rekey else stored_keys.split()
                writer.add(sid, article, position, text, words, facts.get(sid, no_facts))
    return writer


class RecordWriter:
    """Sentences into the record layout of bot/store/sentence_columns.py, with what is read
    of each article as a whole: who says each sentence and the keys naming them
    (bot/corpus/quotations.py), and the keys of its title and lead (its topic)."""

    def __init__(self, titles: list[str]) -> None:
        self.titles = titles
        self.ids = array.array("q")
        self.articles = array.array("i")
        self.records = bytearray()
        self.offsets = array.array("q", [0])
        self.key_count = 0
        self.vocabulary = _Numbering()
        self.kinds, self.units, self.roles = _Numbering(), _Numbering(), _Numbering()
        self.speakers = array.array("i")
        self.said_keys = array.array("i")
        self.said_offsets = array.array("i", [0])
        self.topics: dict[int, array.array[int]] = {}
        self.events = array.array("B")
        # The article being written: its number, first sentence and sentences (as objects
        # only when the article may quote anyone).
        self._article = -1
        self._first = 0
        self._sentences: list[tuple[int, int, str, list[str], list[FactRow]]] = []
        self._quoted = False

    def add(
        self,
        sid: int,
        article: int,
        position: int,
        text: str,
        words: list[str],
        facts: list[FactRow],
    ) -> None:
        if article != self._article:
            self._finish_article()
            self._article, self._first = article, len(self.ids)
            self.topics[article] = array.array(
                "i", sorted({self.vocabulary[k] for k in (*keys(self.titles[article]), *words)})
            )
        self._sentences.append((sid, position, text, words, facts))
        self._quoted = self._quoted or quotations.may_quote(text)
        records = self.records
        encoded = text.encode("utf-8")
        size = len(encoded)
        key_ids = array.array("i", map(self.vocabulary.__getitem__, words))
        self.key_count += len(key_ids)
        records += HEADER.pack(sid, article, position, size, len(key_ids), len(facts))
        records += encoded
        records += _PADDING[size & 3]  # the key numbers start 4-aligned
        records += key_ids
        if facts:
            self._add_facts(text, facts)
        records += _PADDING[len(records) & 3]
        self.offsets.append(len(records))
        self.ids.append(sid)
        self.articles.append(article)
        self.events.append(events.about_the_event(text))

    def _add_facts(self, text: str, facts: list[FactRow]) -> None:
        records = self.records
        for kind, fact_text, start, end, value, unit, role in facts:
            # Nearly always the words as they stand in the sentence: then only their place.
            own = 0 <= start <= end and text[start:end] == fact_text
            fact_bytes = b"" if own else fact_text.encode("utf-8")
            records += FACT.pack(
                start,
                end,
                self.units[unit] if unit is not None else -1,
                self.roles[role] if role is not None else -1,
                -1 if own else len(fact_bytes),
                value if value is not None else 0.0,
                self.kinds[kind],
                value is not None,
            )
            records += fact_bytes

    def _finish_article(self) -> None:
        first = self._first
        said: dict[int, array.array[int]] = {}
        speakers = [-1] * len(self._sentences)
        if self._quoted:
            article = [
                Sentence(sid, "", position, text, tuple(words), _spans(facts))
                for sid, position, text, words, facts in self._sentences
            ]
            for k, v in quotations.attribute(article).items():
                speakers[k] = first + v
                if v not in said:
                    found = quotations.speaker_keys(article[v], article)
                    said[v] = array.array("i", sorted(map(self.vocabulary.__getitem__, found)))
        self.speakers.extend(speakers)
        for k in range(len(speakers)):
            if k in said:
                self.said_keys.extend(said[k])
            self.said_offsets.append(len(self.said_keys))
        self._sentences, self._quoted = [], False

    def finish(self, article_count: int) -> dict[str, Any]:
        if len(self.kinds) > 255:
            raise ValueError("more than 255 kinds of fact")
        self._finish_article()
        topics = array.array("i")
        topic_offsets = array.array("i", [0])
        for article in range(article_count):
            topics.extend(self.topics.get(article, ()))
            topic_offsets.append(len(topics))
        return {
            "sentence_id": self.ids,
            "article": self.articles,
            "record_offsets": self.offsets,
            "records": self.records,
            "vocabulary": "\n".join(self.vocabulary).encode("utf-8"),
            "article_first": _article_offsets(self.articles, article_count),
            "speaker": self.speakers,
            "said_offsets": self.said_offsets,
            "said_keys": self.said_keys,
            "topic_offsets": topic_offsets,
            "topic_keys": topics,
            "event": self.events,
        }


def _spans(facts: list[FactRow]) -> tuple[FactSpan, ...]:
    """The person facts as spans: all the quotations read of facts."""
    return tuple(
        FactSpan(kind, text, start, end, value, unit, role)  # type: ignore[arg-type]
        for kind, text, start, end, value, unit, role in facts
        if kind == "person"
    )


# Zero bytes that bring a length of n (mod 4) to a multiple of 4.
_PADDING = (b"", b"\0\0\0", b"\0\0", b"\0")


def _article_offsets(articles: array.array[int], count: int) -> array.array[int]:
    """Each article's first sentence (and the end), for sentences grouped by article."""
    sizes = [0] * count
    for article in articles:
        sizes[article] += 1
    offsets = array.array("q", [0])
    total = 0
    for size in sizes:
        total += size
        offsets.append(total)
    return offsets


async def _chunks(store: Store, sql: str) -> AsyncGenerator[list[Any], None]:
    """The query's rows a chunk at a time: one thread hop per chunk, never all rows at once."""
    async with store.conn.execute(sql) as cursor:
        pending = asyncio.ensure_future(cursor.fetchmany(FETCH_ROWS))
        try:
            while rows := await pending:
                # The next chunk is read in the database thread while this one is used here.
                pending = asyncio.ensure_future(cursor.fetchmany(FETCH_ROWS))
                await asyncio.sleep(0)
                yield list(rows)
        finally:
            if not pending.done():
                await asyncio.wait([pending])


def _fold_digest() -> str:
    return _digest(fold_module.__file__)


@cache
def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
