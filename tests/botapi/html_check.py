"""Telegram's HTML parse mode, checked the way the Bot API server does it.

The parser follows tdlib's `parse_html` (the code behind the Bot API), so a tag error carries
Telegram's wording and byte offset, e.g. `Unsupported start tag "x" at byte offset 5`; the
server prefixes it with "Bad Request: can't parse entities: ".

Deliberately stricter than Telegram in three places, because each one means the bot forgot
to escape text or built markup Telegram silently mangles:
- in text, a bare `&` or a named entity other than lt/gt/amp/quot: Telegram keeps it
  literally, we refuse (in attribute values, such as hrefs, we keep it literally too);
- a blockquote inside a blockquote: Telegram drops the inner one, we refuse;
- any tag inside `code`/`pre` (except `pre > code class="language-..."`): Telegram drops the
  inner entity, we refuse.
A bare `>` is accepted, as Telegram does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_ENTITY_OF_TAG = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]*));?")
_SPACES = " \t\r\n\v\f"


class HtmlError(ValueError):
    """The text is not HTML that Telegram accepts; `description` is Telegram's wording."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass
class _OpenTag:
    name: str
    argument: str
    start: int  # UTF-16 offset in the visible text
    byte_pos: int
    expandable: bool = False
    language: str = ""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(html: str) -> str:
    """The text a user sees once Telegram has parsed `html`; raises HtmlError when it can't."""
    return parse_html(html)[0]


def parse_html(html: str) -> tuple[str, list[dict[str, Any]]]:
    """The visible text and its MessageEntity dicts, as Telegram would return them."""
    return _Parser(html).run()


