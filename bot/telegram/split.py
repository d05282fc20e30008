"""Split Telegram HTML into messages that each fit Telegram's 4096-character limit.

Telegram counts the text *after* entity parsing: tags cost nothing, `&lt;` costs one character,
and it counts UTF-16 code units (an emoji outside the BMP costs two). A piece is cut at the last
paragraph break, else line break, else space, and never inside a tag or an entity; tags open at
the cut are closed at the end of one piece and opened again at the start of the next, so every
piece is valid HTML on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.text.markup import measure

TELEGRAM_TEXT_LIMIT = 4096

# A tag, an entity, or one character (newlines included).
_ATOM = re.compile(r"<[^<>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);|.", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")


@dataclass(frozen=True, slots=True)
class _Atom:
    raw: str
    width: int  # visible width in UTF-16 code units; 0 for tags
    tag: str | None = None  # tag name for tags
    closing: bool = False

    @property
    def is_space(self) -> bool:
        return self.tag is None and self.raw.isspace()


_TAGS = re.compile(r"<[^>]*>")


def split_html(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Pieces of `text`, each valid HTML with at most `limit` visible characters.

    Whitespace at a cut is dropped (Telegram trims it anyway); blank text gives no pieces.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    stripped = text.strip()
    if len(stripped.encode("utf-16-le")) // 2 <= limit and _TAGS.sub("", stripped).strip():
        # Most replies: even counting every tag the text fits (the visible length can only be
        # shorter), and it has something to show, so there is nothing to parse.
        return [stripped]
    return list(_split_long(text, limit))


# The long replies are mostly the catalogue's (a region's overview, /sources): the same text
# for every chat until /reload, so their pieces are kept (a few KB each).
@lru_cache(maxsize=128)
def _split_long(text: str, limit: int) -> tuple[str, ...]:
    width, shows_text = measure(text)
    if not shows_text:
        return ()
    if width <= limit:
        # Its tags alone push it past the limit: one message as it is.
        return (text.strip(),)

    atoms = _atoms(text)
    pieces: list[str] = []
    start = 0
    open_tags: list[_Atom] = []  # tags open where the current piece starts
    while start < len(atoms):
        cut = _cut(atoms, start, limit)
        body = atoms[start:cut]
        closing_stack = _apply(open_tags, body)
        piece = _render(open_tags, body, closing_stack)
        if _has_text(body):
            pieces.append(piece)
        open_tags = closing_stack
        start = cut
        # The next piece should not begin with the whitespace the cut fell on.
        while start < len(atoms) and atoms[start].is_space:
            start += 1
    return tuple(pieces)


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in _ATOM.finditer(text):
        raw = match.group(0)
        if raw.startswith("<") and len(raw) > 1:
            name = _TAG_NAME.match(raw)
            if name:
                atoms.append(_Atom(raw, 0, name.group(2).lower(), closing=bool(name.group(1))))
                continue
        if raw.startswith("&") and len(raw) > 1:
            atoms.append(_Atom(raw, 1))
            continue
        atoms.append(_Atom(raw, len(raw.encode("utf-16-le")) // 2))
    return atoms


def _cut(atoms: list[_Atom], start: int, limit: int) -> int:
    """Index where the piece beginning at `start` ends (exclusive)."""
    width = 0
    paragraph = line = space = None  # (index after the break, width so far)
    previous_newline = False
    i = start
    while i < len(atoms):
        atom = atoms[i]
        if width + atom.width > limit:
            break
        width += atom.width
        if atom.raw == "\n":
            if previous_newline:
                paragraph = (i + 1, width)
            line = (i + 1, width)
        elif atom.is_space:
            space = (i + 1, width)
        if atom.tag is None:
            previous_newline = atom.raw == "\n"
        i += 1
    else:
        return len(atoms)
    # Prefer the strongest break that still fills at least half a message; else any break.
    for candidate in (paragraph, line, space):
        if candidate and candidate[1] * 2 >= limit:
            return candidate[0]
    for candidate in (paragraph, line, space):
        if candidate and candidate[0] > start:
            return candidate[0]
    return max(i, start + 1)  # a hard cut between two characters, never inside an entity


def _apply(open_tags: list[_Atom], body: list[_Atom]) -> list[_Atom]:
    """The tags still open after `body`, starting from `open_tags`."""
    stack = list(open_tags)
    for atom in body:
        if atom.tag is None:
            continue
        if atom.closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].tag == atom.tag:
                    del stack[depth:]
                    break
        else:
            stack.append(atom)
    return stack


def _render(reopen: list[_Atom], body: list[_Atom], still_open: list[_Atom]) -> str:
    """Reopened tags + the body without whitespace at its visible edges + closing tags."""
    visible = [i for i, a in enumerate(body) if a.tag is None and not a.is_space]
    first, last = (visible[0], visible[-1]) if visible else (len(body), -1)
    kept = [a for i, a in enumerate(body) if a.tag is not None or first <= i <= last]
    closing = "".join(f"</{a.tag}>" for a in reversed(still_open))
    return "".join(a.raw for a in reopen) + "".join(a.raw for a in kept) + closing


def _has_text(body: list[_Atom]) -> bool:
    return any(a.width and not a.is_space for a in body)
