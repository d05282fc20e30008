"""SQLiteStorage: the chat's memory survives a restart and concurrent updates don't lose data."""

from __future__ import annotations

import asyncio
import sqlite3
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
    await storage.conn.execute("UPDATE telegram_fsm SET data = 'not json'")
    assert await storage.get_data(KEY) == {}
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


async def test_an_unusable_file_falls_back_to_memory(tmp_path: Path) -> None:
    from aiogram.fsm.storage.memory import MemoryStorage

    from bot.telegram.app import open_chat_storage
    from bot.telegram.ledger import MemoryLedger

    folder = tmp_path / "is_a_folder.sqlite3"
    folder.mkdir()
    storage, ledger = await open_chat_storage(folder)
    assert isinstance(storage, MemoryStorage) and isinstance(ledger, MemoryLedger)
