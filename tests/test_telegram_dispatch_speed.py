"""What keeps the dispatcher fast (issue #5), checked as behaviour: no update waits for a
thread, response models are built once, keyboards stay within Telegram's limit on a big
corpus, and the dispatcher bench runs its mix of conversations."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import shutil
import weakref
from pathlib import Path

import pytest
from aiogram import Dispatcher, Router
from aiogram.methods import Response
from aiogram.types import Message

from bot.bench.dispatch import CONVERSATIONS, measure_dispatcher
from bot.corpus.models import Article
from bot.services import Services
from bot.telegram.keyboards import articles_keyboard, overview_keyboard
from tests.conftest import make_settings as plain_settings
from tests.telegram_helpers import make_harness

TELEGRAM_BUTTON_LIMIT = 100


def _routers(router: Router) -> list[Router]:
    return [router, *(r for sub in router.sub_routers for r in _routers(sub))]


def test_no_filter_or_handler_runs_in_a_worker_thread(tmp_path: Path) -> None:
    """aiogram runs a plain function or a magic filter (`F.text`) through asyncio.to_thread:
    a thread hop per update that stalls the event loop while the GIL changes hands."""
    dispatcher: Dispatcher = make_harness(tmp_path).dispatcher
    in_threads = [
        f"{router.name}.{kind}: {getattr(item.callback, '__qualname__', item.callback)}"
        for router in _routers(dispatcher)
        for kind, observer in router.observers.items()
        for handler in observer.handlers
        for item in (handler, *(handler.filters or ()))
        if not item.awaitable
    ]
    assert in_threads == []


async def test_response_models_outlive_a_garbage_collection(tmp_path: Path) -> None:
    """pydantic keeps `Response[Message]` only weakly; the bot keeps it, so a collection does
    not make the next reply rebuild it (about 10 ms)."""
    harness = make_harness(tmp_path)
    await harness.say("/help")
    model = weakref.ref(Response[Message])
    gc.collect()
    assert model() is not None


def _articles(count: int) -> list[Article]:
    return [
        Article(
            id=f"a{n}",
            key=n,
            title=f"Мақала {n}",
            region="zhambyl",
            source="Test",
            summary="…",
            date=dt.date(2025, 1, 1),
        )
        for n in range(1, count + 1)
    ]


def test_a_region_with_hundreds_of_articles_keeps_its_keyboard_within_the_limit() -> None:
    offered = [(n, f"Сұрақ {n}?") for n in range(1, 3)]
    overview = overview_keyboard(_articles(1000), offered)
    sources = articles_keyboard(_articles(20_000))
    for markup in (overview, sources):
        assert markup is not None
        buttons = [b for row in markup.inline_keyboard for b in row]
        assert 0 < len(buttons) <= TELEGRAM_BUTTON_LIMIT
    assert overview is not None and overview.inline_keyboard[-1][0].callback_data == "g:2"


async def test_the_dispatcher_bench_plays_its_mix_and_everything_is_answered(
    tmp_path: Path, seeded_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "bot.sqlite3"
    shutil.copyfile(seeded_db, database)
    services = await Services.open(plain_settings(tmp_path))
    try:
        result = await measure_dispatcher(services, ["Қанша ауыл әкімі сайланды?", "сәлем"], 120)
    finally:
        await services.close()
    assert result.updates == 120 and result.asked == 120
    assert set(result.mix) == {"question", "press", "command"}
    assert result.per_second > 0 and len(result.samples_ns) == 120
    assert result.answer_hits is not None and result.answer_hits > 0  # the same two questions
    # The engine's share of the time is told apart from the front end's.
    assert result.engine_ns is not None and 0 < result.engine_ns < result.seconds * 1e9
    for kind in ("question", "press", "command"):
        assert result.median_ms(kind) is not None
    assert "questions" in result.describe_mix()
    assert len(CONVERSATIONS) >= 4
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failed == []  # no handler failed (the user would have got an apology)
