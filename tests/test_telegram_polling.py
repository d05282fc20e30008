"""The polling loop: each update answered exactly once, in order per chat, across stops,
restarts and faults."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from aiogram.types import Update
from aiogram.utils.backoff import BackoffConfig

from bot.telegram.ledger import MemoryLedger
from bot.telegram.polling import Poller, TokenRejected
from tests.telegram_helpers import Harness, make_harness, message_dict

FAST = BackoffConfig(min_delay=0.01, max_delay=0.05, factor=2.0, jitter=0.0)


def poller_for(h: Harness, ledger: MemoryLedger | None = None) -> Poller:
    return Poller(
        h.dispatcher, h.bot, ledger=ledger or MemoryLedger(), polling_timeout=1, backoff=FAST
    )


def push_text(h: Harness, text: str, chat_id: int = 1) -> int:
    return h.session.push_update({"message": message_dict(text, chat_id=chat_id)})


async def until(predicate: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


@pytest.fixture
def h(tmp_path: Path) -> Harness:
    return make_harness(tmp_path)


async def test_every_update_is_answered_once_and_confirmed_at_stop(h: Harness) -> None:
    poller = poller_for(h)
    task = asyncio.create_task(poller.run())
    ids = [push_text(h, f"Сұрақ {n}?", chat_id=n) for n in range(1, 21)]
    await until(lambda: len(h.session.sent()) == 20)
    poller.stop()
    await asyncio.wait_for(task, 2)
    assert sorted(c.params["chat_id"] for c in h.session.sent()) == list(range(1, 21))
    assert h.session.confirmed_offset == ids[-1] + 1  # nothing comes back after a restart
    assert h.session.violations == []


async def test_one_chats_updates_are_handled_in_order(h: Harness) -> None:
    # Both arrive in one batch: the second must see the context the first left.
    push_text(h, "Бірінші сұрақ?")
    push_text(h, "Ал екіншісі ше?")
    poller = poller_for(h)
    task = asyncio.create_task(poller.run())
    await until(lambda: len(h.session.sent()) == 2)
    poller.stop()
    await task
    questions = [call[1] for call in h.services.engine.calls if call[0] == "answer"]
    assert [q for q, _ in questions] == ["Бірінші сұрақ?", "Ал екіншісі ше?"]
    assert questions[1][1].last_question == "Бірінші сұрақ?"


async def test_stop_lets_the_reply_in_flight_finish(h: Harness) -> None:
    h.session.delays["sendMessage"] = 0.3
    poller = poller_for(h)
    task = asyncio.create_task(poller.run())
    update_id = push_text(h, "Қанша?")
    await until(lambda: any(c.method == "sendMessage" for c in h.session.calls))
    poller.stop()  # the send is still waiting for its answer
    await asyncio.wait_for(task, 2)
    assert len(h.session.sent()) == 1
    assert h.session.confirmed_offset == update_id + 1


async def test_stop_while_waiting_for_news_is_immediate(h: Harness) -> None:
    poller = Poller(h.dispatcher, h.bot, polling_timeout=25)
    task = asyncio.create_task(poller.run())
    await until(lambda: any(c.method == "getUpdates" for c in h.session.calls))
    started = time.monotonic()
    poller.stop()
    await asyncio.wait_for(task, 2)
    assert time.monotonic() - started < 0.5


async def test_a_crash_before_confirming_does_not_answer_twice(h: Harness) -> None:
    ledger = MemoryLedger()
    update_id = push_text(h, "Қанша?")
    # The first run handled the update, then died before any getUpdates confirmed it.
    first = poller_for(h, ledger)
    raw = h.session._updates[0]
    await first.handle(Update.model_validate(raw, context={"bot": h.bot}))
    assert len(h.session.sent()) == 1
    # The restarted bot gets the update again from Telegram and skips it.
    second = poller_for(h, ledger)
    task = asyncio.create_task(second.run())
    await until(lambda: h.session.confirmed_offset == update_id + 1 or second.handled_count > 0)
    second.stop()
    await task
    assert len(h.session.sent()) == 1
    assert h.session.confirmed_offset == update_id + 1


async def test_get_updates_faults_back_off_and_polling_goes_on(h: Harness) -> None:
    h.session.fail_next("getUpdates", 502, times=3)
    poller = poller_for(h)
    task = asyncio.create_task(poller.run())
    push_text(h, "Қанша?")
    await until(lambda: len(h.session.sent()) == 1)
    poller.stop()
    await task
    assert [c.status for c in h.session.calls if c.method == "getUpdates"][:3] == [502, 502, 502]


async def test_a_failing_handler_does_not_stop_the_bot(h: Harness) -> None:
    h.session.fail_next("sendMessage", 403)  # the user blocked the bot
    poller = poller_for(h)
    task = asyncio.create_task(poller.run())
    push_text(h, "Бірінші?", chat_id=1)
    await until(lambda: poller.handled_count == 1)
    push_text(h, "Екінші?", chat_id=2)
    await until(lambda: len(h.session.sent()) == 1)
    poller.stop()
    await task


async def test_a_refused_token_stops_with_a_clear_error(h: Harness) -> None:
    h.session.fail_next("getMe", 401)
    poller = poller_for(h)
    with pytest.raises(TokenRejected):
        await asyncio.wait_for(poller.run(), 2)
