"""RetryMiddleware: 429 waits retry_after and sends again; 5xx and network faults are retried a
bounded number of times; the token never reaches the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramRetryAfter
from aiogram.methods import SendMessage

from bot.telegram.app import build_bot
from bot.telegram.redact import install_token_filter, remove_token_filter
from bot.telegram.retry import RetryMiddleware
from tests.telegram_helpers import TOKEN, RecordingSession, make_settings


def bot_with(tmp_path: Path, sleeps: list[float], **options: float) -> tuple:
    session = RecordingSession()
    bot = build_bot(make_settings(tmp_path), session=session)
    # Replace the default middleware with one that records its sleeps instead of sleeping.
    session.middleware._middlewares.clear()

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    session.middleware(RetryMiddleware(sleep=sleep, **options))  # type: ignore[arg-type]
    return bot, session


async def test_429_waits_retry_after_and_sends_once_more(tmp_path: Path) -> None:
    sleeps: list[float] = []
    bot, session = bot_with(tmp_path, sleeps)
    session.fail_next("sendMessage", 429, retry_after=3)
    message = await bot.send_message(1, "hello")
    assert message.text == "hello"
    assert sleeps == [3.0]
    assert [c.status for c in session.calls] == [429, 200]


async def test_server_errors_back_off_and_give_up_after_the_limit(tmp_path: Path) -> None:
    sleeps: list[float] = []
    bot, session = bot_with(tmp_path, sleeps, max_attempts=4, base_delay=0.5)
    session.fail_next("sendMessage", 502, times=2)
    await bot.send_message(1, "hello")
    assert sleeps == [0.5, 1.0]
    session.fail_next("sendMessage", 500, times=10)
    with pytest.raises(Exception, match="injected"):
        await bot.send_message(1, "hello")
    assert len(session.calls) == 3 + 4


async def test_network_errors_are_retried(tmp_path: Path) -> None:
    sleeps: list[float] = []
    bot, session = bot_with(tmp_path, sleeps)
    session.raise_next(
        "sendMessage", TelegramNetworkError(SendMessage(chat_id=1, text="x"), "reset")
    )
    await bot.send_message(1, "hello")
    assert len(sleeps) == 1 and len(session.calls) == 2


async def test_a_refusal_is_not_retried_and_huge_waits_are_not_waited(tmp_path: Path) -> None:
    sleeps: list[float] = []
    bot, session = bot_with(tmp_path, sleeps, max_retry_after=60)
    session.fail_next("sendMessage", 400)
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(1, "hello")
    session.fail_next("sendMessage", 429, retry_after=3600)
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(1, "hello")
    assert sleeps == []


async def test_get_updates_is_left_to_the_polling_loop(tmp_path: Path) -> None:
    sleeps: list[float] = []
    bot, session = bot_with(tmp_path, sleeps)
    session.fail_next("getUpdates", 502)
    with pytest.raises(Exception, match="injected"):
        await bot.get_updates(timeout=0)
    assert sleeps == []


async def test_the_token_never_reaches_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sleeps: list[float] = []
    bot, session = bot_with(tmp_path, sleeps)
    url = f"http://127.0.0.1:9/bot{TOKEN}/sendMessage"
    error = TelegramNetworkError(SendMessage(chat_id=1, text="x"), f"ClientError: 404 for {url}")
    session.raise_next("sendMessage", error)
    token_filter = install_token_filter(TOKEN)
    try:
        with caplog.at_level(logging.INFO):
            await bot.send_message(1, "hello")
            logging.getLogger("aiogram.event").exception("failed: %s", error, exc_info=error)
    finally:
        remove_token_filter(token_filter)
    assert "retrying" in caplog.text
    assert TOKEN not in caplog.text
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
