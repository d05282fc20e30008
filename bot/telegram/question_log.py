"""The question log, written behind: a question costs the handler no database round trip.

`Store.log_question` inserts and commits each question as it comes: two statements on
aiosqlite's thread, and each thread hop stalls the event loop (the GIL changes hands) for tens
of microseconds to milliseconds. Here a question is a row in memory; the rows (and the 👍/👎
votes) go to the database together, in one transaction, `flush_interval` seconds later (0.1 s),
before `/stats` reads the figures, and at the dispatcher's shutdown.

The question's id is needed at once (the answer's 👍/👎 refer to it), before its row is
written, so the ids are handed out here, from above the largest id in the table:
- a range of ids is *reserved* in the database (table `telegram_question_log`) before any id
  of it is handed out, so ids given out just before a crash, whose rows were lost, are never
  given to other questions after the restart (a late 👍 on such an answer counts for nothing
  rather than for another question);
- another process writing the same table meanwhile (`python -m bot chat`) takes the next id
  after the largest row, which may be one handed out here: then this log's rows move to free
  ids when they are written, and the moves are kept (table `telegram_question_ids`), so a 👍
  on one of those answers, now or after a restart, still counts for its own question.

A clean stop loses nothing; a crash loses the questions (and votes) of at most the last
`flush_interval`. Ids have gaps (a restart goes on after the last reserve, 10,000 at a time):
nothing counts on them being consecutive. Answers do not wait for the log (only the first
question after a start waits for the first reserve), and a log that cannot be written
(read-only file, locked database) never costs a user an answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import sqlite3
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from bot.store.stats import question_row

if TYPE_CHECKING:
    from bot.engine.models import Answer
    from bot.store.db import Store
    from bot.store.stats import Stats

log = logging.getLogger(__name__)

FLUSH_INTERVAL = 0.1  # seconds; what a crash can lose
RESERVE = 10_000  # ids reserved at a time
MAX_PENDING = 50_000  # rows kept while the database refuses writes; older ones are dropped

_SCHEMA = """
CREATE TABLE IF NOT EXISTS telegram_question_log (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS telegram_question_ids (
    handed_out INTEGER PRIMARY KEY,
    id INTEGER NOT NULL
);
"""
_INSERT_QUESTION = (
    "INSERT INTO questions (id, asked_at, front_end, language, intent, region, question, "
    "answered, article_id, sentence_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# A vote names the id handed out; if that row was moved, the move says where it went.
_INSERT_VOTE = (
    "INSERT INTO feedback (question_id, value) SELECT id, ? FROM questions WHERE id = "
    "coalesce((SELECT id FROM telegram_question_ids WHERE handed_out = ?), ?) "
    "ON CONFLICT (question_id) DO UPDATE SET value = excluded.value"
)
_RESERVE = (
    "INSERT INTO telegram_question_log (name, value) VALUES ('reserved', ?) "
    "ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)"
)


@dataclass(frozen=True, slots=True)
class _Row:
    handed_out: int  # the id the chat holds (for its 👍/👎)
    id: int  # the row's id: the same, unless another process took it
    asked_at: str
    columns: tuple[Any, ...]  # front_end ... sentence_id (bot.store.stats.question_row)

    def params(self) -> tuple[Any, ...]:
        return (self.id, self.asked_at, *self.columns)


class BufferedQuestionLog:
    """The `QuestionLog` of the Telegram front end, over the store's connection."""

    def __init__(
        self, store: Store, *, flush_interval: float = FLUSH_INTERVAL, reserve: int = RESERVE
    ) -> None:
        self.store = store
        self.flush_interval = flush_interval
        self.reserve = reserve
        self._rows: list[_Row] = []
        self._votes: list[tuple[int, int]] = []  # (id handed out, value)
        self._moved: dict[int, int] = {}  # id handed out -> the row's id, this run
        self._next_id: int | None = None  # the next id to hand out
        self._reserved = 0  # ids up to this one are reserved in the database
        self._flush_lock = asyncio.Lock()
        self._flusher: asyncio.Task[None] | None = None
        self._failing = False
        self._closed = False
        self._writing = 0  # rows and votes of the write in progress

    # ---- the QuestionLog protocol -----------------------------------------------------------

    async def log_question(self, front_end: str, answer: Answer) -> int | None:
        """The question's id (its row is written shortly); None when nothing can be saved."""
        if not self.store.writable or self._closed:
            return None
        if self._next_id is None or self._next_id > self._reserved:
            try:
                await self._reserve_more()
            except sqlite3.Error as exc:
                self._lost(exc)
                return None
        assert self._next_id is not None
        question_id = self._next_id
        self._next_id += 1
        self._rows.append(_Row(question_id, question_id, _now(), question_row(front_end, answer)))
        self._soon()
        return question_id

    async def log_feedback(self, question_id: int, value: int) -> bool:
        if not self.store.writable or value not in (-1, 1) or self._closed:
            return False
        self._votes.append((question_id, value))
        self._soon()
        return True

    async def stats(self) -> Stats:
        """The store's figures, with every question asked so far in them."""
        with contextlib.suppress(sqlite3.Error):  # the figures still show what is written
            await self.flush()
        return await self.store.stats()

    # ---- writing ----------------------------------------------------------------------------

    def pending(self) -> int:
        """Questions and votes not yet written (a write in progress included)."""
        return len(self._rows) + len(self._votes) + self._writing

    async def flush(self) -> None:
        """Write the pending questions and votes in one transaction."""
        async with self._flush_lock:
            if not (self._rows or self._votes) or not self.store.writable:
                return
            rows, self._rows = self._rows, []
            votes, self._votes = self._votes, []
            self._writing = len(rows) + len(votes)
            conn = self.store.conn
            try:
                try:
                    await self._write(rows, votes)
                except sqlite3.IntegrityError:
                    # Another process took some of these ids: move the rows to free ones.
                    await conn.rollback()
                    rows = await self._move(rows)
                    await self._write(rows, votes)
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    await conn.rollback()
                if self._lost(exc):
                    self._keep(rows, votes)
                raise
            except ValueError:  # the store's connection is closed
                self._keep(rows, votes)
                raise
            finally:
                self._writing = 0

    def _keep(self, rows: list[_Row], votes: list[tuple[int, int]]) -> None:
        """Back in the queue for the next try, oldest first, within a bound."""
        self._rows = (rows + self._rows)[-MAX_PENDING:]
        self._votes = (votes + self._votes)[-MAX_PENDING:]

    async def close(self) -> None:
        """Write what is pending (the dispatcher's shutdown calls this); later questions are
        not logged."""
        self._closed = True
        try:
            # After a write in progress (the lock), never by cancelling it: a write cut off
            # after its commit would be written twice.
            await self.flush()
        except (sqlite3.Error, ValueError) as exc:
            log.warning("%d questions were not saved: %s", self.pending(), exc)
        flusher, self._flusher = self._flusher, None
        if flusher is not None and flusher is not asyncio.current_task():
            flusher.cancel()  # asleep, or about to find nothing to write
            with contextlib.suppress(asyncio.CancelledError):
                await flusher

    async def _write(self, rows: list[_Row], votes: list[tuple[int, int]]) -> None:
        conn = self.store.conn
        if rows:
            await conn.executemany(_INSERT_QUESTION, [row.params() for row in rows])
        if votes:
            await conn.executemany(
                _INSERT_VOTE,
                [
                    (value, handed_out, self._moved.get(handed_out, handed_out))
                    for handed_out, value in votes
                ],
            )
        reserve_to = None
        if self._next_id is not None and self._next_id + self.reserve // 2 > self._reserved:
            # Half the reserve is used: reserve more in the same transaction, ahead of need.
            reserve_to = self._next_id - 1 + self.reserve
            await conn.execute(_RESERVE, (reserve_to,))
        await conn.commit()
        if reserve_to is not None:
            self._reserved = max(self._reserved, reserve_to)

    async def _move(self, rows: list[_Row]) -> list[_Row]:
        """New ids for `rows`, above every row and every id handed out; the moves recorded.
        Ids are handed out from above the moved rows from now on (the ones skipped are never
        used: gaps in the ids are harmless)."""
        assert self._next_id is not None
        largest = int(await self.store.scalar("SELECT coalesce(max(id), 0) FROM questions"))
        first = max(largest + 1, self._next_id, self._reserved + 1)
        moved = [replace(row, id=first + n) for n, row in enumerate(rows)]
        await self.store.conn.executemany(
            "INSERT OR REPLACE INTO telegram_question_ids (handed_out, id) VALUES (?, ?)",
            [(row.handed_out, row.id) for row in moved],
        )
        self._moved.update((row.handed_out, row.id) for row in moved)
        # Until the reservation past the moved rows is committed (by `_write`), questions wait
        # for it in `_reserve_more`.
        self._next_id = first + len(rows)
        log.info(
            "%d question ids were taken by another process; their rows moved to %d..%d",
            len(rows),
            first,
            first + len(rows) - 1,
        )
        return moved

    async def _reserve_more(self) -> None:
        """Reserve the next ids in the database (committed) before handing any out."""
        async with self._flush_lock:  # never inside a flush's transaction
            conn = self.store.conn
            if self._next_id is None:
                await conn.executescript(_SCHEMA)
                largest = await self.store.scalar("SELECT coalesce(max(id), 0) FROM questions")
                reserved = await self.store.scalar(
                    "SELECT value FROM telegram_question_log WHERE name = 'reserved'"
                )
                # Ids reserved by the last run may have been handed out, their rows lost.
                self._next_id = max(int(largest), int(reserved or 0)) + 1
            if self._next_id <= self._reserved:
                return  # reserved meanwhile, by a flush or another question
            reserve_to = self._next_id - 1 + self.reserve
            try:
                await conn.execute(_RESERVE, (reserve_to,))
                await conn.commit()
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    await conn.rollback()
                raise
            self._reserved = max(self._reserved, reserve_to)

    def _soon(self) -> None:
        if self._flusher is None and not self._closed:
            self._flusher = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        try:
            while (self._rows or self._votes) and not self._closed:
                await asyncio.sleep(self.flush_interval)
                try:
                    await self.flush()
                except sqlite3.Error:
                    continue  # said by _lost; tried again next round
                except ValueError:
                    log.warning("%d questions not saved: the database was closed", self.pending())
                    return
                if self._failing:
                    log.info("questions are saved again")
                    self._failing = False
        finally:
            if self._flusher is asyncio.current_task():
                self._flusher = None

    def _lost(self, exc: sqlite3.Error) -> bool:
        """Say why a write failed (once); True if it may work later, so keep the rows."""
        text = str(exc)
        if "readonly" in text or "read-only" in text:
            self.store.writable = False
            log.warning(
                "database %s became read-only: statistics are no longer saved", self.store.path
            )
            return False
        if not self._failing:
            log.warning("questions not saved yet (trying again): %s", exc)
        self._failing = True
        return True


def _now() -> str:
    """The time of asking, as the table's default writes it (to the second). Formatted once a
    second: a busy bot logs many questions in the same second."""
    second = int(time.time())
    if second != _LastSecond.second:
        moment = dt.datetime.fromtimestamp(second, dt.UTC)
        _LastSecond.text = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        _LastSecond.second = second
    return _LastSecond.text


class _LastSecond:
    """The second `_now` formatted last, and how."""

    second = -1
    text = ""
