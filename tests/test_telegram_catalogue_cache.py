"""The catalogue (a region's overview, /sources, the article buttons) is made once per corpus
and kept: still the same replies for every chat and context, and none from a corpus that
/reload replaced."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from aiogram.types import Update

from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.services import Services
from bot.telegram.app import build_bot, build_dispatcher
from bot.telegram.callbacks import FeedbackCb, MoreCb, ReaskCb, RegionCb, SummaryCb, packed
from tests.telegram_helpers import ADMIN_ID, RecordingSession, make_settings, message_update
from tests.test_services import NEW_ARTICLE

CONTEXTS = (
    Context(),
    Context(language="ru"),
    Context(region="almaty", last_question="Қанша ауыл әкімі сайланды?", shown=(1, 2)),
)
NEW_TITLE = "Түркістан облысында ауыл әкімдерінің форумы өтті"
CHANGED_TITLE = "Түркістанда 412 ауыл әкімі сайланды"


def test_a_kept_overview_is_the_one_a_fresh_engine_makes(engine: Engine) -> None:
    """Asked again, in other contexts and languages: the same reply and facts as the first
    time, and the context each chat's own (its region set, its last question dropped)."""
    fresh = Engine(engine.corpus, engine.vocab)  # nothing kept yet
    for region, _ in engine.regions_with_articles():
        for context in CONTEXTS:
            for language in (None, "kk", "ru", "en"):
                kept = engine.overview(region.id, context, language=language)
                assert kept == fresh.overview(region.id, context, language=language)
                assert kept.context == replace(
                    context.with_region(region.id), last_question=None, shown=()
                )
                assert engine.overview(region.id, context, language=language) == kept
        assert engine.articles_in(region.id) == fresh.articles_in(region.id)
    for language in ("kk", "ru", "en"):
        assert engine.sources_reply(language) == fresh.sources_reply(language)


def test_a_region_without_articles_still_says_so_and_keeps_the_chat_context(
    engine: Engine,
) -> None:
    empty = next(r for r in engine.regions.values() if r.id not in engine._article_count)
    context = Context(last_question="Қанша?", shown=(3,))
    for _ in range(2):  # the second time from what is kept
        answer = engine.overview(empty.id, context, language="kk")
        assert answer.intent == "overview" and answer.facts == []
        assert empty.name("kk") in answer.reply
        assert answer.context == context.with_region(empty.id)


def test_packed_callback_data_is_what_aiogram_packs() -> None:
    cases: list[tuple[Any, dict[str, Any]]] = [
        (MoreCb, {"a": 7}),
        (SummaryCb, {"k": 12345}),
        (FeedbackCb, {"a": 3, "v": -1}),
        (ReaskCb, {"a": 2, "r": "north_kazakhstan"}),
        (RegionCb, {"r": "zhambyl"}),
    ]
    for factory, values in cases:
        assert packed(factory, **values) == factory(**values).pack()
        assert packed(factory, **values) == factory(**values).pack()  # and when kept


async def test_reload_changes_the_overview_sources_and_article_buttons_at_once(
    tmp_path: Path,
) -> None:
    """/turkistan and /sources before and after an admin's /reload: a new article shows at
    once, and so does a changed title, in the text and on the article's button."""
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", seeds)
    services = await Services.open(make_settings(tmp_path, seeds_dir=seeds))
    session = RecordingSession()
    bot = build_bot(services.settings, session=session)
    dispatcher = build_dispatcher(services)
    chats = iter(range(10, 100))

    async def say(text: str, user: int | None = None) -> tuple[str, list[str]]:
        update = message_update(text, chat_id=user or next(chats))
        await dispatcher.feed_update(bot, Update.model_validate(update, context={"bot": bot}))
        sent = session.last_sent().params
        markup = sent.get("reply_markup") or {}
        labels = [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
        return str(sent["text"]), labels

    article = seeds / "articles" / "900_turkistan.md"
    try:
        for _ in range(2):  # the second time from what is kept
            overview, _ = await say("/turkistan")
            sources, buttons = await say("/sources")
            assert NEW_TITLE not in overview and NEW_TITLE not in sources
            assert not any(NEW_TITLE[:20] in b for b in buttons)

        article.write_text(NEW_ARTICLE, encoding="utf-8")
        await say("/reload", ADMIN_ID)
        overview, buttons = await say("/turkistan")
        assert NEW_TITLE in overview and any(NEW_TITLE[:20] in b for b in buttons)
        sources, buttons = await say("/sources")
        assert NEW_TITLE in sources and any(NEW_TITLE[:20] in b for b in buttons)

        article.write_text(NEW_ARTICLE.replace(NEW_TITLE, CHANGED_TITLE), encoding="utf-8")
        await say("/reload", ADMIN_ID)
        overview, buttons = await say("/turkistan")
        assert CHANGED_TITLE in overview and NEW_TITLE not in overview
        assert any(CHANGED_TITLE[:20] in b for b in buttons)
        assert not any(NEW_TITLE[:20] in b for b in buttons)
        sources, buttons = await say("/sources")
        assert CHANGED_TITLE in sources and NEW_TITLE not in sources
        assert any(CHANGED_TITLE[:20] in b for b in buttons)
    finally:
        await dispatcher.emit_shutdown(bot=bot, **dispatcher.workflow_data)
        await services.close()
