"""Reading the corpus back out of SQLite for the engine.

At 20,000 articles this is some 350,000 sentences and 400,000 facts, of which a question
reads a few dozen. So sentences are not loaded as objects: they are columns
(bot/store/sentence_columns.py), read out of SQLite once and then kept in a file beside the
database, mapped into memory at start-up (bot/store/corpus_cache.py), and a `Sentence` is
built when the engine reads it. The built search index is cached beside the database too
(`IndexFile`); both caches are keyed by the corpus state they were built from.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.corpus.models import Article, Corpus, FactSpan, Region, Sentence
from bot.store.columns import Columns
from bot.store.corpus_cache import (
    CorpusCache,
    CorpusState,
    corpus_cache_path,
    corpus_state,
    read_columns_from,
)
from bot.store.db import Store
from bot.store.sentence_columns import ColumnSentences, DamagedColumns
from bot.text.fold import KEYING_VERSION

log = logging.getLogger(__name__)

# An ingest committing while the corpus is read leaves a mix of two states: read again.
LOAD_ATTEMPTS = 3


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
    # Many new objects (articles, and the sentence ids they list), none of them in a
    # reference cycle: the cyclic garbage collector would only walk them again and again
    # while they are made, so it waits until the corpus is built. Then everything alive is
    # moved out of its sight (gc.freeze): the corpus lives as long as the process, and a full
    # collection walking it would stall an answer. Objects that die later are still freed as
    # always (by reference counting; the corpus has no cycles).
    with _collector_paused():
        corpus = await _load_corpus(store)
        gc.freeze()  # before the collector is back, or its first run walks everything once
    return corpus


async def _load_corpus(store: Store) -> Corpus:
    for _ in range(LOAD_ATTEMPTS - 1):
        state = await corpus_state(store)
        corpus = await _load_state(store, state)
        if await corpus_state(store) == state:
            return corpus
        log.info("the corpus changed while it was read: reading it again")
    return await _load_state(store, await corpus_state(store))


async def _load_state(store: Store, state: CorpusState) -> Corpus:
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
    article_keys = [row[0] for row in article_rows]
    article_ids = [row[1] for row in article_rows]

    cache = None
    if state.stamp and store.path.is_file():
        cache = CorpusCache(corpus_cache_path(store.path), state)
    sentences = _sentences(cache.load() if cache else None, article_keys, article_ids)
    if sentences is None:
        titles = [row[2] for row in article_rows]
        buffers, meta = await read_columns_from(store, article_keys, titles, state.rekey)
        columns = None
        if cache is not None and await corpus_state(store) == state:
            columns = cache.save(buffers, meta)  # mapped back: memory only where read
        sentences = _sentences(columns, article_keys, article_ids)
        if sentences is None:
            sentences = _sentences(Columns.in_memory(buffers, meta), article_keys, article_ids)
        del buffers
        assert sentences is not None
    if cache is not None:
        sentences.index_cache = IndexFile(
            index_cache_path(store.path),
            f"{state.stamp}:k{KEYING_VERSION}:n{len(sentences)}",
        )

    make_article = _constructor(Article)  # takes the fields by name too
    articles: dict[str, Article] = {}
    for n, (key, aid, title, region, source, date, url, author, summary) in enumerate(article_rows):
        articles[aid] = make_article(
            id=aid,
            key=key,
            title=title,
            region=region,
            source=source,
            summary=summary,
            date=dt.date.fromisoformat(date) if date else None,
            url=url,
            author=author,
            sentence_ids=sentences.sentence_ids_of(n),
        )
    return Corpus(regions=regions, articles=articles, sentences=sentences)


def _sentences(
    columns: Columns | None, article_keys: list[int], article_ids: list[str]
) -> ColumnSentences | None:
    """The columns as sentences, if they are of these articles and whole."""
    if columns is None:
        return None
    if columns.meta.get("article_keys") != article_keys:
        log.info("corpus columns of other articles: reading the corpus again")
        return None
    try:
        return ColumnSentences(columns, article_ids, _constructor(Sentence), _constructor(FactSpan))
    except (DamagedColumns, KeyError, TypeError, ValueError) as exc:
        log.info("ignoring damaged corpus columns: %s", exc)
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
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
