"""Faults from Telegram, end to end: the real bot (PollingApp) polls FakeTelegram while getUpdates
and sendMessage fail with 429/500/502, lose their connection, or stall.

What an operator and a user would notice, and what is asserted:
- the bot keeps polling and every question is answered exactly once (bot messages counted per
  chat: no lost reply, no duplicate);
- the log has one warning line per injected fault, naming the method and the fault, with no
  traceback and never the token.

(A restart in the middle of ordinary traffic is covered in test_telegram_e2e.py and, as a real
process with SIGTERM, in test_telegram_process.py; here the restart lands during a 429 wait.)
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path

import pytest
import pytest_asyncio
from aiogram.exceptions import ClientDecodeError, TelegramNetworkError, TelegramRetryAfter
from aiogram.methods import GetUpdates
from aiogram.utils.backoff import BackoffConfig

from bot.telegram.app import PollingApp
from bot.telegram.faults import describe_fault
from tests.botapi.fixtures import FAKE_TOKEN, fake_telegram  # noqa: F401
from tests.botapi.server import FakeTelegram
from tests.telegram_helpers import make_settings
from tests.test_telegram_e2e import EN, KK, RU

# The test's clock: a long poll of 1 s that counts as lost after 2 s, and 0.5 s between
# getUpdates attempts after a fault (production: 25 s, 35 s and 0.5-15 s).
POLL = 1
GRACE = 1
BACKOFF = BackoffConfig(min_delay=0.5, max_delay=1.0, factor=2.0, jitter=0.0)
QUESTIONS = (KK, RU, EN)


class Bot:
    """The real bot polling the fake, with the test's short timeouts."""

    def __init__(self, fake: FakeTelegram, app: PollingApp) -> None:
        self.fake = fake
        self.app = app
        self.task: asyncio.Task[None] | None = None
        self.asked: dict[int, int] = {}  # chat -> questions asked

    @classmethod
    async def start(cls, fake: FakeTelegram, database: Path) -> Bot:
        settings = make_settings(
            database.parent,
            bot_token=FAKE_TOKEN,
            telegram_api_url=fake.base_url,
            database_path=database,
        )
        app = await PollingApp.open(settings, polling_timeout=POLL)
        app.poller.backoff = BACKOFF
        app.poller.timeout_grace = GRACE
        bot = cls(fake, app)
        bot.task = asyncio.create_task(app.run())
        await fake.wait_until_polling(10)
        return bot

    def ask(self, chats: Iterable[int]) -> None:
        for chat_id in chats:
            number = self.asked.get(chat_id, 0)
            self.asked[chat_id] = number + 1
            self.fake.user_text(QUESTIONS[(chat_id + number) % 3], chat_id=chat_id)

    async def all_answered(self, timeout: float = 10) -> None:
        def done() -> bool:
            return all(len(self.fake.bot_messages(c)) >= n for c, n in self.asked.items())

        await self.fake.wait_until(done, timeout, what="every question answered")

    async def stop(self) -> None:
        self.app.stop()
        assert self.task is not None
        await asyncio.wait_for(self.task, 10)

    def answers_and_duplicates(self) -> tuple[int, int]:
        delivered = sum(len(self.fake.bot_messages(c)) for c in self.asked)
        duplicates = sum(max(0, len(self.fake.bot_messages(c)) - n) for c, n in self.asked.items())
        return delivered, duplicates


@pytest.fixture
def database(tmp_path: Path, seeded_db: Path) -> Path:
    target = tmp_path / "bot.sqlite3"
    shutil.copyfile(seeded_db, target)
    return target


@pytest_asyncio.fixture
async def bot(fake_telegram: FakeTelegram, database: Path) -> AsyncIterator[Bot]:  # noqa: F811
    running = await Bot.start(fake_telegram, database)
    try:
        yield running
    finally:
        if running.task is not None and not running.task.done():
            await running.stop()


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # the chattiest level: still no token, no traceback
    return caplog


