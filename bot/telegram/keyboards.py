"""Inline keyboards. Labels are plain text (Telegram does not parse them); callback data are
the short factories of `bot.telegram.callbacks`.

Keyboards are plain lists of rows turned into one `InlineKeyboardMarkup`: aiogram's
`InlineKeyboardBuilder` deep-copies every button on each read and again on export, which made
the keyboard under an answer cost more than a third of a millisecond.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

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
    packed,
)
from bot.telegram.texts import text

LABEL_LIMIT = 60  # long labels are cut by clients anyway; keep them readable
LANGUAGE_LABELS = {"kk": "🇰🇿 Қазақша", "ru": "🇷🇺 Русский", "en": "🇬🇧 English"}
SMALL_TALK = frozenset({"greeting", "thanks", "help", "empty"})
# Telegram refuses a keyboard of more than 100 buttons, and a big corpus has hundreds of
# articles in a region: the summaries offered as buttons are the first few (the same articles
# the reply lists first).
MAX_ARTICLE_BUTTONS = 20


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
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    if answer.more_available:
        row.append(_button(text("btn_more", language), packed(MoreCb, a=answer_id)))
    if article_key is not None and answer.facts:
        row.append(_button(text("btn_source", language), packed(SummaryCb, k=article_key)))
    if row:
        rows.append(row)
    if other_regions and answer.intent not in SMALL_TALK and answer.intent != "overview":
        rows.append(
            [_button(text("btn_other_region", language), packed(OtherRegionCb, a=answer_id))]
        )
    rows.extend(
        [_button(label(question), packed(SuggestCb, i=number))] for number, question in offered
    )
    if question_id is not None and answer.intent not in SMALL_TALK and answer.intent != "overview":
        rows.append(
            [
                _button(text("btn_like", language), packed(FeedbackCb, a=answer_id, v=1)),
                _button(text("btn_dislike", language), packed(FeedbackCb, a=answer_id, v=-1)),
            ]
        )
    return _markup(rows)


def regions_keyboard(
    regions: Iterable[tuple[Region, int]], language: str, *, with_counts: bool = True
) -> InlineKeyboardMarkup:
    rows = []
    for region, count in regions:
        name = region.name(language)
        caption = f"{name} ({count})" if with_counts else name
        rows.append([_button(label(caption), packed(RegionCb, r=region.id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def reask_keyboard(
    answer_id: int, regions: Iterable[Region], language: str
) -> InlineKeyboardMarkup:
    rows = [
        [_button(label(region.name(language)), packed(ReaskCb, a=answer_id, r=region.id))]
        for region in regions
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def offered_keyboard(
    offered: Iterable[tuple[int, str]], *, regions: Iterable[tuple[Region, int]] = (), language: str
) -> InlineKeyboardMarkup | None:
    """Region buttons (two a row) then example questions, as under /start."""
    region_buttons = [
        _button(label(region.name(language), 30), packed(RegionCb, r=region.id))
        for region, _ in regions
    ]
    rows = [region_buttons[start : start + 2] for start in range(0, len(region_buttons), 2)]
    rows.extend(
        [_button(label(question), packed(SuggestCb, i=number))] for number, question in offered
    )
    return _markup(rows)


def articles_keyboard(articles: Iterable[Article]) -> InlineKeyboardMarkup | None:
    return _markup([_summary_button(article)] for article in islice(articles, MAX_ARTICLE_BUTTONS))


def overview_keyboard(
    articles: Iterable[Article], offered: Iterable[tuple[int, str]]
) -> InlineKeyboardMarkup | None:
    """Under a region's overview: its articles' summaries, then example questions."""
    rows = [[_summary_button(article)] for article in islice(articles, MAX_ARTICLE_BUTTONS)]
    rows.extend(
        [_button(label(question), packed(SuggestCb, i=number))] for number, question in offered
    )
    return _markup(rows)


def language_keyboard() -> InlineKeyboardMarkup:
    row = [_button(LANGUAGE_LABELS[code], packed(LangCb, l=code)) for code in LANGUAGES]
    return InlineKeyboardMarkup(inline_keyboard=[row])


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


@lru_cache(maxsize=8192)
def _button(caption: str, data: str) -> InlineKeyboardButton:
    """A button, made once: most are the same in every chat ("more" under a chat's answer 1,
    👍 under its answer 2, ...), and validating a new pydantic model is most of a keyboard's
    cost. Nothing changes a button once made, so one object serves every keyboard."""
    return InlineKeyboardButton(text=caption, callback_data=data)


def _summary_button(article: Article) -> InlineKeyboardButton:
    return _article_button(article.key, article.title)


@lru_cache(maxsize=4096)
def _article_button(key: int, title: str) -> InlineKeyboardButton:
    """An article's button, made once per article (the same 20 are under a region's overview
    in every chat); keyed by what it shows, so a title changed by /reload makes a new one."""
    return _button(label("📄 " + title), packed(SummaryCb, k=key))


def _markup(rows: Iterable[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """The keyboard, or None when it has no button (Telegram refuses an empty one)."""
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=kept) if kept else None
