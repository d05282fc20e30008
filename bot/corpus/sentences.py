"""Splitting cleaned article text into sentences, robust to the way Kazakh news is typed:
full stops with no space after them, quotations with "– деді ол." attributions, numbers
with spaces and commas, abbreviations, initials and site names."""

from __future__ import annotations

import re


def _word_set(text: str) -> frozenset[str]:
    """A word list written as one string: easier to read and extend than a list literal."""
    return frozenset(text.split())


# Abbreviations after which a full stop never ends a sentence ("2020 ж. қаңтарда",
# "проф. Ахметов"). Compared case-folded, without the final dot.
NEVER_FINAL = _word_set(
    "ж жж г гг обл ауд көш ул пр проф акад доц им тел мыс бет стр e.g i.e dr mr mrs"
)
# Abbreviations that may end a sentence, but not when a number follows ("млн. 200 мың").
MAY_BE_FINAL = _word_set(
    "млн млрд трлн мың тыс т.б т.с.с т.е т.д т.п др км га тг руб долл см м кг т etc"
)

_TERMINAL = re.compile(r"[.!?…]+")
_CLOSERS = "»”\"')]"
_OPENERS = '«“"(['
_DASHES = "–—-"
_SIGNIFICANT = re.compile(rf"[^\s{re.escape(_DASHES + _OPENERS + _CLOSERS)}]")
_ALNUM = re.compile(r"[^\W_]")  # exactly the characters for which str.isalnum() holds
_LETTER_LIKE = re.compile(r"[^\W\d_]")  # the letters, and digits other than 0-9 and kin
# A site or e-mail address: its dots are not full stops ("BAQ.KZ", "Arainfo.kz").
_DOMAINS = r"(?:kz|ru|com|org|net|info|gov|edu|io|uz|kg|media|news)"
_ADDRESS = re.compile(
    rf"(?:https?://)?(?:[\w-]+@)?(?:[\w-]+\.)+{_DOMAINS}\b(?:/[^\s»\"')]*)?", re.IGNORECASE
)
# What every address contains. Scanning for _ADDRESS tries every position of a paragraph (and
# backtracks through each word), so paragraphs without this are not scanned at all.
_ADDRESS_HINT = re.compile(rf"\.{_DOMAINS}\b", re.IGNORECASE)
# An attribution that got cut off: "– Марат Сұлтанғазиев." belongs to the quote before it.
ATTRIBUTION_MAX_WORDS = 4


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order: stripped, whitespace collapsed, none empty."""
    sentences: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    protected: list[bool] | None = None  # where an address is: its dots end nothing
    if _ADDRESS_HINT.search(paragraph):
        protected = [False] * len(paragraph)
        for match in _ADDRESS.finditer(paragraph):
            protected[match.start() : match.end()] = [True] * (match.end() - match.start())

    pieces: list[str] = []
    start = 0
    for match in _TERMINAL.finditer(paragraph):
        if protected is not None and protected[match.start()]:
            continue
        end = match.end()
        while end < len(paragraph) and paragraph[end] in _CLOSERS:
            end += 1
        has_words = _has_letter(paragraph[start:end])  # not a bare "1."
        if has_words and _is_boundary(paragraph, match.start(), match.group(), end):
            pieces.append(paragraph[start:end])
            start = end
    pieces.append(paragraph[start:])
    return _tidy(pieces)


def _has_letter(text: str) -> bool:
    """any(c.isalpha() for c in text), in C for all but the rarest texts: every letter is
    among _LETTER_LIKE, which adds only digits of other kinds ("²", "½")."""
    first = _LETTER_LIKE.search(text)
    if first is None:
        return False
    return first.group().isalpha() or any(c.isalpha() for c in text)


def _is_boundary(text: str, mark_start: int, mark: str, end: int) -> bool:
    if end >= len(text):
        return True
    word_before = _word_before(text, mark_start)
    if not text[end].isspace():
        # Glued: "құрайды.AMANAT", "нығайту.Өйткені", but not "Қ.Тоқаев", "1.5", "т.б."
        previous = text[mark_start - 1] if mark_start else ""
        return (
            text[end].isupper()
            and (previous.islower() or previous in _CLOSERS)
            and len(word_before) >= 2
        )
    following = _next_significant(text, end)
    if not following or following.islower():
        return False  # "...». – деді ол.", "т.б. басқалар": the sentence goes on
    if mark != ".":
        return True
    folded = word_before.casefold()
    if folded in NEVER_FINAL or _is_initial(word_before):
        return False
    return not (following.isdigit() and folded in MAY_BE_FINAL)


def _word_before(text: str, position: int) -> str:
    """The token just before a full stop: "млн", "т.б", "Қ", "құрайды"."""
    start = position
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:position]


def _is_initial(word: str) -> bool:
    """ "Қ" or "Қ.К": one capital letter, or several joined by dots."""
    parts = word.split(".")
    return all(len(p) == 1 and p.isupper() for p in parts)


def _next_significant(text: str, position: int) -> str:
    """The first letter or digit after a boundary, skipping spaces, dashes and quotes (none
    of which is a letter or digit)."""
    match = _SIGNIFICANT.search(text, position)
    return match.group() if match else ""


def _tidy(pieces: list[str]) -> list[str]:
    sentences: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        has_letters = _has_letter(piece)
        is_attribution = piece[0] in _DASHES and len(piece.split()) <= ATTRIBUTION_MAX_WORDS + 1
        if sentences and (not has_letters or is_attribution):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [_strip_leading_dash(s) for s in sentences if _ALNUM.search(s)]


def _strip_leading_dash(sentence: str) -> str:
    """Dialogue dashes open many paragraphs ("– Денсаулық сақтау саласында ..."); a sentence
    shown on its own reads better without one."""
    return sentence.lstrip(_DASHES + " ") or sentence
