"""Webhook mode (bot.telegram.webhook): the bot's aiohttp server on 127.0.0.1 receives updates
as Telegram pushes them; its replies go to the fake Bot API (TELEGRAM_API_URL).

The public WEBHOOK_URL given to Telegram is a name nothing here connects to: only the fake
records it, as a reverse proxy's address would be.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bot.telegram.webhook import SECRET_HEADER, WebhookApp, webhook_secret, webhook_target
from tests.botapi.fixtures import FAKE_TOKEN, fake_telegram  # noqa: F401
from tests.botapi.server import FakeTelegram
from tests.botapi.world import text_content
from tests.cli_run import cli_env
from tests.telegram_helpers import make_settings
from tests.test_telegram_e2e import KK, database  # noqa: F401

PUBLIC_URL = "https://forum-bot.example.org/tg/hook"
SECRET = "s3cret-Token_1"
_update_ids = itertools.count(900_000_001)


def update_from(fake: FakeTelegram, text: str, chat_id: int, **kw: Any) -> dict[str, Any]:
    """A message update as Telegram would push it (the fake learns the chat, so the bot's
    reply there is accepted)."""
    message = fake.world.user_message(chat_id, text_content(text), **kw)
    return {"update_id": next(_update_ids), "message": message}


class Pusher:
    """Plays Telegram's side of the webhook: POSTs updates to the bot's server."""

    def __init__(self, url: str, http: aiohttp.ClientSession) -> None:
        self.url = url
        self.http = http

    async def push(self, update: dict[str, Any], secret: str | None = SECRET) -> int:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with self.http.post(self.url, json=update, headers=headers) as response:
            await response.read()
            return response.status


@pytest_asyncio.fixture
async def webhook(
    fake_telegram: FakeTelegram,  # noqa: F811
    database: Path,  # noqa: F811
) -> AsyncIterator[tuple[WebhookApp, Pusher]]:
    settings = make_settings(
        database.parent,
        bot_token=FAKE_TOKEN,
        telegram_api_url=fake_telegram.base_url,
        database_path=database,
        webhook_url=PUBLIC_URL,
        webhook_host="127.0.0.1",
        webhook_port=0,  # any free port
        webhook_secret=SECRET,
    )
    app = await WebhookApp.open(settings)
    await app.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield app, Pusher(f"http://127.0.0.1:{app.port}/tg/hook", http)
    finally:
        await app.stop()
    assert fake_telegram.violations == []


async def test_set_webhook_names_the_url_the_secret_and_keeps_pending_updates(
    fake_telegram: FakeTelegram,  # noqa: F811
    webhook: tuple[WebhookApp, Pusher],
) -> None:
    [call] = fake_telegram.calls_to("setWebhook")
    assert call.params["url"] == PUBLIC_URL
    assert call.params["secret_token"] == SECRET
    assert not call.params.get("drop_pending_updates")
    assert {"message", "edited_message", "callback_query"} <= set(call.params["allowed_updates"])
    assert len(fake_telegram.calls_to("setMyCommands")) == 3  # the menu, as in polling
    assert fake_telegram.calls_to("getUpdates") == []


async def test_a_pushed_question_is_answered_through_the_bot_api(
    fake_telegram: FakeTelegram,  # noqa: F811
    webhook: tuple[WebhookApp, Pusher],
    database: Path,  # noqa: F811
) -> None:
    fake, (_, telegram) = fake_telegram, webhook
    # Handled before the 200 (handle_in_background=False): the reply is already there.
    assert await telegram.push(update_from(fake, "/zhambyl", 1001)) == 200
    assert len(fake.bot_messages(1001)) == 1
    assert await telegram.push(update_from(fake, "Қанша ауыл әкімі сайланды?", 1001)) == 200
    [_, answer] = fake.bot_messages(1001)
    assert "165" in answer.plain  # the follow-up found the region its predecessor set
    # The log is written behind the answers (bot.telegram.question_log), a moment later.
    await fake.wait_until(lambda: _questions_logged(database) == 1, 2, what="the question logged")


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_handled(
    fake_telegram: FakeTelegram,  # noqa: F811
    webhook: tuple[WebhookApp, Pusher],
) -> None:
    fake, (_, telegram) = fake_telegram, webhook
    assert await telegram.push(update_from(fake, KK, 2001), secret="forged") == 401
    assert await telegram.push(update_from(fake, KK, 2002), secret=None) == 401
    assert await telegram.push(update_from(fake, KK, 2003), secret=SECRET[:-1]) == 401
    assert await telegram.push(update_from(fake, KK, 2004)) == 200  # the same, signed
    assert [len(fake.bot_messages(c)) for c in (2001, 2002, 2003, 2004)] == [0, 0, 0, 1]


async def test_an_update_pushed_twice_is_answered_once(
    fake_telegram: FakeTelegram,  # noqa: F811
    webhook: tuple[WebhookApp, Pusher],
) -> None:
    """Telegram pushes again whatever did not get its 200 (a timeout, a stop mid-answer)."""
    fake, (_, telegram) = fake_telegram, webhook
    update = update_from(fake, KK, 3001)
    assert await telegram.push(update) == 200
    assert await telegram.push(update) == 200
    assert len(fake.bot_messages(3001)) == 1


async def test_a_stop_leaves_the_webhook_set_and_closes_the_port(
    fake_telegram: FakeTelegram,  # noqa: F811
    webhook: tuple[WebhookApp, Pusher],
) -> None:
    app, telegram = webhook
    async with telegram.http.get(f"http://127.0.0.1:{app.port}/healthz") as response:
        assert (response.status, await response.text()) == (200, "ok")
    await app.stop()
    assert fake_telegram.calls_to("deleteWebhook") == []  # Telegram keeps what comes meanwhile
    with pytest.raises(aiohttp.ClientConnectionError):
        await telegram.push(update_from(fake_telegram, KK, 3101))


def test_the_path_comes_from_the_url_and_the_default_secret_from_the_token(
    tmp_path: Path,
) -> None:
    assert webhook_target("https://bot.example.org") == (
        "https://bot.example.org/webhook",
        "/webhook",
    )
    assert webhook_target("https://bot.example.org/a/b") == ("https://bot.example.org/a/b", "/a/b")
    derived = webhook_secret(make_settings(tmp_path, webhook_secret=""))
    assert re.fullmatch(r"[0-9a-f]{64}", derived)  # within Telegram's 1-256 [A-Za-z0-9_-]
    other = webhook_secret(make_settings(tmp_path, bot_token="987654:" + "x" * 35))
    assert other != derived
    assert webhook_secret(make_settings(tmp_path, webhook_secret=SECRET)) == SECRET


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
async def test_python_m_bot_run_serves_the_webhook_and_stops_cleanly(
    fake_telegram: FakeTelegram,  # noqa: F811
    database: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """As an operator runs it: WEBHOOK_URL set, `python -m bot run`, SIGTERM."""
    fake = fake_telegram
    env = cli_env(
        BOT_TOKEN=FAKE_TOKEN,
        TELEGRAM_API_URL=fake.base_url,
        DATABASE_PATH=str(database),
        WEBHOOK_URL=PUBLIC_URL,
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT="0",
        WEBHOOK_SECRET=SECRET,
        LOG_LEVEL="DEBUG",  # the chattiest level: still no token
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    log: list[str] = []
    listening: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    reader = asyncio.create_task(_read_log(process.stderr, log, listening))
    try:
        port = await asyncio.wait_for(listening, 60)
        await fake.wait_until(lambda: bool(fake.calls_to("setWebhook")), 10, what="setWebhook")
        async with aiohttp.ClientSession() as http:
            telegram = Pusher(f"http://127.0.0.1:{port}/tg/hook", http)
            assert await telegram.push(update_from(fake, KK, 4001)) == 200
            assert await telegram.push(update_from(fake, KK, 4002), secret="x") == 401
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 20)
        await reader
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    text = "".join(log)
    assert process.returncode == 0, text
    assert FAKE_TOKEN.split(":")[1] not in text and SECRET not in text
    assert "Traceback" not in text
    assert [len(fake.bot_messages(c)) for c in (4001, 4002)] == [1, 0]
    assert fake.calls_to("deleteWebhook") == []
    assert fake.violations == []


async def _read_log(
    stderr: asyncio.StreamReader, log: list[str], listening: asyncio.Future[int]
) -> None:
    """Keep reading the bot's log (a full pipe would block it); report the port it serves."""
    while line := (await stderr.readline()).decode():
        log.append(line)
        found = re.search(r"webhook server listening on [\d.]+:(\d+)/", line)
        if found and not listening.done():
            listening.set_result(int(found.group(1)))
    if not listening.done():
        listening.set_exception(AssertionError("the bot exited:\n" + "".join(log)))


def _questions_logged(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM questions").fetchone()[0])
