"""End to end: the real bot (PollingApp: real Dispatcher, AiohttpSession, engine, SQLite) polls a
fake Bot API server in-process, and the tests play users against it.

Every test ends with the fake's `violations == []`: no call broke the Bot API spec, Telegram's
limits or its HTML rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.telegram.app import PollingApp
from bot.telegram.texts import text
from tests.botapi.fixtures import FAKE_TOKEN, fake_telegram  # noqa: F401
from tests.botapi.models import BotMessage
from tests.botapi.server import FakeTelegram
from tests.telegram_helpers import ADMIN_ID, make_settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KK = "Жамбыл облысында қанша ауыл әкімі сайланды?"
RU = "Сколько сельских акимов избрано в Жамбылской области?"
EN = "How many village akims were elected in Zhambyl region?"


@dataclass
class Running:
    fake: FakeTelegram
    app: PollingApp
    task: asyncio.Task[None]
    database: Path

    async def ask(self, text: str, *, chat_id: int = 1001, **kw: object) -> BotMessage:
        """Send `text`, wait for exactly one new bot message in the chat, return it."""
        before = len(self.fake.bot_messages(chat_id))
        self.fake.user_text(text, chat_id=chat_id, **kw)  # type: ignore[arg-type]
        messages = await self.fake.wait_for_messages(chat_id, before + 1)
        return messages[before]

    async def press(self, message: BotMessage, prefix: str) -> None:
        """Press the first button whose data starts with `prefix`; wait for its answer."""
        data = next(d for d in message.callback_data if d.startswith(prefix))
        answers = len(self.fake.callback_answers())
        self.fake.press_button(message.chat_id, message.message_id, data)
        await self.fake.wait_until(lambda: len(self.fake.callback_answers()) > answers)

    async def logged(self, sql: str, expected: list[tuple[Any, ...]]) -> None:
        """Wait until `sql` reads `expected`: the question log is written behind the answers
        (bot.telegram.question_log), a fraction of a second later."""

        def rows() -> list[tuple[Any, ...]]:
            with contextlib.closing(sqlite3.connect(self.database)) as conn:
                return conn.execute(sql).fetchall()

        await self.fake.wait_until(lambda: rows() == expected, 2, what=f"{sql} -> {expected}")

    async def stop(self) -> None:
        self.app.stop()
        await asyncio.wait_for(self.task, 5)


async def start_bot(fake: FakeTelegram, database: Path) -> Running:
    settings = make_settings(
        database.parent,
        bot_token=FAKE_TOKEN,
        telegram_api_url=fake.base_url,
        database_path=database,
        seeds_dir=SEEDS,
        admin_ids=str(ADMIN_ID),
    )
    app = await PollingApp.open(settings, polling_timeout=1)
    task = asyncio.create_task(app.run())
    # Ready once getMe has answered: the first getUpdates follows at once (updates pushed
    # before it simply wait for it, as in Telegram).
    await fake.wait_until(lambda: bool(fake.calls_to("getMe")), 10, what="polling")
    return Running(fake, app, task, database)


@pytest.fixture
def database(tmp_path: Path, seeded_db: Path) -> Path:
    """A copy of the seeded database, so no test pays for loading the seeds."""
    target = tmp_path / "bot.sqlite3"
    shutil.copyfile(seeded_db, target)
    return target


@pytest_asyncio.fixture
async def bot(fake_telegram: FakeTelegram, database: Path) -> AsyncIterator[Running]:  # noqa: F811
    running = await start_bot(fake_telegram, database)
    try:
        yield running
    finally:
        if not running.task.done():
            await running.stop()
    assert fake_telegram.violations == []
    assert fake_telegram.unanswered_callback_queries() == []


async def test_start_sets_the_menu_and_greets(bot: Running) -> None:
    fake = bot.fake
    for code in ("", "ru", "en"):
        names = [c["command"] for c in fake.commands(language_code=code)]
        assert names[:5] == ["start", "help", "regions", "sources", "lang"]
        assert {"zhambyl", "almaty", "kazakhstan"} <= set(names)
    assert len(fake.calls_to("setMyDescription")) == 3
    assert len(fake.calls_to("setMyShortDescription")) == 3
    greeting = await bot.ask("/start", language_code="ru")
    assert "Здравствуйте" in greeting.plain
    assert "r:zhambyl" in greeting.callback_data
    assert 2 <= len([d for d in greeting.callback_data if d.startswith("g:")]) <= 3
    await bot.press(greeting, "g:")  # an example question is asked as if typed
    answer = (await fake.wait_for_messages(1001, 2))[1]
    assert answer.plain.startswith("❓")


@pytest.mark.parametrize(
    ("question", "language_code", "label"),
    [(KK, "kk", "Дереккөз"), (RU, "ru", "Источник"), (EN, "en", "Source")],
)
async def test_a_question_in_each_language(
    bot: Running, question: str, language_code: str, label: str
) -> None:
    answer = await bot.ask(question, language_code=language_code)
    assert "165" in answer.plain  # the fact: 165 village akims
    assert label in answer.plain  # in the question's language
    assert any(d.startswith("f:") for d in answer.callback_data)
    await bot.logged("SELECT question, answered FROM questions", [(question, 1)])


async def test_region_command_then_a_question_and_a_follow_up(bot: Running) -> None:
    overview = await bot.ask("/zhambyl")
    assert "Жамбыл" in overview.plain
    answer = await bot.ask("Қанша ауыл әкімі сайланды?")
    assert "Жамбыл" in answer.plain
    follow_up = await bot.ask("Ал Алматы облысында ше?")
    assert "Алматы" in follow_up.plain
    inside = await bot.ask("/almaty Форумға кім қатысты?")
    assert inside.plain


async def test_answer_buttons_more_summary_feedback_and_another_region(bot: Running) -> None:
    fake = bot.fake
    answer = await bot.ask(KK)
    count = len(fake.bot_messages(1001))
    await bot.press(answer, "m:")
    messages = await fake.wait_for_messages(1001, count + 1)
    assert not any(d.startswith("m:") for d in messages[0].callback_data)  # no second press
    await bot.press(answer, "s:")
    summary = (await fake.wait_for_messages(1001, count + 2))[-1]
    assert "«AMANAT»" in summary.plain
    await bot.press(answer, "f:")
    assert any("Рақмет" in a.get("text", "") for a in fake.callback_answers())
    await bot.logged("SELECT value FROM feedback", [(1,)])
    await bot.press(answer, "o:")  # the press is answered first, then the keyboard changes

    def choices() -> list[str]:
        return [d for d in fake.bot_messages(1001)[0].callback_data if d.startswith("q:")]

    await fake.wait_until(lambda: bool(choices()), what="region buttons")
    assert "q:1:zhambyl" not in choices()
    await bot.press(fake.bot_messages(1001)[0], "q:")
    await fake.wait_for_messages(1001, count + 3)


async def test_unknown_question_offers_suggestions_that_work(bot: Running) -> None:
    answer = await bot.ask("Марстағы ауа райы қандай?")
    assert any(d.startswith("g:") for d in answer.callback_data)
    count = len(bot.fake.bot_messages(1001))
    await bot.press(answer, "g:")
    reply = (await bot.fake.wait_for_messages(1001, count + 1))[-1]
    assert reply.plain.startswith("❓")


async def test_inline_mode(bot: Running) -> None:
    fake = bot.fake
    fake.inline_query(KK)
    await fake.wait_until(lambda: bool(fake.inline_answers()))
    results = fake.inline_answers()[0]["results"]
    assert 1 <= len(results) <= 10
    assert all(len(r["id"].encode()) <= 64 for r in results)
    assert any("165" in r["input_message_content"]["message_text"] for r in results)


async def test_stickers_long_messages_and_hostile_text(bot: Running) -> None:
    fake = bot.fake
    fake.user_sticker(language_code="en")
    note = (await fake.wait_for_messages(1001, 1))[0]
    assert "only read text" in note.plain
    long_answer = await bot.ask(("Жамбыл облысында қанша ауыл әкімі сайланды? " * 100)[:4096])
    assert long_answer.plain
    script = await bot.ask("<script>alert(1)</script>")
    assert "<script>" not in script.text
    sql = await bot.ask("'; DROP TABLE articles; --")
    assert sql.plain and sql.plain != text("internal_error", "kk")  # answered, not a failure
    with sqlite3.connect(bot.database) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


async def test_edited_question_is_answered_again(bot: Running) -> None:
    fake = bot.fake
    await bot.ask("Жамбылда қанша?")
    message_id = max(m for (chat, m) in fake.world.user_messages if chat == 1001)
    fake.user_edits(1001, message_id, KK)
    await fake.wait_for_messages(1001, 2)


async def test_admin_commands_are_silent_for_others(bot: Running) -> None:
    fake = bot.fake
    fake.user_command("/stats", chat_id=1001)
    stats = await bot.ask("/stats", chat_id=ADMIN_ID, user_id=ADMIN_ID)
    assert "Статистика" in stats.plain
    await fake.wait_until(lambda: fake.pending_updates == 0, what="both handled")
    assert fake.bot_messages(1001) == []


async def test_429_on_send_message_still_answers_exactly_once(bot: Running) -> None:
    fake = bot.fake
    fake.fail_next("sendMessage", status=429, retry_after=1)
    fake.user_text(KK)
    messages = await fake.wait_for_messages(1001, 1, timeout=5)
    await asyncio.sleep(0.3)
    assert len(fake.bot_messages(1001)) == len(messages) == 1
    assert [c.status for c in fake.calls_to("sendMessage")] == [429, 200]


async def test_fifty_users_at_once_each_get_one_answer(bot: Running) -> None:
    fake = bot.fake
    chats = range(2001, 2051)
    for chat_id in chats:
        fake.user_text(KK if chat_id % 2 else RU, chat_id=chat_id)
    await fake.wait_until(lambda: all(fake.bot_messages(c) for c in chats), 10, what="50 answers")
    await asyncio.sleep(0.2)
    assert all(len(fake.bot_messages(c)) == 1 for c in chats)


async def test_a_restart_mid_traffic_neither_loses_nor_repeats_answers(
    fake_telegram: FakeTelegram,  # noqa: F811
    database: Path,
) -> None:
    fake = fake_telegram
    first = await start_bot(fake, database)
    fake.stall_next("sendMessage", seconds=0.3, times=3)  # the stop lands while replies wait
    chats = range(3001, 3011)
    for chat_id in chats:
        fake.user_text(KK, chat_id=chat_id)
    await fake.wait_until(lambda: bool(fake.calls_to("sendMessage")), 5)
    await first.stop()
    second = await start_bot(fake, database)
    for chat_id in chats:  # and more arrive while it runs
        fake.user_text(RU, chat_id=chat_id)
    await fake.wait_until(lambda: all(len(fake.bot_messages(c)) >= 2 for c in chats), 10)
    await asyncio.sleep(0.3)
    await second.stop()
    assert all(len(fake.bot_messages(c)) == 2 for c in chats)
    assert fake.pending_updates == 0
    assert fake.violations == []
