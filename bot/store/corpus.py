"""Reading the corpus back out of SQLite for the engine.

At 20,000 articles this is hundreds of thousands of sentences and facts, so it is written for
speed and memory: rows are read in chunks, repeated strings (matching keys, article ids,
fact kinds and units) are shared rather than copied per row, and the built search index is
cached beside the database file, keyed by the corpus it was built from.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import json
import logging
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from bot.corpus.models import Article, Corpus, FactSpan, Region, Sentence
from bot.store.db import Store
from bot.text.fold import KEYING_VERSION, keys

log = logging.getLogger(__name__)

FETCH_ROWS = 20_000


class CorpusSentences(list[Sentence]):
    """The corpus's sentences, and where the search index built over them may be cached
    (`bot.engine.index.SearchIndex` looks for `index_cache`)."""

    index_cache: IndexFile | None = None


class IndexFile:
    """The search index's arrays in one .npz file beside the database, valid only for the
    corpus state (`corpus_stamp`, written by ingest) and keying it was built from."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key

    def load(self) -> dict[str, np.ndarray] | None:
        try:
            with np.load(self.path, allow_pickle=False) as data:
                if _text(data["cache_key"]) != self.key:
                    return None
                return {name: data[name] for name in data.files if name != "cache_key"}
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:  # damaged or foreign: rebuild it
            log.info("ignoring index cache %s: %s", self.path, exc)
            return None

    def save(self, arrays: dict[str, np.ndarray]) -> None:
        # Written aside and renamed: a reader never sees half a file, two writers never mix.
        handle, temporary = tempfile.mkstemp(prefix=self.path.name, dir=self.path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                payload: dict[str, Any] = {"cache_key": _blob(self.key), **arrays}
                np.savez(out, **payload)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def index_cache_path(database: Path) -> Path:
    return Path(f"{database}.index.npz")


async def load_corpus(store: Store) -> Corpus:
    # Hundreds of thousands of new objects, none of them in a reference cycle: the cyclic
    # garbage collector would walk them all again and again while they are made (it was
    # over half the loading time), so it waits until the corpus is built. Then everything
    # alive is moved out of its sight (gc.freeze): the corpus lives as long as the process,
    # and a full collection walking it would stall an answer by most of a second. Objects
    # that die later are still freed as always (by reference counting; the corpus has no
    # cycles).
    with _collector_paused():
        corpus = await _load_corpus(store)
        gc.freeze()  # before the collector is back, or its first run walks everything once
    return corpus


async def _load_corpus(store: Store) -> Corpus:
    regions: dict[str, Region] = {}
    for row in await store.fetchall(
        "SELECT id, kind, centre, names_json, aliases_json FROM regions ORDER BY position"
    ):
        regions[row[0]] = Region(
            id=row[0],
            kind=row[1],
            centre=row[2],
            names=json.loads(row[3]),
            aliases=tuple(json.loads(row[4])),
        )

    article_rows = await store.fetchall(
        "SELECT key, id, title, region, source, date, url, author, summary FROM articles "
        "ORDER BY key"
    )
    article_ids: dict[int, str] = {row[0]: row[1] for row in article_rows}

    intern = sys.intern
    make_fact = _constructor(FactSpan)
    facts: dict[int, list[FactSpan]] = {}
    async for rows in _chunks(
        store,
        "SELECT sentence_id, kind, text, start, end, value, unit, role FROM facts ORDER BY id",
    ):
        for sid, kind, text, start, end, value, unit, role in rows:
            fact = make_fact(
                intern(kind),
                text,
                start,
                end,
                value,
                intern(unit) if unit else unit,
                intern(role) if role else role,
            )
            found = facts.get(sid)
            if found is None:
                facts[sid] = [fact]
            else:
                found.append(fact)

    stored_keying = await store.scalar("SELECT value FROM meta WHERE key = 'keying_version'")
    rekey = stored_keying != str(KEYING_VERSION)

    # Ingest writes an article's sentences in order with growing ids, and a later article
    # always gets a larger key and larger ids, so id order is (article, position) order; a
    # scan in id order reads the table straight through, twice as fast as through the index.
    # The order is checked on the way, and restored by a sort should it ever not hold.
    make_sentence = _constructor(Sentence)
    sentences = CorpusSentences()
    append = sentences.append
    article_keys: list[int] = []
    previous = (-1, -1)
    ordered = True
    no_facts: tuple[FactSpan, ...] = ()
    async for rows in _chunks(
        store, "SELECT id, article_key, position, text, keys FROM sentences ORDER BY id"
    ):
        for sid, article_key, position, text, stored_keys in rows:
            words = keys(text) if rekey else stored_keys.split()
            found = facts.get(sid)
            append(
                make_sentence(
                    sid,
                    article_ids[article_key],
                    position,
                    text,
                    tuple(map(intern, words)),
                    tuple(found) if found else no_facts,
                )
            )
            article_keys.append(article_key)
            ordered = ordered and (article_key, position) > previous
            previous = (article_key, position)
    del facts
    if not ordered:
        order = sorted(
            range(len(sentences)), key=lambda i: (article_keys[i], sentences[i].position)
        )
        sentences[:] = [sentences[i] for i in order]
        article_keys = [article_keys[i] for i in order]
    by_article: dict[int, list[int]] = {}
    for sentence, article_key in zip(sentences, article_keys, strict=True):
        ids = by_article.get(article_key)
        if ids is None:
            by_article[article_key] = [sentence.id]
        else:
            ids.append(sentence.id)
    article_keys = []

    stamp = await store.scalar("SELECT value FROM meta WHERE key = 'corpus_stamp'")
    if stamp and store.path.is_file():
        sentences.index_cache = IndexFile(
            index_cache_path(store.path), f"{stamp}:k{KEYING_VERSION}:n{len(sentences)}"
        )

    articles: dict[str, Article] = {}
    for key, aid, title, region, source, date, url, author, summary in article_rows:
        articles[aid] = Article(
            id=aid,
            key=key,
            title=title,
            region=region,
            source=source,
            summary=summary,
            date=dt.date.fromisoformat(date) if date else None,
            url=url,
            author=author,
            sentence_ids=tuple(by_article.get(key, ())),
        )
    return Corpus(regions=regions, articles=articles, sentences=sentences)


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def _chunks(store: Store, sql: str) -> AsyncIterator[list[Any]]:
    """The query's rows a chunk at a time: one thread hop per chunk, never all rows at once."""
    async with store.conn.execute(sql) as cursor:
        pending = asyncio.ensure_future(cursor.fetchmany(FETCH_ROWS))
        while rows := await pending:
            # The next chunk is read in the database thread while this one is used here.
            pending = asyncio.ensure_future(cursor.fetchmany(FETCH_ROWS))
            await asyncio.sleep(0)
            yield list(rows)


def _constructor(cls: type) -> Callable[..., Any]:
    """A fast way to make instances of a frozen slots dataclass, arguments in field order.

    Its generated __init__ goes through object.__setattr__ once per field (that is how a
    frozen class sets itself up), which costs more than the rest of loading at this scale.
    This sets the slots directly, as a function generated for the class like dataclasses
    generates __init__; a class with __post_init__ or without slots gets its own __init__."""
    names: tuple[str, ...] = getattr(cls, "__slots__", ())
    if not names or hasattr(cls, "__post_init__") or not all(n.isidentifier() for n in names):
        return cls
    namespace: dict[str, Any] = {f"set_{n}": getattr(cls, n).__set__ for n in names}
    namespace.update(new=object.__new__, cls=cls)
    lines = [f"def make({', '.join(names)}):", "    instance = new(cls)"]
    lines += [f"    set_{n}(instance, {n})" for n in names]
    lines.append("    return instance")
    exec("\n".join(lines), namespace)
    make: Callable[..., Any] = namespace["make"]
    return make


def _blob(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(blob: np.ndarray) -> str:
    return blob.tobytes().decode("utf-8")
