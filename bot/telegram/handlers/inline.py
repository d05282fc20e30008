"""Inline mode: `@bot question` in any chat offers up to 10 facts, each with its source."""

from __future__ import annotations

from aiogram import Router, html
from aiogram.enums import ParseMode
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InlineQueryResultUnion,
    InputTextMessageContent,
    LinkPreviewOptions,
)

from bot.corpus.models import Article
from bot.engine.models import Context, Fact
from bot.telegram.keyboards import label
from bot.telegram.memory import ChatMemory
from bot.telegram.ports import AnswerEngine
from bot.telegram.texts import text

MAX_RESULTS = 10
FACT_LIMIT = 3000  # characters of a sentence in a result; keeps the message far below 4096
CACHE_SECONDS = 60


async def inline_query(query: InlineQuery, engine: AnswerEngine, state: FSMContext) -> None:
    memory = ChatMemory(state)  # the user's private-chat memory: their /lang choice
    language = await memory.language(query.from_user)
    button = InlineQueryResultsButton(
        text=text("inline_open_bot", language), start_parameter="inline"
    )
    question = query.query.strip()
    if not question:
        await query.answer([], cache_time=CACHE_SECONDS, is_personal=True, button=button)
        return
    chosen = (await memory.context()).language
    answer = engine.answer(question, Context(language=chosen))
    results: list[InlineQueryResultUnion] = []
    seen: set[int] = set()
    for fact in answer.facts:
        if fact.sentence_id in seen:
            continue
        seen.add(fact.sentence_id)
        results.append(_result(fact, engine.article_by_id(fact.article_id), answer.language))
        if len(results) == MAX_RESULTS:
            break
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=button)


def _result(fact: Fact, article: Article | None, language: str) -> InlineQueryResultArticle:
    sentence = fact.text if len(fact.text) <= FACT_LIMIT else fact.text[: FACT_LIMIT - 1] + "…"
    lines = []
    if fact.highlight:
        lines.append(f"<b>{html.quote(fact.highlight)}</b>")
    lines.append(html.quote(sentence))
    source = _source(article, language)
    if source:
        lines.append("")
        lines.append(f"📰 {html.quote(source)}")
    return InlineQueryResultArticle(
        id=f"s{fact.sentence_id}",  # unique within one answer, far below 64 bytes
        title=label(fact.highlight or sentence, 100),
        description=label(source or sentence, 150),
        input_message_content=InputTextMessageContent(
            message_text="\n".join(lines),
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


def _source(article: Article | None, language: str) -> str:
    """Title, publisher, date: plain text (quoted by the caller)."""
    if article is None:
        return ""
    parts = [article.title, article.source]
    if article.date:
        parts.append(article.date.isoformat())
    return " — ".join(p for p in parts if p)


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.inline_query.register(inline_query)
