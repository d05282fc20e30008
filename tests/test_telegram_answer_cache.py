"""The answer cache in front of the engine: the very answers the engine gives, and none from a
corpus that /reload replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

from aiogram.types import Update

from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.evaluation import DEFAULT_SETS, load_items
from bot.services import Services
from bot.telegram.answer_cache import CachedEngine
from bot.telegram.app import build_bot, build_dispatcher
from tests.telegram_helpers import ADMIN_ID, RecordingSession, make_settings, message_update
from tests.test_services import NEW_ARTICLE

CONTEXTS = (
    Context(),
    Context(language="ru"),
    Context(region="zhambyl", last_question="Қанша ауыл әкімі сайланды?", last_intent="count"),
)


def test_a_cached_answer_is_the_one_the_engine_gives(engine: Engine) -> None:
    cached = CachedEngine(engine)
    asked = [item.question for path in DEFAULT_SETS for item in load_items(path)]
    questions = list(dict.fromkeys(asked))[::4]
    for context in CONTEXTS:
        for question in questions:
            first = cached.answer(question, context)
            again = cached.answer(question, context)
            assert again is first  # served from the cache
            assert first == engine.answer(question, context)  # and what the engine says
    assert cached.hit_rate == 0.5
    for context in CONTEXTS:
        assert cached.more(context) == engine.more(context)
        assert cached.overview("zhambyl", context) == engine.overview("zhambyl", context)
    assert cached.sources_reply("ru") == engine.sources_reply("ru")


def test_the_cache_keeps_the_latest_answers_within_its_size(engine: Engine) -> None:
    cached = CachedEngine(engine, size=2)
    for question in ("сәлем", "рақмет", "көмек"):
        cached.answer(question)
    cached.answer("көмек")
    assert (cached.hits, cached.misses) == (1, 3)
    cached.answer("сәлем")  # dropped as the oldest
    assert cached.misses == 4


async def test_reload_serves_the_new_corpus_at_once(tmp_path: Path) -> None:
    """Asked before and after an admin's /reload: the second answer comes from the new
    article, not from the cache."""
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", seeds)
    services = await Services.open(make_settings(tmp_path, seeds_dir=seeds))
    session = RecordingSession()
    bot = build_bot(services.settings, session=session)
    dispatcher = build_dispatcher(services)
    assert isinstance(dispatcher.workflow_data["engine"], CachedEngine)

    async def say(text: str, user: int) -> str:
        update = message_update(text, chat_id=user)
        await dispatcher.feed_update(bot, Update.model_validate(update, context={"bot": bot}))
        return str(session.last_sent().params["text"])

    try:
        question = "Түркістан облысында қанша ауыл әкімі сайланды?"
        before = await say(question, 5)
        assert "412" not in before
        assert await say(question, 6) == before  # another chat, same context: the cache
        (seeds / "articles" / "900_turkistan.md").write_text(NEW_ARTICLE, encoding="utf-8")
        await say("/reload", ADMIN_ID)
        assert "412" in await say(question, 7)
    finally:
        await dispatcher.emit_shutdown(bot=bot, **dispatcher.workflow_data)
        await services.close()
