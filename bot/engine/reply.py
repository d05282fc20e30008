"""Turning a found fact into the reply: the direct answer, the quote, the source. Valid
Telegram HTML: everything from articles or users is escaped, and the text stays within limits."""

from __future__ import annotations

import html
import re

from bot.corpus.models import Article, FactSpan, Region
from bot.corpus.quotations import GENITIVE
from bot.engine.phrases import article_count, phrase
from bot.text.markup import utf16_length, visible_length

TELEGRAM_LIMIT = 4096
MAX_QUOTE = 1500
_NUMBER = re.compile(r"\d[\d\s,.]*\d|\d")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def source_line(article: Article, language: str) -> str:
    """'📰 Дереккөз: <i>title</i> · BAQ.KZ · 28.11.2025': only what the page says of itself."""
    return f"📰 {phrase('source', language)}: {article_line(article)}"


def article_line(article: Article) -> str:
    """'<i>title</i> · BAQ.KZ · 28.11.2025': the article as a list of sources names it."""
    parts = [f"<i>{esc(article.title)}</i>"]
    if article.source.lower() != "unknown":
        parts.append(esc(article.source))
    if article.date:
        parts.append(article.date.strftime("%d.%m.%Y"))
    return " · ".join(parts)


def region_line(region: Region, articles: int, language: str) -> str:
    """'Жамбыл облысы: /zhambyl (2 мақала)', plain text: a line of the list of regions."""
    return f"{region.name(language)}: {region.command} ({article_count(articles, language)})"


def direct_answer(span: FactSpan, region: Region | None, language: str) -> str:
    """'<b>165</b> ауыл әкімі · 📍 Жамбыл облысы': the fact first, its number in bold."""
    if span.kind == "person":
        text = f"<b>{esc(nominative(span.text))}</b>"
        if span.role:
            text += f", {esc(span.role)}"
    else:
        match = _NUMBER.search(span.text)
        if match is None:
            text = f"<b>{esc(span.text)}</b>"
        elif span.unit and span.kind == "count" and not _has_word_after(span.text, match.end()):
            # "154-і" says the number only; its unit ("әкім") came from the words before it.
            text = f"<b>{esc(match.group())}</b> {esc(span.unit)}"
        else:
            text = (
                esc(span.text[: match.start()])
                + f"<b>{esc(match.group())}</b>"
                + esc(span.text[match.end() :])
            )
    if region is not None and region.kind != "country":
        text += f" · 📍 {esc(region.name(language))}"
    return text


_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ва", "на")  # Тоқаев, Ахметова, ...


def nominative(name: str) -> str:
    """A person's name as a headline says it: "Қасым-Жомарт Кемелұлы Тоқаевтың" (of Tokayev,
    as the sentence has it) is "Қасым-Жомарт Кемелұлы Тоқаев"."""
    ending = GENITIVE.search(name)
    if ending is not None and name[: ending.start()].endswith(_SURNAME_ENDINGS):
        return name[: ending.start()]
    return name


def _has_word_after(text: str, position: int) -> bool:
    """Whether a word follows the number ("165 ауыл әкімі"), not just an ending ("154-і")."""
    tokens = text[position:].split()
    if tokens and tokens[0].startswith(("-", "%")):
        tokens = tokens[1:]
    return bool(tokens)


def quote(sentence: str, span: FactSpan | None) -> str:
    sentence = _shorten(sentence)
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
    context: tuple[str, bool] | None = None,
) -> str:
    """The fact, its sentence quoted, the source. `context` is another sentence to quote with
    it (the reason, for "why") and whether it comes before the fact's sentence."""
    first = lead or (direct_answer(span, region, language) if span else phrase("says", language))
    quoted = quote(sentence, span)
    if context is not None:
        other, before = context
        extra = esc(_shorten(other))
        inner = quoted.removeprefix("<blockquote>").removesuffix("</blockquote>")
        quoted = (
            f"<blockquote>{extra} {inner}</blockquote>"
            if before
            else (f"<blockquote>{inner} {extra}</blockquote>")
        )
    return "\n".join([first, quoted, source_line(article, language)])


def _shorten(sentence: str) -> str:
    if len(sentence) <= MAX_QUOTE:
        return sentence
    cut = sentence.rfind(" ", 0, MAX_QUOTE)
    return sentence[: cut if cut > 0 else MAX_QUOTE] + "…"


def fit(text: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Cut at a line boundary so no tag is split (engine replies keep tags within lines)."""
    # Tags and entities only make the visible length shorter than the UTF-16 length: most
    # replies fit without parsing their markup (16 µs an answer, 0.4 ms an 8 KB overview).
    if utf16_length(text) <= limit or visible_length(text) <= limit:
        return text
    kept: list[str] = []
    used = 0
    for line in text.split("\n"):
        width = visible_length(line) + (1 if kept else 0)  # the newline before it
        # Room for the "\n…" that says the reply was cut: two visible characters.
        if used + width > limit - 2:
            break
        kept.append(line)
        used += width
    return "\n".join(kept) + "\n…"


def longer_than_a_message(lines: list[str]) -> bool:
    """Whether lines of HTML already hold more than a message shows (tags counted too, so
    it errs towards reading on)."""
    return sum(len(line) + 1 for line in lines) > 2 * TELEGRAM_LIMIT
