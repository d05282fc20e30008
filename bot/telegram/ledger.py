"""Which updates this bot has already answered, so a restart never answers one twice.

Telegram forgets an update only when the next getUpdates asks with a higher offset. If the
process dies between answering and that call, the update comes again; the ledger (a table in
the DATABASE_PATH file) says it was handled. Rows below the confirmed offset are deleted: those
updates can never come back.
"""

from __future__ import annotations

from typing import Protocol

import aiosqlite

_SCHEMA = "CREATE TABLE IF NOT EXISTS telegram_updates (update_id INTEGER PRIMARY KEY)"


class UpdateLedger(Protocol):
    async def handled(self, update_id: int) -> bool: ...

    async def mark(self, update_id: int) -> None: ...

    async def forget_before(self, offset: int) -> None: ...


class MemoryLedger:
    """For a read-only database: protects against repeats within one run only."""

    def __init__(self) -> None:
        self._ids: set[int] = set()

    async def handled(self, update_id: int) -> bool:
        return update_id in self._ids

    async def mark(self, update_id: int) -> None:
        self._ids.add(update_id)

    async def forget_before(self, offset: int) -> None:
        self._ids = {i for i in self._ids if i >= offset}


class SQLiteLedger:
    """The ledger in the DATABASE_PATH file. The ids are also kept in memory (read once at the
    start: only the updates above the confirmed offset, a batch or two), so asking whether an
    update was handled, which the poller does for every update, costs no database round trip;
    marking one still writes it at once, before the next update of the chat is taken."""

    def __init__(self, conn: aiosqlite.Connection, ids: set[int] | None = None) -> None:
        self.conn = conn
        self._ids: set[int] = ids if ids is not None else set()

    @classmethod
    async def create(cls, conn: aiosqlite.Connection) -> SQLiteLedger:
        await conn.execute(_SCHEMA)
        ids = {
            int(row[0])
            for row in await conn.execute_fetchall("SELECT update_id FROM telegram_updates")
        }
        return cls(conn, ids)

    async def handled(self, update_id: int) -> bool:
        return update_id in self._ids

    async def mark(self, update_id: int) -> None:
        await self.conn.execute(
            "INSERT OR IGNORE INTO telegram_updates (update_id) VALUES (?)", (update_id,)
        )
        self._ids.add(update_id)

    async def forget_before(self, offset: int) -> None:
        await self.conn.execute("DELETE FROM telegram_updates WHERE update_id < ?", (offset,))
        self._ids = {i for i in self._ids if i >= offset}
