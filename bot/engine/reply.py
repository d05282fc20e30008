"""Turning a found fact into the reply: the direct answer, the quote, the source. Valid
Telegram HTML: everything from articles or users is escaped, and the text stays within limits."""

from __future__ import annotations

import html
import re

from bot.corpus.models import Article, FactSpan, Region
from bot.engine.phrases import phrase

TELEGRAM_LIMIT = 4096
MAX_QUOTE = 1500
_NUMBER = re.compile(r"\d[\d\s,.]*\d|\d")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def source_line(article: Article, language: str) -> str:
    source = (
        article.source
        if article.source.lower() != "unknown"
        else phrase("unknown_source", language)
    )
    parts = [f"<i>{esc(article.title)}</i>", esc(source)]
    if article.date:
        parts.append(article.date.strftime("%d.%m.%Y"))
    return f"📰 {phrase('source', language)}: " + " · ".join(parts)


def direct_answer(span: FactSpan, region: Region | None, language: str) -> str:
    """'<b>165</b> ауыл әкімі — Жамбыл облысы': the fact first, its number in bold."""
    if span.kind == "person":
        text = f"<b>{esc(span.text)}</b>"
        if span.role:
            text += f" — {esc(span.role)}"
    else:
        match = _NUMBER.search(span.text)
        if match:
            text = (
                esc(span.text[: match.start()])
                + f"<b>{esc(match.group())}</b>"
                + esc(span.text[match.end() :])
            )
        else:
            text = f"<b>{esc(span.text)}</b>"
    if region is not None and region.kind != "country":
        text += f" — {esc(region.name(language))}"
    return text


def quote(sentence: str, span: FactSpan | None) -> str:
    if len(sentence) > MAX_QUOTE:
        cut = sentence.rfind(" ", 0, MAX_QUOTE)
        sentence = sentence[: cut if cut > 0 else MAX_QUOTE] + "…"
    if span is None or span.end > len(sentence) or sentence[span.start : span.end] != span.text:
        return f"<blockquote>{esc(sentence)}</blockquote>"
    return (
        "<blockquote>"
        + esc(sentence[: span.start])
        + f"<b>{esc(span.text)}</b>"
        + esc(sentence[span.end :])
        + "</blockquote>"
    )


def fact_reply(
    sentence: str,
    span: FactSpan | None,
    article: Article,
    region: Region | None,
    language: str,
    *,
    lead: str | None = None,
) -> str:
    first = lead or (direct_answer(span, region, language) if span else phrase("says", language))
    return "\n".join([first, quote(sentence, span), source_line(article, language)])


def fit(text: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Cut at a line boundary so no tag is split (engine replies keep tags within lines)."""
    if visible_length(text) <= limit:
        return text
    lines = text.split("\n")
    # Room for the "\n…" that says the reply was cut: two visible characters.
    while lines and visible_length("\n".join(lines)) > limit - 2:
        lines.pop()
    return "\n".join(lines) + "\n…"


def visible_length(text: str) -> int:
    """Characters Telegram counts: tags removed, entities decoded."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", text)))
