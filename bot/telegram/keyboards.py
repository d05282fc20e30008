"""Inline keyboards. Labels are plain text (Telegram does not parse them); callback data are
the short factories of `bot.telegram.callbacks`."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.corpus.models import LANGUAGES, Article, Region
from bot.engine.models import Answer
from bot.telegram.callbacks import (
    FeedbackCb,
    LangCb,
    MoreCb,
    OtherRegionCb,
    ReaskCb,
    RegionCb,
    SuggestCb,
    SummaryCb,
)
from bot.telegram.texts import text

LABEL_LIMIT = 60  # long labels are cut by clients anyway; keep them readable
LANGUAGE_LABELS = {"kk": "🇰🇿 Қазақша", "ru": "🇷🇺 Русский", "en": "🇬🇧 English"}
SMALL_TALK = frozenset({"greeting", "thanks", "help", "empty"})


def label(value: str, limit: int = LABEL_LIMIT) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def answer_keyboard(
    answer: Answer,
    *,
    answer_id: int,
    question_id: int | None,
    article_key: int | None,
    other_regions: bool,
    offered: Iterable[tuple[int, str]] = (),
) -> InlineKeyboardMarkup | None:
    """More / source / another region / 👍👎 under an answer; offered questions when unknown."""
    language = answer.language
    builder = InlineKeyboardBuilder()
    row: list[InlineKeyboardButton] = []
    if answer.more_available:
        row.append(_button(text("btn_more", language), MoreCb(a=answer_id).pack()))
    if article_key is not None and answer.facts:
        row.append(_button(text("btn_source", language), SummaryCb(k=article_key).pack()))
    if row:
        builder.row(*row)
    if other_regions and answer.intent not in SMALL_TALK and answer.intent != "overview":
        builder.row(_button(text("btn_other_region", language), OtherRegionCb(a=answer_id).pack()))
    for number, question in offered:
        builder.row(_button(label(question), SuggestCb(i=number).pack()))
    if question_id is not None and answer.intent not in SMALL_TALK and answer.intent != "overview":
        builder.row(
            _button(text("btn_like", language), FeedbackCb(a=answer_id, v=1).pack()),
            _button(text("btn_dislike", language), FeedbackCb(a=answer_id, v=-1).pack()),
        )
    return _markup(builder)


def regions_keyboard(
    regions: Iterable[tuple[Region, int]], language: str, *, with_counts: bool = True
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for region, count in regions:
        name = region.name(language)
        caption = f"{name} ({count})" if with_counts else name
        builder.row(_button(label(caption), RegionCb(r=region.id).pack()))
    return builder.as_markup()


def reask_keyboard(
    answer_id: int, regions: Iterable[Region], language: str
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for region in regions:
        builder.row(_button(label(region.name(language)), ReaskCb(a=answer_id, r=region.id).pack()))
    return builder.as_markup()


def offered_keyboard(
    offered: Iterable[tuple[int, str]], *, regions: Iterable[tuple[Region, int]] = (), language: str
) -> InlineKeyboardMarkup | None:
    """Region buttons (two a row) then example questions, as under /start."""
    builder = InlineKeyboardBuilder()
    region_buttons = [
        _button(label(region.name(language), 30), RegionCb(r=region.id).pack())
        for region, _ in regions
    ]
    for start in range(0, len(region_buttons), 2):
        builder.row(*region_buttons[start : start + 2])
    for number, question in offered:
        builder.row(_button(label(question), SuggestCb(i=number).pack()))
    return _markup(builder)


def articles_keyboard(articles: Iterable[Article]) -> InlineKeyboardMarkup | None:
    builder = InlineKeyboardBuilder()
    for article in articles:
        builder.row(_button(label("📄 " + article.title), SummaryCb(k=article.key).pack()))
    return _markup(builder)


def overview_keyboard(
    articles: Iterable[Article], offered: Iterable[tuple[int, str]]
) -> InlineKeyboardMarkup | None:
    """Under a region's overview: its articles' summaries, then example questions."""
    builder = InlineKeyboardBuilder()
    for article in articles:
        builder.row(_button(label("📄 " + article.title), SummaryCb(k=article.key).pack()))
    for number, question in offered:
        builder.row(_button(label(question), SuggestCb(i=number).pack()))
    return _markup(builder)


def language_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.row(*(_button(LANGUAGE_LABELS[code], LangCb(l=code).pack()) for code in LANGUAGES))
    return builder.as_markup()


def without(markup: InlineKeyboardMarkup | None, *prefixes: str) -> InlineKeyboardMarkup | None:
    """The same keyboard minus the buttons whose callback data start with `prefixes`."""
    if markup is None:
        return None
    rows = [
        [b for b in row if not (b.callback_data and b.callback_data.split(":", 1)[0] in prefixes)]
        for row in markup.inline_keyboard
    ]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def _button(caption: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=caption, callback_data=data)


def _markup(builder: InlineKeyboardBuilder) -> InlineKeyboardMarkup | None:
    return builder.as_markup() if any(True for _ in builder.buttons) else None
