"""Opening the SQLite file: WAL, migrations, and one clear sentence for every way it can fail."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import aiosqlite

from bot.store.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from bot.engine.models import Answer
    from bot.store.stats import Stats

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0


async def connect(database: str | Path, **kwargs: Any) -> aiosqlite.Connection:
    """aiosqlite.connect, the file tried with sqlite3 first: when aiosqlite's own connect
    fails, its worker thread reports its stop to the event loop later, and raises if the
    loop has closed by then (a bot that could not open its file exits)."""
    await asyncio.to_thread(_try_open, database, bool(kwargs.get("uri")))
    return await aiosqlite.connect(database, **kwargs)


def _try_open(database: str | Path, uri: bool) -> None:
    sqlite3.connect(database, uri=uri).close()


class DatabaseError(Exception):
    """The database cannot be used; the message says what to do, in one sentence."""


class Store:
    """One aiosqlite connection to DATABASE_PATH. Read-only files still serve answers."""

    def __init__(self, conn: aiosqlite.Connection, path: Path, *, writable: bool) -> None:
        self.conn = conn
        self.path = path
        self.writable = writable

    @classmethod
    async def open(cls, path: Path, *, busy_timeout: float | None = None) -> Store:
        path = Path(path)
        busy_timeout = BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
        writable = _can_write(path)
        try:
            if writable:
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = await connect(path, timeout=busy_timeout)
            elif path.exists():
                conn = await connect(_read_only_uri(path), uri=True, timeout=busy_timeout)
            else:
                raise DatabaseError(
                    f"DATABASE_PATH {path} does not exist and its folder is not writable: "
                    "point DATABASE_PATH at a writable place."
                )
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"DATABASE_PATH {path} cannot be opened: {exc}.") from None
        store = cls(conn, path, writable=writable)
        try:
            await store._prepare(busy_timeout)
        except BaseException:
            await conn.close()
            raise
        if not writable:
            log.warning("database %s is read-only: answers work, statistics are not saved", path)
        return store

    async def _prepare(self, busy_timeout: float) -> None:
        try:
            await self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            version = await self.scalar("PRAGMA user_version")
            if version > SCHEMA_VERSION:
                raise DatabaseError(
                    f"DATABASE_PATH {self.path} was written by a newer version of the bot "
                    f"(schema {version}, this one knows {SCHEMA_VERSION}): upgrade the bot or "
                    "point DATABASE_PATH at another file."
                )
            if self.writable:
                await self.conn.execute("PRAGMA journal_mode = WAL")
                await self.conn.execute("PRAGMA synchronous = NORMAL")
            await self.conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                if not self.writable:
                    raise DatabaseError(
                        f"DATABASE_PATH {self.path} needs a schema upgrade but is read-only: "
                        "open it once with write access."
                    )
                await self._migrate(version)
        except sqlite3.Error as exc:
            raise database_error(self.path, exc, busy_timeout) from None

    async def _migrate(self, current: int) -> None:
        for number in range(current + 1, SCHEMA_VERSION + 1):
            # executescript commits first; the migration and its version bump are one transaction.
            script = MIGRATIONS[number - 1]
            await self.conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )
            log.info("database %s upgraded to schema %d", self.path, number)

    async def close(self) -> None:
        await self.conn.close()

    # Reads run in one step on the connection's thread (execute_fetchall): a statement left
    # open across an await would hold a read transaction, and the question log's write queued
    # meanwhile on this connection would fail at once with "database is locked" while the
    # chat memory writes, instead of waiting its busy timeout.

    async def scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        rows = await self.conn.execute_fetchall(sql, params)
        row = next(iter(rows), None)
        return row[0] if row else None

    async def fetchall(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return list(await self.conn.execute_fetchall(sql, params))

    async def article_count(self) -> int:
        return int(await self.scalar("SELECT count(*) FROM articles"))

    async def log_question(self, front_end: str, answer: Answer) -> int | None:
        from bot.store.stats import log_question

        return await log_question(self, front_end, answer)

    async def log_feedback(self, question_id: int, value: int) -> bool:
        from bot.store.stats import log_feedback

        return await log_feedback(self, question_id, value)

    async def stats(self) -> Stats:
        from bot.store.stats import collect_stats

        return await collect_stats(self)


def database_error(
    path: Path, exc: sqlite3.Error, busy_timeout: float | None = None
) -> DatabaseError:
    """One sentence for an SQLite failure, wherever it surfaced (opening, ingest, loading)."""
    waited = BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"DATABASE_PATH {path} is locked by another process "
            f"(waited {waited:g} s): stop the other bot or ingest and try again."
        )
    if isinstance(exc, sqlite3.OperationalError):
        return DatabaseError(f"DATABASE_PATH {path} cannot be used: {exc}.")
    return DatabaseError(
        f"DATABASE_PATH {path} is not a readable SQLite database ({exc}): move it "
        "away and run `python -m bot ingest` to build a new one."
    )


def _read_only_uri(path: Path) -> str:
    """mode=ro, plus immutable=1 when neither the folder nor a -shm file lets SQLite share
    WAL memory: without it a WAL file on a read-only volume cannot be opened at all, and with
    no -shm there is no writer whose changes immutable could miss."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not os.access(path.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


def _can_write(path: Path) -> bool:
    """Whether the file (or, if missing, its nearest existing folder) accepts writes."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)
