"""The flood guard (bot.telegram.flood): one user sending dozens of messages a second gets a
burst of answers and ONE polite note in their language; the rest is dropped by design, and
nobody else is slowed down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.types import Message, TelegramObject

from bot.telegram.app import build_bot
from bot.telegram.flood import NOTICE, FloodGuard, FloodPolicy
from tests.botapi.fixtures import fake_telegram  # noqa: F401
from tests.botapi.server import FakeTelegram
from tests.telegram_helpers import BOT_USERNAME, RecordingSession, make_settings, message_dict
from tests.test_telegram_e2e import EN, KK, RU, Running, database, start_bot  # noqa: F401

BURST = int(FloodPolicy().burst)

# ---- end to end: the real bot polling the fake Telegram -------------------------------------


@pytest_asyncio.fixture
async def bot(fake_telegram: FakeTelegram, database: Path) -> AsyncIterator[Running]:  # noqa: F811
    running = await start_bot(fake_telegram, database)
    try:
        await fake_telegram.wait_until_polling()
        yield running
    finally:
        if not running.task.done():
            await running.stop()
    assert fake_telegram.violations == []


async def test_a_flood_gets_a_burst_and_one_note_and_others_are_not_slowed(bot: Running) -> None:
    fake = bot.fake
    loop = asyncio.get_running_loop()
    flooder, others = 1001, (2001, 2002, 2003, 2004, 2005)

    async def timed_question(chat_id: int, question: str) -> float:
        asked = loop.time()
        fake.user_text(question, chat_id=chat_id, language_code="en")
        await fake.wait_for_messages(chat_id, 1, timeout=10)
        return loop.time() - asked

    # 60 messages in one second (6 every 0.1 s); five other people ask a question, three during
    # the flood and two just after it. (Without the guard, measured: those during the flood wait
    # up to 0.9 s, those after it more than 30 s, behind the flood's backlog of answers paced at
    # one a second into the flooder's chat.)
    waits: list[asyncio.Task[float]] = []
    for tick in range(15):
        if tick < 10:
            for n in range(6):
                fake.user_text(f"{RU} {tick}-{n}", chat_id=flooder, language_code="ru")
        if tick in (2, 5, 8, 11, 14):
            other = others[len(waits)]
            waits.append(asyncio.create_task(timed_question(other, EN)))
        await asyncio.sleep(0.1)  # pacing the traffic, not waiting for the bot
    latencies = await asyncio.gather(*waits)
    await fake.wait_until(lambda: bot.app.poller.handled_count == 65, 10, what="all handled")
    note = NOTICE["ru"]
    await fake.wait_until(lambda: any(m.plain == note for m in fake.bot_messages(flooder)), 5)
    await fake.wait_until_polling()

    to_flooder = [m.plain for m in fake.bot_messages(flooder)]
    answers = [t for t in to_flooder if t != note]
    assert to_flooder.count(note) == 1
    # The burst, plus at most one message the bucket refilled while the flood went on.
    assert BURST <= len(answers) <= BURST + 1, to_flooder
    assert all(len(fake.bot_messages(c)) == 1 for c in others)
    assert max(latencies) < 2.0, latencies
    print(
        f"\nflood: 60 sent, {len(answers)} answered, 1 note, {60 - len(answers)} dropped; "
        f"others' reply latency max {max(latencies):.2f} s"
    )


# ---- the policy, with a clock the test moves -------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Guarded:
    """A FloodGuard in front of a handler that records what got through."""

    def __init__(self, tmp: Path) -> None:
        self.clock = Clock()
        self.guard = FloodGuard(clock=self.clock)
        self.session = RecordingSession()
        self.bot: Bot = build_bot(make_settings(tmp), session=self.session)
        self.handled: list[str] = []

    async def handler(self, event: TelegramObject, data: dict[str, Any]) -> None:
        assert isinstance(event, Message)
        self.handled.append(event.text or "")

    async def send(self, text: str, **kw: Any) -> None:
        message = Message.model_validate(message_dict(text, **kw), context={"bot": self.bot})
        await self.guard(self.handler, message, {"bot": self.bot, "state": None})

    async def notes(self, chat_id: int) -> list[str]:
        await self.guard.drain()
        return [t for t in self.session.texts(chat_id) if t in NOTICE.values()]


@pytest.fixture
def g(tmp_path: Path) -> Guarded:
    return Guarded(tmp_path)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
async def test_past_the_burst_messages_are_dropped_with_one_note(g: Guarded, language: str) -> None:
    for n in range(30):
        await g.send(f"q{n}", chat_id=1, language_code=language)
    assert g.handled == [f"q{n}" for n in range(BURST)]
    assert await g.notes(1) == [NOTICE[language]]  # type: ignore[index]
    assert g.guard.dropped == 30 - BURST


async def test_quiet_seconds_give_messages_back_and_a_later_flood_gets_a_new_note(
    g: Guarded,
) -> None:
    for n in range(10):
        await g.send(f"a{n}", chat_id=1)
    g.clock.now += 2.0  # one message every 2 s
    await g.send("after a pause", chat_id=1)
    await g.send("too soon", chat_id=1)
    assert g.handled[-1] == "after a pause"
    assert len(await g.notes(1)) == 1  # still the same window: no second note
    g.clock.now += 30.0
    for n in range(10):
        await g.send(f"b{n}", chat_id=1)
    assert len(await g.notes(1)) == 2


async def test_commands_count_and_other_users_are_not_limited(g: Guarded) -> None:
    for _ in range(BURST + 3):
        await g.send("/start", chat_id=1)
    await g.send("/start", chat_id=2)
    await g.send("a question", chat_id=3)
    assert g.handled.count("/start") == BURST + 1
    assert g.handled[-1] == "a question"


async def test_in_a_group_only_messages_to_the_bot_count_and_the_note_replies(
    g: Guarded,
) -> None:
    group = {"chat_id": -100, "chat_type": "supergroup", "user_id": 7}
    for n in range(20):  # the members talking among themselves: not the bot's business
        await g.send(f"chatter {n}", **group)
    assert len(g.handled) == 20
    for n in range(BURST + 2):
        await g.send(f"@{BOT_USERNAME} question {n}", **group)
    await g.send(f"@{BOT_USERNAME} another member", **{**group, "user_id": 8})
    assert len(g.handled) == 20 + BURST + 1
    await g.guard.drain()
    [note] = [c for c in g.session.sent(-100) if c.params["text"] in NOTICE.values()]
    assert note.params["reply_parameters"]["message_id"]  # whom it is for
