"""aiogram FSM storage in SQLite, so each chat's conversation survives a restart.

One row per storage key in its own table (`telegram_fsm`) inside the DATABASE_PATH file: the
state and the data as JSON. A single aiosqlite connection serialises the statements; a lock makes
`update_data` (read, merge, write) atomic against the other coroutines of this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import aiosqlite
from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS telegram_fsm (
    key TEXT PRIMARY KEY,
    state TEXT,
    data TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""


class SQLiteStorage(BaseStorage):
    """FSM state and data per chat, kept in SQLite."""

    def __init__(self, conn: aiosqlite.Connection, key_builder: KeyBuilder | None = None) -> None:
        self.conn = conn
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, busy_timeout: float = 5.0) -> SQLiteStorage:
        """Open (creating if needed) the table in `path`. Raises sqlite3.Error if unusable."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: every statement commits on its own; nothing is left pending.
        conn = await aiosqlite.connect(path, timeout=busy_timeout, isolation_level=None)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # The same settings as the store's connection: WAL lets both write the file, and
            # NORMAL syncs at checkpoints rather than on every chat update.
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute(_SCHEMA)
        except BaseException:
            await conn.close()
            raise
        return cls(conn)

    async def close(self) -> None:
        # Closing twice (shutdown hook and explicit close) must be harmless.
        with contextlib.suppress(ValueError, sqlite3.ProgrammingError):
            await self.conn.close()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self._lock:
            await self.conn.execute(
                "INSERT INTO telegram_fsm (key, state) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET state = excluded.state, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                (self._key(key), value),
            )

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._row(key)
        return row[0] if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not isinstance(data, dict):
            msg = f"Data must be a dict or dict-like object, got {type(data).__name__}"
            raise DataNotDictLikeError(msg)
        async with self._lock:
            await self._write_data(key, data)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._row(key)
        return _decode(row[1]) if row else {}

    async def update_data(self, key: StorageKey, data: Mapping[str, Any]) -> dict[str, Any]:
        async with self._lock:
            row = await self._row(key)
            current = _decode(row[1]) if row else {}
            current.update(data)
            await self._write_data(key, current)
        return current.copy()

    async def _write_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self.conn.execute(
            "INSERT INTO telegram_fsm (key, data) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET data = excluded.data, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            (self._key(key), json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"))),
        )

    async def _row(self, key: StorageKey) -> tuple[str | None, str] | None:
        async with self.conn.execute(
            "SELECT state, data FROM telegram_fsm WHERE key = ?", (self._key(key),)
        ) as cursor:
            row = await cursor.fetchone()
        return (row[0], row[1]) if row else None

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)


def _decode(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}  # a damaged row must not stop the chat: start its conversation afresh
    return value if isinstance(value, dict) else {}
