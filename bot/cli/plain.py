"""Telegram HTML as terminal text."""

from __future__ import annotations

import html
import re

_QUOTE = re.compile(r"<blockquote[^>]*>(.*?)</blockquote>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(text: str) -> str:
    text = _QUOTE.sub(lambda m: "\n".join(f"  │ {line}" for line in m.group(1).split("\n")), text)
    return html.unescape(_TAG.sub("", text))