def fault_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The bot's warnings (and worse): one per fault is what the operator should see."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith(("bot", "aiogram")) and r.levelno >= logging.WARNING
    ]


def assert_clean_log(caplog: pytest.LogCaptureFixture) -> None:
    secret = FAKE_TOKEN.split(":")[1]
    for record in caplog.records:
        text = record.getMessage()
        assert secret not in text, text
        if record.name.startswith(("bot", "aiogram")):
            assert record.exc_info is None, f"traceback logged: {text}"
            assert "\n" not in text and "Traceback" not in text, text


def calls(fake: FakeTelegram, method: str, status: int) -> int:
    return sum(1 for c in fake.calls_to(method) if c.status == status)


async def test_get_updates_faults_polling_goes_on_and_nothing_is_lost_or_repeated(
    bot: Bot, logs: pytest.LogCaptureFixture
) -> None:
    fake = bot.fake
    chats = iter(range(4001, 4100))

    # Each fault hits the getUpdates that follows a batch: one batch is asked before it and
    # one while it is in effect (pending at Telegram meanwhile).
    faults: list[tuple[str, Callable[[], None], Callable[[], bool]]] = [
        (
            "429",
            lambda: fake.fail_next("getUpdates", status=429, retry_after=1),
            lambda: calls(fake, "getUpdates", 429) == 1,
        ),
        (
            "500",
            lambda: fake.fail_next("getUpdates", status=500),
            lambda: calls(fake, "getUpdates", 500) == 1,
        ),
        (
            "502",
            lambda: fake.fail_next("getUpdates", status=502),
            lambda: calls(fake, "getUpdates", 502) == 1,
        ),
        (
            "dropped connection",
            lambda: fake.drop_next("getUpdates"),
            lambda: calls(fake, "getUpdates", 0) == 1,
        ),
        (
            # The answer with the updates is lost: they come again and are answered once.
            "dropped answer",
            lambda: fake.drop_next("getUpdates", after_processing=True),
            lambda: calls(fake, "getUpdates", 0) == 2,
        ),
        (
            # Longer than the bot's timeout (POLL + GRACE): the bot gives up and polls again.
            "timeout",
            lambda: fake.stall_next("getUpdates", seconds=POLL + GRACE + 0.25),
            lambda: len(fault_lines(logs)) == 6,
        ),
    ]
    for _name, inject, happened in faults:
        inject()
        bot.ask([next(chats), next(chats)])
        await bot.all_answered()
        bot.ask([next(chats), next(chats)])
        await bot.all_answered()
        await fake.wait_until(happened, 10, what=f"the {_name} fault")
    await fake.wait_until_polling()

    delivered, duplicates = bot.answers_and_duplicates()
    assert (delivered, duplicates) == (24, 0)
    assert all(len(fake.bot_messages(c)) == 1 for c in bot.asked)
    # Telegram's retry_after is honoured: the next getUpdates waited at least 1 s.
    polls = fake.calls_to("getUpdates")
    limited = next(i for i, c in enumerate(polls) if c.status == 429)
    assert polls[limited + 1].at - polls[limited].at >= 0.95
    lines = fault_lines(logs)
    assert len(lines) == len(faults), lines
    assert all(line.startswith("getUpdates failed: ") for line in lines), lines
    assert "429 Too Many Requests, retry after 1 s; trying again in 1.0 s" in lines[0]
    assert "server error (Internal Server Error)" in lines[1]
    assert "server error (Bad Gateway)" in lines[2]
    assert "network error (ServerDisconnectedError" in lines[3] and lines[3] == lines[4]
    assert "no answer within the timeout" in lines[5]
    assert_clean_log(logs)
    assert fake.violations == []
    print(f"\ngetUpdates: faults injected {len(faults)}, answers {delivered}, duplicates 0")