class _Parser:
    def __init__(self, html: str) -> None:
        self.html = html
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.html[:pos].encode("utf-8"))

    def char(self, pos: int) -> str:
        """The character at `pos`, or "" past the end (tdlib's terminating zero)."""
        return self.html[pos] if pos < len(self.html) else ""

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        while self.pos < len(self.html):
            c = self.html[self.pos]
            if c == "&":
                self.emit(self.decode_entity())
            elif c != "<":
                self.emit(c)
                self.pos += 1
            elif self.char(self.pos + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            raise HtmlError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def decode_entity(self, *, lenient: bool = False) -> str:
        """The character an entity stands for. `lenient` (attribute values): like Telegram,
        an `&` that starts no known entity is a literal `&` (aiogram doesn't escape hrefs)."""
        begin = self.pos
        match = _ENTITY_RE.match(self.html, begin)
        if lenient and (match is None or (match.group(3) or "lt") not in _NAMED_ENTITIES):
            self.pos += 1
            return "&"
        if match is None:
            raise HtmlError(
                "Character '&' is reserved and must be escaped as \"&amp;\" "
                f"at byte offset {self.byte_offset(begin)}"
            )
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                raise HtmlError(
                    f'Unsupported HTML entity "{match.group(0)}" '
                    f"at byte offset {self.byte_offset(begin)}"
                )
            self.pos = match.end()
            return _NAMED_ENTITIES[name]
        code_point = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if code_point == 0 or code_point >= 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
            raise HtmlError(
                f'Invalid HTML entity "{match.group(0)}" at byte offset {self.byte_offset(begin)}'
            )
        self.pos = match.end()
        return chr(code_point)

    def skip_spaces(self) -> None:
        while self.char(self.pos) and self.char(self.pos) in _SPACES:
            self.pos += 1

    def start_tag(self) -> None:
        begin = self.pos
        at = self.byte_offset(begin)
        self.pos += 1
        while self.char(self.pos) and self.char(self.pos) not in _SPACES + ">":
            self.pos += 1
        if not self.char(self.pos):
            raise HtmlError(f"Unclosed start tag at byte offset {at}")
        name = self.html[begin + 1 : self.pos].lower()
        if name not in _ENTITY_OF_TAG:
            raise HtmlError(f'Unsupported start tag "{name}" at byte offset {at}')
        tag = _OpenTag(name=name, argument="", start=self.utf16, byte_pos=at)
        self.read_attributes(tag)
        self.pos += 1  # the closing '>'
        self.check_tag(tag)
        self.stack.append(tag)

    def read_attributes(self, tag: _OpenTag) -> None:
        at = tag.byte_pos
        while self.char(self.pos) != ">":
            self.skip_spaces()
            if not self.char(self.pos):
                raise HtmlError(f'Unclosed start tag "{tag.name}" at byte offset {at}')
            if self.char(self.pos) == ">":
                break
            name_begin = self.pos
            while self.char(self.pos) and self.char(self.pos) not in _SPACES + "=>":
                self.pos += 1
            attribute = self.html[name_begin : self.pos]
            if not attribute:
                raise HtmlError(f'Empty attribute name in the tag "{tag.name}" at byte offset {at}')
            self.skip_spaces()
            if self.char(self.pos) != "=":
                if tag.name == "blockquote" and attribute == "expandable":
                    tag.expandable = True
                    continue
                raise HtmlError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag.name}" at byte offset {at}'
                )
            self.pos += 1
            self.skip_spaces()
            if not self.char(self.pos):
                raise HtmlError(f'Unclosed start tag "{tag.name}" at byte offset {at}')
            value = self.read_attribute_value()
            if not self.char(self.pos):
                raise HtmlError(f"Unclosed start tag at byte offset {at}")
            self.apply_attribute(tag, attribute, value)

    def read_attribute_value(self) -> str:
        quote = self.char(self.pos)
        if quote not in "'\"":
            # A name token: letters, digits, periods and hyphens, case-insensitive.
            begin = self.pos
            while self.char(self.pos) and (
                self.char(self.pos).isalnum() or self.char(self.pos) in ".-"
            ):
                self.pos += 1
            if self.char(self.pos) not in _SPACES + ">" or not self.char(self.pos):
                raise HtmlError(
                    f"Unexpected end of name token at byte offset {self.byte_offset(begin)}"
                )
            return self.html[begin : self.pos].lower()
        self.pos += 1
        value: list[str] = []
        while self.char(self.pos) and self.char(self.pos) != quote:
            if self.char(self.pos) == "&":
                value.append(self.decode_entity(lenient=True))
            else:
                value.append(self.char(self.pos))
                self.pos += 1
        if self.char(self.pos) == quote:
            self.pos += 1
        return "".join(value)

    @staticmethod
    def apply_attribute(tag: _OpenTag, attribute: str, value: str) -> None:
        # Other attributes are ignored, as Telegram does.
        if (
            (tag.name == "a" and attribute == "href")
            or (tag.name == "tg-emoji" and attribute == "emoji-id")
            or (tag.name == "tg-time" and attribute == "unix")
        ):
            tag.argument = value
        elif tag.name == "code" and attribute == "class" and value.startswith("language-"):
            tag.argument = value.removeprefix("language-")
        elif tag.name == "span" and attribute == "class" and value.startswith("tg-"):
            tag.argument = value.removeprefix("tg-")

    def check_tag(self, tag: _OpenTag) -> None:
        at = tag.byte_pos
        if tag.name == "span" and tag.argument != "spoiler":
            raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        if tag.name == "tg-emoji" and not _is_positive_integer(tag.argument):
            raise HtmlError(f"Invalid custom emoji identifier specified at byte offset {at}")
        if tag.name == "tg-time" and not _is_positive_integer(tag.argument):
            raise HtmlError(f"Invalid Unix time specified at byte offset {at}")
        open_names = [t.name for t in self.stack]
        if tag.name == "blockquote" and "blockquote" in open_names:
            raise HtmlError(f"Blockquote entities can't be nested at byte offset {at}")
        monospace = [name for name in open_names if name in ("code", "pre")]
        if monospace:
            code_in_pre = tag.name == "code" and open_names[-1] == "pre"
            if not code_in_pre:
                raise HtmlError(
                    f'Entity "{tag.name}" can\'t be nested in "{monospace[-1]}" at byte offset {at}'
                )

    def end_tag(self) -> None:
        begin = self.pos
        at = self.byte_offset(begin)
        if not self.stack:
            raise HtmlError(f"Unexpected end tag at byte offset {at}")
        self.pos += 2
        while self.char(self.pos) and self.char(self.pos) not in _SPACES + ">":
            self.pos += 1
        end_name = self.html[begin + 2 : self.pos]
        self.skip_spaces()
        if self.char(self.pos) != ">":
            raise HtmlError(f"Unclosed end tag at byte offset {at}")
        self.pos += 1
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise HtmlError(
                f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        self.close_entity(tag)

    def close_entity(self, tag: _OpenTag) -> None:
        if tag.name == "code" and self.stack and self.stack[-1].name == "pre":
            # <pre><code class="language-x"> is one pre entity with a language.
            self.stack[-1].language = tag.argument
            return
        length = self.utf16 - tag.start
        if length == 0:
            return
        entity: dict[str, Any] = {
            "type": _ENTITY_OF_TAG[tag.name],
            "offset": tag.start,
            "length": length,
        }
        if tag.name == "a":
            if not tag.argument:
                return  # Telegram keeps the text and drops a link without a target
            entity["url"] = tag.argument
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        elif tag.name == "blockquote" and tag.expandable:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.argument
        elif tag.name == "tg-time":
            entity["unix_time"] = int(tag.argument)
        self.entities.append(entity)


def _is_positive_integer(value: str) -> bool:
    return value.isdigit() and int(value) > 0
