"""Loading article files into SQLite: idempotent, one transaction per batch, broken files named."""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import os
import sys
import time
import uuid
from collections.abc import AsyncGenerator, Callable, Collection, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import aclosing
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple, TextIO

from bot.corpus.articles import ArticleError, find_article_files, parse_article_file
from bot.corpus.clean import clean_body
from bot.corpus.facts import SENTENCE_CACHE, facts_of
from bot.corpus.models import ArticleFile, Region
from bot.corpus.sentences import split_sentences
from bot.corpus.summary import summarize
from bot.store.db import DatabaseError, Store
from bot.store.writer import (
    GROUP_ARTICLES,
    ArticleWriter,
    FactRow,
    PreparedArticle,
    prepared_article,
    stored_checksum,
)
from bot.text.fold import KEYING_VERSION, keys

log = logging.getLogger(__name__)

# Above this many files a progress bar is drawn on a terminal.
PROGRESS_FROM = 200
# From this many files, parsing and preparing is spread over worker processes (one per
# core): it is pure CPU work, and starting the workers costs a fraction of a second.
PARALLEL_FROM = 300
CHUNK = 32  # files per task sent to a worker
# When workers prepare the files, writing starts once this share of them is prepared: the
# rest is still being prepared while the first are written, and writing takes about as long
# as preparing the last quarter, so the write lock is held no longer than writing after
# everything was prepared would hold it.
WRITE_AHEAD_FROM = 0.75


@dataclass
class IngestReport:
    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    sentences: int = 0
    facts: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)

    def summary_line(self) -> str:
        line = (
            f"{self.files} files: {self.added} added, {self.replaced} replaced, "
            f"{self.unchanged} unchanged, {self.removed} removed, {len(self.errors)} broken; "
            f"{self.sentences} sentences, {self.facts} facts in {self.seconds:.2f} s"
        )
        return line


# The writer of the ingest running in this task: _insert hands it each article.
_WRITER: ContextVar[ArticleWriter | None] = ContextVar("ingest_writer", default=None)


def prepare(file: ArticleFile) -> PreparedArticle:
    """Clean, split, key and extract: pure work done before touching the database."""
    text = clean_body(file.body, file.title)
    sentences = split_sentences(text)
    if not sentences:
        raise ArticleError(file.path, file.body_line, "no text left after removing page debris")
    # Tuples, not lists: tuples of plain values drop out of the garbage collector's sight,
    # which matters in the process that holds thousands of prepared articles at once.
    facts = tuple(_fact_rows(sentence) for sentence in sentences)
    sentence_keys = [_sentence_keys(sentence) for sentence in sentences]
    summary = file.summary or summarize(file.title, sentences)
    return prepared_article(file, summary, sentences, sentence_keys, facts)


def _fact_rows(sentence: str) -> tuple[FactRow, ...]:
    return tuple(
        (f.kind, f.text, f.start, f.end, f.value, f.unit, f.role) for f in facts_of(sentence)
    )


# Sites repeat sentences (bylines, boilerplate, "деп хабарлайды ..."), and a templated corpus
# far more so: a sentence seen before is keyed from memory (its facts are remembered by
# bot/corpus/facts.py). Each worker process has its own, for as long as it lives (one ingest).
@lru_cache(maxsize=SENTENCE_CACHE)
def _sentence_keys(sentence: str) -> str:
    return " ".join(keys(sentence))


async def sync_regions(store: Store, regions: dict[str, Region]) -> None:
    """Upsert regions; rows that did not change are not rewritten (ingest twice = no change)."""
    rows = [
        (
            r.id,
            position,
            r.kind,
            r.centre,
            json.dumps(r.names, ensure_ascii=False, sort_keys=True),
            json.dumps(list(r.aliases), ensure_ascii=False),
        )
        for position, r in enumerate(regions.values())
    ]
    await store.conn.executemany(
        """
        INSERT INTO regions (id, position, kind, centre, names_json, aliases_json)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
            position = excluded.position, kind = excluded.kind, centre = excluded.centre,
            names_json = excluded.names_json, aliases_json = excluded.aliases_json
        WHERE (position, kind, centre, names_json, aliases_json) IS NOT
              (excluded.position, excluded.kind, excluded.centre, excluded.names_json,
               excluded.aliases_json)
        """,
        rows,
    )


