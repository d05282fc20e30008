"""A strict checker for Telegram's HTML parse mode: what the bot sends must pass it.

Stricter than Telegram on purpose, since each extra rule catches a forgotten escape:
attribute values in double quotes only, entities end with ';', a bare '>' is refused, and
visible text that is only whitespace counts as empty. Rules: ../shared/notes/telegram-rules.md.
"""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096

# Tag -> the attributes it may carry (name -> pattern the whole value must match).
_ALLOWED: dict[str, dict[str, re.Pattern[str]]] = {
    name: {}
    for name in ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "pre")
}
_ALLOWED["span"] = {"class": re.compile(r"tg-spoiler")}
_ALLOWED["a"] = {"href": re.compile(r"(https?://|tg://|mailto:)\S+")}
_ALLOWED["code"] = {"class": re.compile(r"language-[\w+#.-]+")}
_ALLOWED["blockquote"] = {"expandable": re.compile(r"")}
_ALLOWED["tg-emoji"] = {"emoji-id": re.compile(r"[1-9]\d*")}
_ALLOWED["tg-time"] = {"unix": re.compile(r"\d+"), "format": re.compile(r"[a-zA-Z]*")}
_REQUIRED = {"span": "class", "a": "href", "tg-emoji": "emoji-id", "tg-time": "unix"}

_START = re.compile(r"<([a-z][a-z-]*)((?:\s+[a-z][a-z-]*(?:=\"[^\"<>]*\")?)*)\s*>")
_END = re.compile(r"</([a-z][a-z-]*)>")
_ATTRIBUTE = re.compile(r"([a-z][a-z-]*)(?:=\"([^\"<>]*)\")?")
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class HtmlRuleError(AssertionError):
    """The text breaks a rule of Telegram's HTML; the message says which and where."""


def check_telegram_html(text: str) -> None:
    """Raise HtmlRuleError unless `text` is valid Telegram HTML with 1–4096 visible characters."""
    visible = _Checker(text).run()
    if not visible.strip():
        raise HtmlRuleError("the visible text is empty: Telegram refuses an empty message")
    if len(visible) > TELEGRAM_LIMIT:
        raise HtmlRuleError(f"the visible text is {len(visible)} characters, over {TELEGRAM_LIMIT}")


def visible_text(text: str) -> str:
    """What the user sees: tags removed, entities decoded (raises on invalid HTML)."""
    return _Checker(text).run()


class _Checker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.stack: list[str] = []
        self.visible: list[str] = []

    def fail(self, reason: str) -> HtmlRuleError:
        around = self.text[max(0, self.pos - 30) : self.pos + 30]
        return HtmlRuleError(f"{reason} at character {self.pos}: …{around!r}…")

    def run(self) -> str:
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "<":
                self.tag()
            elif char == "&":
                self.visible.append(self.entity())
            elif char == ">":
                raise self.fail("a bare '>' (write &gt;)")
            else:
                self.visible.append(char)
                self.pos += 1
        if self.stack:
            raise self.fail(f"<{self.stack[-1]}> is never closed")
        return "".join(self.visible)

    def entity(self) -> str:
        match = _ENTITY.match(self.text, self.pos)
        if match is None:
            raise self.fail("a bare '&' or an entity Telegram does not know (write &amp;)")
        named, decimal, hexadecimal = match.groups()
        if named:
            value = _NAMED[named]
        else:
            code = int(decimal) if decimal else int(hexadecimal, 16)
            if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise self.fail(f"the numeric entity {match.group()} is no character")
            value = chr(code)
        self.pos = match.end()
        return value

    def tag(self) -> None:
        end = _END.match(self.text, self.pos)
        if end:
            name = end.group(1)
            if not self.stack:
                raise self.fail(f"</{name}> closes nothing")
            if self.stack[-1] != name:
                raise self.fail(f"</{name}> closes <{self.stack[-1]}>: tags are not nested")
            self.stack.pop()
            self.pos = end.end()
            return
        start = _START.match(self.text, self.pos)
        if start is None:
            raise self.fail("a bare '<' or a malformed tag (write &lt;)")
        name, attributes = start.group(1), start.group(2)
        if name not in _ALLOWED:
            raise self.fail(f"<{name}> is not a tag Telegram allows")
        self.check_attributes(name, attributes)
        if name == "blockquote" and "blockquote" in self.stack:
            raise self.fail("a blockquote inside a blockquote")
        in_code = any(open_tag in ("code", "pre") for open_tag in self.stack)
        if in_code and not (name == "code" and self.stack[-1] == "pre"):
            raise self.fail(f"<{name}> inside <{self.stack[-1]}>: code and pre hold plain text")
        if name == "code" and "class" in attributes and (not self.stack or self.stack[-1] != "pre"):
            raise self.fail("<code class=...> outside <pre>")
        self.stack.append(name)
        self.pos = start.end()

    def check_attributes(self, name: str, attributes: str) -> None:
        allowed = _ALLOWED[name]
        seen: set[str] = set()
        for match in _ATTRIBUTE.finditer(attributes):
            attribute, value = match.group(1), match.group(2)
            if attribute not in allowed:
                raise self.fail(f"<{name}> takes no attribute {attribute!r}")
            if attribute in seen:
                raise self.fail(f"<{name}> repeats the attribute {attribute!r}")
            seen.add(attribute)
            is_flag = not allowed[attribute].pattern
            if is_flag != (value is None):
                raise self.fail(f"the attribute {attribute!r} of <{name}> is malformed")
            if value is not None:
                decoded = _decode_attribute(value)
                if decoded is None or not allowed[attribute].fullmatch(decoded):
                    raise self.fail(f"the {attribute!r} of <{name}> is invalid: {value!r}")
        required = _REQUIRED.get(name)
        if required and required not in seen:
            raise self.fail(f"<{name}> needs the attribute {required!r}")


def _decode_attribute(value: str) -> str | None:
    """The attribute value with entities decoded; None when it holds a bare '&'."""
    out: list[str] = []
    pos = 0
    while pos < len(value):
        if value[pos] != "&":
            out.append(value[pos])
            pos += 1
            continue
        match = _ENTITY.match(value, pos)
        if match is None:
            return None
        named, decimal, hexadecimal = match.groups()
        code = 0 if named else int(decimal) if decimal else int(hexadecimal, 16)
        if not named and (code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF):
            return None
        out.append(_NAMED[named] if named else chr(code))
        pos = match.end()
    return "".join(out)
