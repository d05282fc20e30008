"""SQLiteStorage: the chat's memory survives a restart and concurrent updates don't lose data."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from pathlib import Path

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import StorageKey

from bot.engine.models import Context
from bot.telegram.ledger import SQLiteLedger
from bot.telegram.storage import SQLiteStorage

KEY = StorageKey(bot_id=1, chat_id=10, user_id=10)
OTHER = StorageKey(bot_id=1, chat_id=11, user_id=11)


async def test_state_and_data_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bot.sqlite3"  # the folder is created
    storage = await SQLiteStorage.open(path)
    context = Context(region="zhambyl", language="ru", last_question="Сколько?", shown=(3, 4))
    await storage.set_data(KEY, {"ctx": context.as_dict()})
    await storage.set_state(KEY, State("asking", "Flow"))
    await storage.close()
    await storage.close()  # twice is harmless

    storage = await SQLiteStorage.open(path)
    assert Context.from_dict((await storage.get_data(KEY))["ctx"]) == context
    assert await storage.get_state(KEY) == "Flow:asking"
    assert await storage.get_data(OTHER) == {} and await storage.get_state(OTHER) is None
    await storage.set_state(KEY, None)
    assert await storage.get_state(KEY) is None
    assert (await storage.get_data(KEY))["ctx"]["region"] == "zhambyl"  # data kept
    await storage.close()


async def test_update_data_merges_and_concurrent_updates_lose_nothing(tmp_path: Path) -> None:
    storage = await SQLiteStorage.open(tmp_path / "bot.sqlite3")
    await asyncio.gather(*(storage.update_data(KEY, {f"k{n}": n}) for n in range(50)))
    data = await storage.get_data(KEY)
    assert data == {f"k{n}": n for n in range(50)}
    returned = await storage.update_data(KEY, {"k0": "changed"})
    returned["k1"] = "not stored"
    assert (await storage.get_data(KEY))["k1"] == 1
    await storage.close()


async def test_it_shares_the_database_file_with_its_own_table(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (key INTEGER PRIMARY KEY)")
    storage = await SQLiteStorage.open(path)
    await storage.set_data(KEY, {"a": "ә <b>"})
    await storage.close()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = conn.execute("SELECT data FROM telegram_fsm").fetchall()
    assert {"articles", "telegram_fsm"} <= tables
    assert rows == [('{"a":"ә <b>"}',)]


async def test_a_damaged_row_starts_the_chat_afresh(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    storage = await SQLiteStorage.open(path)
    await storage.set_data(KEY, {"a": 1})
    await storage.close()
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE telegram_fsm SET data = 'not json'")
    storage = await SQLiteStorage.open(path)
    assert await storage.get_data(KEY) == {}
    await storage.update_data(KEY, {"b": 2})  # and the chat goes on
    await storage.close()
    storage = await SQLiteStorage.open(path)
    assert await storage.get_data(KEY) == {"b": 2}
    await storage.close()


async def test_changes_reach_the_file_within_the_flush_interval_without_a_close(
    tmp_path: Path,
) -> None:
    """What a crash (no close) keeps: everything older than the flush interval."""
    path = tmp_path / "bot.sqlite3"
    storage = await SQLiteStorage.open(path, flush_interval=0.05)
    try:
        for n in range(20):
            key = StorageKey(bot_id=1, chat_id=100 + n, user_id=100 + n)
            await storage.update_data(key, {"ctx": {"region": "zhambyl"}, "n": n})
        await storage.set_state(KEY, "Flow:asking")
        await asyncio.sleep(0.5)
        with contextlib.closing(sqlite3.connect(path)) as conn:
            rows = dict(conn.execute("SELECT key, data FROM telegram_fsm").fetchall())
            state = conn.execute(
                "SELECT state FROM telegram_fsm WHERE state IS NOT NULL"
            ).fetchall()
        assert len(rows) == 21 and state == [("Flow:asking",)]
        assert storage.pending() == 0
    finally:
        await storage.close()


async def test_quiet_chats_leave_memory_and_come_back_intact(tmp_path: Path) -> None:
    storage = await SQLiteStorage.open(tmp_path / "bot.sqlite3")
    storage.max_chats = 3
    keys = [StorageKey(bot_id=1, chat_id=n, user_id=n) for n in range(1, 11)]
    for n, key in enumerate(keys):
        await storage.set_data(key, {"n": n})
        await storage.flush()  # written, so they may leave memory
    for n, key in enumerate(keys):
        assert await storage.get_data(key) == {"n": n}
    await storage.close()


async def test_a_chat_first_seen_after_the_start_is_empty_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    storage = await SQLiteStorage.open(path)
    await storage.set_data(KEY, {"a": 1})
    await storage.close()
    storage = await SQLiteStorage.open(path)  # knows KEY is in the file, OTHER is not
    assert await storage.get_data(OTHER) == {} and await storage.get_state(OTHER) is None
    await storage.update_data(OTHER, {"b": 2})
    assert await storage.get_data(KEY) == {"a": 1}
    await storage.close()
    storage = await SQLiteStorage.open(path)
    assert await storage.get_data(OTHER) == {"b": 2}
    await storage.close()


async def test_the_ledger_remembers_handled_updates_until_confirmed(tmp_path: Path) -> None:
    storage = await SQLiteStorage.open(tmp_path / "bot.sqlite3")
    ledger = await SQLiteLedger.create(storage.conn)
    await ledger.mark(5)
    await ledger.mark(5)
    await ledger.mark(9)
    assert await ledger.handled(5) and not await ledger.handled(6)
    await ledger.forget_before(6)
    assert not await ledger.handled(5) and await ledger.handled(9)
    await storage.close()


async def test_the_ledger_remembers_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    storage = await SQLiteStorage.open(path)
    ledger = await SQLiteLedger.create(storage.conn)
    await ledger.mark(41)
    await ledger.mark(42)
    await ledger.forget_before(42)
    await storage.close()  # a crash after the mark: the reply went out, unconfirmed
    storage = await SQLiteStorage.open(path)
    ledger = await SQLiteLedger.create(storage.conn)
    assert await ledger.handled(42) and not await ledger.handled(41)
    await storage.close()


async def test_an_unusable_file_falls_back_to_memory(tmp_path: Path) -> None:
    from aiogram.fsm.storage.memory import MemoryStorage

    from bot.telegram.app import open_chat_storage
    from bot.telegram.ledger import MemoryLedger

    folder = tmp_path / "is_a_folder.sqlite3"
    folder.mkdir()
    storage, ledger = await open_chat_storage(folder)
    assert isinstance(storage, MemoryStorage) and isinstance(ledger, MemoryLedger)


async def test_writes_wait_for_another_writer_while_chats_are_read(tmp_path: Path) -> None:
    """The question log writes the same file. While another connection holds the write lock,
    the chat memory's write waits for it (the busy timeout) instead of failing, also with
    chats being read from the file at the same moment: a read left open across an await made
    the write fail with "database is locked" within a millisecond."""
    path = tmp_path / "bot.sqlite3"
    storage = await SQLiteStorage.open(path, flush_interval=3600)
    known = [StorageKey(bot_id=1, chat_id=n, user_id=n) for n in range(100)]
    for key in known:
        await storage.set_data(key, {"n": key.chat_id})
    await storage.close()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE side (n INTEGER)")

    def hold_the_write_lock(n: int) -> None:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO side VALUES (?)", (n,))
        time.sleep(0.02)
        other.execute("COMMIT")

    storage = await SQLiteStorage.open(path, flush_interval=3600)
    storage.max_chats = 1  # every chat is read from the file
    failures: list[sqlite3.Error] = []

    async def write_while_locked() -> None:
        for n in range(15):
            await storage.set_data(KEY, {"round": n})
            holding = asyncio.create_task(asyncio.to_thread(hold_the_write_lock, n))
            await asyncio.sleep(0.005)
            try:
                await storage.flush()
            except sqlite3.Error as exc:
                failures.append(exc)
            await holding

    async def read_chats() -> None:
        for _ in range(3):
            for key in known:
                await storage.get_data(key)

    await asyncio.gather(write_while_locked(), read_chats())
    other.close()
    await storage.close()
    assert failures == []
    reopened = await SQLiteStorage.open(path)
    assert await reopened.get_data(KEY) == {"round": 14}
    await reopened.close()