async def ingest(
    store: Store,
    paths: Iterable[Path],
    regions: dict[str, Region],
    *,
    prune: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Load article files. With prune, articles whose files are gone are removed too."""
    if not store.writable:
        raise DatabaseError(f"DATABASE_PATH {store.path} is read-only: articles cannot be loaded.")
    started = time.perf_counter()
    report = IngestReport()
    files = find_article_files(paths)
    report.files = len(files)
    known = {row[0]: row[1] for row in await store.fetchall("SELECT id, checksum FROM articles")}
    waiting: list[PreparedArticle] = []  # prepared, not written yet
    seen: set[str] = set()
    done = 0
    write_ahead_at = len(files) * WRITE_AHEAD_FROM if _in_workers(len(files)) else None
    writer = ArticleWriter(store, _group_size(len(files)))
    writing = _WRITER.set(writer)
    in_transaction = False
    try:
        outcomes = _parse_and_prepare(files, frozenset(regions), known)
        async with aclosing(outcomes):
            async for outcome in outcomes:
                done += 1
                if isinstance(outcome, ArticleError):
                    report.errors.append(outcome)
                elif outcome.article_id in seen:
                    error = f"duplicate article id {outcome.article_id!r}"
                    report.errors.append(ArticleError(outcome.path, None, error))
                else:
                    seen.add(outcome.article_id)
                    if outcome.prepared is None:
                        report.unchanged += 1
                    else:
                        waiting.append(outcome.prepared)
                if progress:
                    progress(done, len(files))
                if not in_transaction and write_ahead_at is not None and done >= write_ahead_at:
                    await _begin(store, regions)
                    in_transaction = True
                if in_transaction:
                    await _write(store, writer, waiting, known, report)
        if not in_transaction:
            await _begin(store, regions)
        await _write(store, writer, waiting, known, report)
        await writer.flush()
        if prune:
            gone = [a for a in known if a not in seen]
            broken_ids = {Path(e.path).stem for e in report.errors}
            gone = [a for a in gone if a not in broken_ids]  # a broken file keeps its old version
            for article_id in gone:
                await store.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            report.removed = len(gone)
        if report.changed:
            await _bump_corpus_version(store)
        await store.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('keying_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value != excluded.value",
            (str(KEYING_VERSION),),
        )
        await store.conn.commit()
    except BaseException:
        await store.conn.rollback()
        raise
    finally:
        _WRITER.reset(writing)
    report.seconds = time.perf_counter() - started
    return report


async def _begin(store: Store, regions: dict[str, Region]) -> None:
    await store.conn.execute("BEGIN IMMEDIATE")
    await sync_regions(store, regions)


async def _write(
    store: Store,
    writer: ArticleWriter,
    waiting: list[PreparedArticle],
    known: dict[str, str],
    report: IngestReport,
) -> None:
    """Hand the waiting articles to the writer, each replacing its old version; empties
    `waiting`."""
    for item in waiting:
        if item.article_id in known:
            await writer.flush()  # a group never spans a DELETE (see bot/store/writer.py)
            await store.conn.execute("DELETE FROM articles WHERE id = ?", (item.article_id,))
            report.replaced += 1
        else:
            report.added += 1
        await _insert(store, item)
        report.sentences += item.sentence_count
        report.facts += sum(map(len, item.facts))
    waiting.clear()


class _Parsed(NamedTuple):
    """A file's outcome as a worker sends it back (a NamedTuple pickles in C, a dataclass
    through Python code)."""

    path: str
    article_id: str
    prepared: PreparedArticle | None  # None: unchanged since the last ingest


def _parse_one(
    region_ids: Collection[str], known_checksum: str | None, path: Path
) -> _Parsed | tuple[str, int | None, str]:
    """Parse and (if changed) prepare one file. An error comes back as its fields: the
    exception itself does not survive the trip from a worker process."""
    try:
        article = parse_article_file(path, region_ids)
        if known_checksum == stored_checksum(article):
            return _Parsed(str(path), article.article_id, None)
        prepared = prepare(article)
    except ArticleError as exc:
        return (exc.path, exc.line, exc.reason)
    # The text as published stays behind: only the rows to write travel back.
    return _Parsed(str(path), article.article_id, prepared)


def _parse_chunk(
    region_ids: Collection[str], tasks: list[tuple[str | None, Path]]
) -> list[_Parsed | tuple[str, int | None, str]]:
    return [_parse_one(region_ids, checksum, path) for checksum, path in tasks]


async def _parse_and_prepare(
    files: Sequence[Path], region_ids: frozenset[str], known: dict[str, str]
) -> AsyncGenerator[_Parsed | ArticleError, None]:
    """Each file's outcome, in file order. Many files are prepared in worker processes
    while the event loop stays free (a /reload does not stop the bot answering)."""
    tasks = [(known.get(path.stem), path) for path in files]
    pool = _process_pool(_worker_count()) if _in_workers(len(tasks)) else None
    if pool is None:
        for checksum, path in tasks:
            yield _outcome(_parse_one(region_ids, checksum, path))
        return
    loop = asyncio.get_running_loop()
    with pool:
        chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
        work = partial(_parse_chunk, region_ids)
        futures = [loop.run_in_executor(pool, work, chunk) for chunk in chunks]
        try:
            for future in futures:
                for result in await future:
                    yield _outcome(result)
        finally:
            for future in futures:
                future.cancel()


def _outcome(result: _Parsed | tuple[str, int | None, str]) -> _Parsed | ArticleError:
    return result if isinstance(result, _Parsed) else ArticleError(*result)


def _in_workers(files: int) -> bool:
    """Whether this many files are prepared in worker processes."""
    return files >= PARALLEL_FROM and _worker_count() >= 2 and _can_fork()


def _worker_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _process_pool(workers: int) -> Executor | None:
    """Worker processes made by fork, or None where there is no fork (then the work stays
    here). Not spawn or forkserver: those run the program's main module again in every
    worker, which a script without an `if __name__ == "__main__"` guard does not survive.
    The workers only parse and prepare text; they never touch the database connection or
    its thread, whose state they inherit."""
    if not _can_fork():
        return None
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _group_size(files: int) -> int:
    """Small loads are written article by article, as they always were (the cost is nothing
    there); large ones in groups of up to GROUP_ARTICLES, a hundredth of the files at most."""
    return max(1, min(GROUP_ARTICLES, files // 100))


async def _insert(store: Store, item: PreparedArticle) -> None:
    """One article: handed to the running ingest's writer, which writes it with the next
    group; outside an ingest, written at once."""
    writer = _WRITER.get()
    if writer is None or writer.store is not store:
        writer = ArticleWriter(store, group=1)
    await writer.add(item)


async def _bump_corpus_version(store: Store) -> None:
    await store.conn.execute(
        "INSERT INTO meta (key, value) VALUES ('corpus_version', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )
    # A name for this state of the corpus that no other database file shares (a rebuilt file
    # starts again at corpus_version 1): caches built from the corpus are keyed by it.
    await store.conn.execute(
        "INSERT INTO meta (key, value) VALUES ('corpus_stamp', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (uuid.uuid4().hex,),
    )


class ProgressBar:
    """A one-line progress bar on stderr, drawn only on a terminal and only for long runs."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM or not self.stream.isatty():
            return
        now = time.monotonic()
        if done != total and now - self.last < 0.1:
            return
        self.last = now
        filled = int(self.width * done / total)
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done == total else ""
        self.stream.write(f"\r[{bar}] {done}/{total} files{end}")
        self.stream.flush()
