"""Front matter as the corpus writes it ("key: value" a line, plain or quoted text, ISO dates),
read without a YAML parser. Building PyYAML's node tree and constructing the document took
half of reading an article file; this reader gives the very same dict for the lines it
accepts and declines (returns None) everything else, which then goes through YAML."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from yaml import ScalarNode
from yaml.reader import Reader
from yaml.resolver import Resolver

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')
_SINGLE_QUOTED = re.compile(r"'([^']*)'")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Characters YAML reads as something other than text on one line: tabs, carriage returns and
# the other line breaks, a byte order mark, and the characters its reader refuses.
_UNUSUAL = re.compile(r"[\t\r\x85\u2028\u2029\ufeff]|" + Reader.NON_PRINTABLE.pattern)
# A plain (unquoted) value may not start with these; inside it, ": " and " #" end it.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_RESOLVER = Resolver()


def read_simple_front_matter(text: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """What yaml.safe_load gives for `text` and each key's 0-based line, or None when the text
    is anything but top-level "key: value" lines (blank lines and "#" comment lines between
    them allowed) with plain text, quoted text without escapes, or a YYYY-MM-DD date."""
    if _UNUSUAL.search(text):
        return None
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")):
        if not line or line[0] == "#":
            continue
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            return None
        key, written = match.group(1), match.group(2)
        if key in data or _resolve(key) != _STR or not written:
            return None
        value = _value(written)
        if value is None:
            return None
        data[key] = value
        key_lines[key] = number
    return (data, key_lines) if data else None


def _value(written: str) -> str | dt.date | None:
    """The value YAML reads from `written` (the line after "key: "), or None if unsure."""
    first = written[0]
    if first == '"':
        quoted = _DOUBLE_QUOTED.fullmatch(written)
        return quoted.group(1) if quoted else None
    if first == "'":
        quoted = _SINGLE_QUOTED.fullmatch(written)
        return quoted.group(1) if quoted else None
    if first in _INDICATORS or first == " ":
        return None
    plain = written.rstrip(" ")
    if ": " in plain or " #" in plain or plain.endswith(":"):
        return None
    tag = _resolve(plain)
    if tag == _STR:
        return plain
    if tag == _TIMESTAMP and (date := _ISO_DATE.fullmatch(plain)):
        try:
            return dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            return None  # YAML raises its own error for it
    return None


def _resolve(plain: str) -> str:
    return str(_RESOLVER.resolve(ScalarNode, plain, (True, False)))