async def test_send_message_faults_are_retried_and_each_answer_arrives_once(
    bot: Bot, logs: pytest.LogCaptureFixture
) -> None:
    fake = bot.fake
    # The next five sendMessage calls, whichever chats they are for, meet these faults.
    fake.fail_next("sendMessage", status=429, retry_after=1)
    fake.fail_next("sendMessage", status=500)
    fake.fail_next("sendMessage", status=502)
    fake.drop_next("sendMessage")  # the connection breaks before Telegram takes the message
    fake.stall_next("sendMessage", seconds=1.5)  # a slow Telegram, within the bot's timeout
    chats = range(4201, 4211)
    bot.ask(chats)
    # More questions arrive while the replies are being retried.
    await fake.wait_until(lambda: calls(fake, "sendMessage", 429) == 1, 5, what="the 429")
    bot.ask(chats)
    await bot.all_answered()
    await fake.wait_until(lambda: bot.app.poller.handled_count == 20, 5, what="all handled")
    await fake.wait_until_polling()

    delivered, duplicates = bot.answers_and_duplicates()
    assert (delivered, duplicates) == (20, 0)
    assert all(len(fake.bot_messages(c)) == 2 for c in chats)
    failed = [c.status for c in fake.calls_to("sendMessage") if c.status != 200]
    assert sorted(failed) == [0, 429, 500, 502]
    lines = fault_lines(logs)
    assert len(lines) == 4, lines  # the slow call is not a fault: it simply took longer
    assert all(line.startswith("telegram sendMessage: ") for line in lines), lines
    assert all("retrying in" in line for line in lines), lines
    assert sum("429 Too Many Requests" in line for line in lines) == 1
    assert_clean_log(logs)
    assert fake.violations == []
    print(f"\nsendMessage: faults injected 5, answers {delivered}, duplicates 0")


async def test_a_restart_during_a_429_wait_neither_loses_nor_repeats_the_answer(
    fake_telegram: FakeTelegram,  # noqa: F811
    database: Path,
    logs: pytest.LogCaptureFixture,
) -> None:
    fake = fake_telegram
    first = await Bot.start(fake, database)
    fake.fail_next("sendMessage", status=429, retry_after=1)
    first.ask([4301, 4302, 4303])
    await fake.wait_until(lambda: calls(fake, "sendMessage", 429) == 1, 5, what="the 429")
    await first.stop()  # the reply waiting out its 429 still goes out before the bot exits
    assert all(len(fake.bot_messages(c)) == 1 for c in first.asked)

    second = await Bot.start(fake, database)
    try:
        second.asked = dict(first.asked)
        second.ask([4301, 4304])
        await second.all_answered()
        await fake.wait_until_polling()
    finally:
        await second.stop()
    assert second.answers_and_duplicates() == (5, 0)
    assert fake.pending_updates == 0
    assert len(fault_lines(logs)) == 1
    assert_clean_log(logs)
    assert fake.violations == []


def test_every_fault_is_described_in_one_short_line_without_the_token() -> None:
    method = GetUpdates()
    url = f"https://api.telegram.org/bot{FAKE_TOKEN}/getUpdates"
    faults = [
        TelegramRetryAfter(method, "Too Many Requests: retry after 7", 7),
        TelegramNetworkError(method, f"ClientConnectorError: Cannot connect to host {url}"),
        ClientDecodeError("Failed to decode object", ValueError("no JSON"), "<html>\n502\n</html>"),
        RuntimeError(f"something new at {url}\n" + "x" * 500),
    ]
    lines = [describe_fault(fault, FAKE_TOKEN) for fault in faults]
    assert lines[0] == "429 Too Many Requests, retry after 7 s"
    assert lines[2] == "an answer that is not JSON (a proxy's error page?)"
    for line in lines:
        assert "\n" not in line and len(line) <= 200
        assert FAKE_TOKEN.split(":")[1] not in line
