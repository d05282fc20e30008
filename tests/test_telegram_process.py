"""`python -m bot run` as an operator runs it: a real process polling the fake Bot API, stopped
with SIGTERM in the middle of traffic. It exits 0, answers nothing twice, loses nothing (what
it did not get to is answered after the restart), and never prints the token."""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
from pathlib import Path

import pytest

from bot.telegram.app import PollingApp
from tests.botapi.fixtures import FAKE_TOKEN, fake_telegram  # noqa: F401
from tests.botapi.server import FakeTelegram
from tests.cli_run import cli_env
from tests.telegram_helpers import make_settings

QUESTION = "Жамбыл облысында қанша ауыл әкімі сайланды?"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
async def test_sigterm_mid_traffic_exits_cleanly_and_loses_nothing(
    fake_telegram: FakeTelegram,  # noqa: F811
    seeded_db: Path,
    tmp_path: Path,
) -> None:
    fake = fake_telegram
    database = tmp_path / "bot.sqlite3"
    shutil.copyfile(seeded_db, database)
    env = cli_env(
        BOT_TOKEN=FAKE_TOKEN,
        TELEGRAM_API_URL=fake.base_url,
        DATABASE_PATH=str(database),
        LOG_LEVEL="DEBUG",  # the chattiest level: still no token
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await fake.wait_until(lambda: bool(fake.calls_to("getMe")), 60, what="the bot started")
        fake.stall_next("sendMessage", seconds=0.5, times=2)
        chats = range(5001, 5021)
        for chat_id in chats:
            fake.user_text(QUESTION, chat_id=chat_id)
        await fake.wait_until(lambda: bool(fake.calls_to("sendMessage")), 10, what="replies")
        process.send_signal(signal.SIGTERM)
        late = range(5101, 5106)  # arrive after the signal: left for the next run
        for chat_id in late:
            fake.user_text(QUESTION, chat_id=chat_id)
        _, stderr = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert FAKE_TOKEN not in log and FAKE_TOKEN.split(":")[1] not in log
    answered_first = [c for c in chats if fake.bot_messages(c)]
    assert answered_first, "the signal should land while replies are in progress"
    assert all(len(fake.bot_messages(c)) <= 1 for c in chats)
    assert not any(fake.bot_messages(c) for c in late)
    everyone = [*chats, *late]

    # The restarted bot answers what the first one had not: each chat exactly once.
    settings = make_settings(
        tmp_path, bot_token=FAKE_TOKEN, telegram_api_url=fake.base_url, database_path=database
    )
    app = await PollingApp.open(settings, polling_timeout=1)
    task = asyncio.create_task(app.run())
    try:
        await fake.wait_until(lambda: all(fake.bot_messages(c) for c in everyone), 10, what="all")
        await asyncio.sleep(0.3)
    finally:
        app.stop()
        await asyncio.wait_for(task, 5)
    assert all(len(fake.bot_messages(c)) == 1 for c in everyone)
    assert fake.violations == []
