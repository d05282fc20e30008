"""ThrottleMiddleware: sends are paced per chat and overall; one busy chat delays no other."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from aiogram import Bot

from bot.telegram.app import build_bot
from bot.telegram.throttle import ThrottleMiddleware
from tests.telegram_helpers import RecordingSession, make_settings


def paced_bot(tmp_path: Path, **rates: Any) -> tuple[Bot, RecordingSession]:
    session = RecordingSession()
    bot = build_bot(make_settings(tmp_path), session=session)
    session.middleware._middlewares.clear()
    session.middleware(ThrottleMiddleware(**rates))
    return bot, session


async def test_a_chat_gets_its_burst_then_one_message_per_interval(tmp_path: Path) -> None:
    bot, _ = paced_bot(tmp_path, chat_per_second=20, chat_burst=2)
    started = time.monotonic()
    for n in range(6):
        await bot.send_message(1, f"piece {n}")
    elapsed = time.monotonic() - started
    assert 0.17 <= elapsed < 0.5  # 2 at once, then 4 × 50 ms


async def test_a_busy_chat_does_not_hold_up_another(tmp_path: Path) -> None:
    bot, _ = paced_bot(tmp_path, chat_per_second=10, chat_burst=1)
    busy = asyncio.gather(*(bot.send_message(1, "busy") for _ in range(4)))  # ~0.3 s
    await asyncio.sleep(0.01)
    started = time.monotonic()
    await bot.send_message(2, "quick")
    assert time.monotonic() - started < 0.05
    await busy


async def test_the_overall_rate_and_group_rate_apply(tmp_path: Path) -> None:
    bot, session = paced_bot(tmp_path, overall_per_second=50, group_per_minute=600, group_burst=1)
    started = time.monotonic()
    await asyncio.gather(*(bot.send_message(chat, "hi") for chat in range(1, 61)))
    assert time.monotonic() - started >= 0.15  # 60 sends at 50/s after a burst of 50
    started = time.monotonic()
    await bot.send_message(-100, "a")
    await bot.send_message(-100, "b")  # 600 a minute: 0.1 s apart
    assert time.monotonic() - started >= 0.08
    await bot.answer_callback_query("q1")  # not a message: never waits
    assert len(session.of("sendMessage")) == 62
