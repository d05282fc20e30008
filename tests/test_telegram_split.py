"""split_html: pieces within Telegram's limit, each valid HTML, nothing lost."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram.split import split_html
from bot.text.markup import visible_length
from tests.botapi.html_check import parse_html, visible_text


def normalized(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check(text: str, limit: int) -> list[str]:
    pieces = split_html(text, limit)
    for piece in pieces:
        visible, _ = parse_html(piece)  # raises if Telegram would refuse the piece
        assert visible.strip()
        assert visible_length(piece) <= limit
        assert len(visible.encode("utf-16-le")) // 2 <= limit
    # Nothing lost, nothing added (whitespace at the cuts aside).
    assert normalized("".join(visible_text(p) for p in pieces)) == normalized(visible_text(text))
    return pieces


def test_short_text_is_one_piece_unchanged() -> None:
    assert split_html("<b>165</b> ауыл әкімі") == ["<b>165</b> ауыл әкімі"]


def test_blank_text_gives_no_pieces() -> None:
    assert split_html("") == [] and split_html(" \n <b> </b>") == []


def test_cuts_at_paragraphs_first() -> None:
    paragraphs = [f"Абзац {n}. " + "сөз " * 200 for n in range(10)]
    text = "\n\n".join(paragraphs)
    pieces = check(text, 4096)
    assert len(pieces) > 1
    assert all(p.startswith("Абзац") for p in pieces)  # every piece begins a paragraph


def test_tags_open_at_a_cut_are_closed_and_reopened() -> None:
    text = '<b>bold <a href="https://example.org/?a=1&amp;b=2">' + "link " * 50 + "</a></b> tail"
    pieces = check(text, 60)
    assert pieces[0].startswith("<b>bold")
    assert pieces[1].startswith('<b><a href="https://example.org/?a=1&amp;b=2">')


def test_entities_are_never_broken_and_count_as_one() -> None:
    text = "&lt;&amp;&gt;" * 3000
    pieces = check(text, 4096)
    assert visible_length(text) == 9000
    assert all(not re.search(r"&[a-z]*$", p) for p in pieces)


def test_a_4096_character_line_without_spaces_is_cut_hard() -> None:
    pieces = check("ы" * 10000, 4096)
    assert [visible_length(p) for p in pieces] == [4096, 4096, 1808]


def test_emoji_count_twice_as_telegram_counts_them() -> None:
    pieces = check("😀" * 3000, 4096)
    assert all(visible_length(p) <= 4096 for p in pieces) and len(pieces) == 2


def test_pre_blocks_stay_valid() -> None:
    text = '<pre><code class="language-python">' + "x = 1\n" * 1000 + "</code></pre>"
    pieces = check(text, 1000)
    assert all(p.startswith('<pre><code class="language-python">') for p in pieces)


_words = st.sampled_from(["сөз", "word", "165", "&amp;", "&lt;", "😀", "Ғ", "a&gt;b"])
_separators = st.sampled_from([" ", " ", "\n", "\n\n", ""])
_tags = st.sampled_from(["b", "i", "u", "s", "code", "tg-spoiler", "blockquote"])


@st.composite
def html_texts(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            tag = draw(_tags)
            inner = draw(html_texts(depth + (2 if tag in ("code", "blockquote") else 1)))
            parts.append(f"<{tag}>{inner}</{tag}>")
        else:
            parts.append(draw(_words) + draw(_separators))
    return "".join(parts)


@settings(max_examples=80, deadline=None)
@given(st.lists(html_texts(), min_size=1, max_size=8), st.integers(8, 120))
def test_any_html_splits_into_valid_pieces(chunks: list[str], limit: int) -> None:
    text = " ".join(chunks)
    if not visible_text(text).strip():
        return
    check(text, limit)


_pieces = st.sampled_from(
    [
        "<b>",
        "</b>",
        "<5 >",
        "< b>",
        "<",
        ">",
        "&",
        "&amp;",
        "&#128240;",
        "&#x41;",
        "&nope",
        "😀",
        "Ғ",
        " ",
        "\n",
        "\u00a0",
        "word",
        "<a href='x'>",
        "</a>",
        "&lt;b&gt;",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=40))
def test_long_replies_are_measured_as_the_split_counts_them(parts: list[str]) -> None:
    """The quick measure that spares a long reply its per-character parse agrees with the
    parse: the same width, and the same verdict on whether anything visible is left."""
    from bot.telegram.split import _atoms
    from bot.text.markup import measure

    text = "".join(parts)
    atoms = _atoms(text)
    width = sum(a.width for a in atoms)
    shows = any(a.width and not a.is_space for a in atoms)
    assert measure(text) == (width, shows)
    assert visible_length(text) == width


def test_a_reply_longer_than_a_message_only_by_its_tags_stays_one_message() -> None:
    line = "<b>Мақала</b> <i>BAQ.KZ</i> — 28.11.2025\n"  # 27 visible, 41 with the tags
    text = line * 120  # 3240 visible characters, 4920 with the tags
    pieces = split_html(text)
    assert pieces == [text.strip()]
    pieces.append("changed by the caller")
    assert split_html(text) == [text.strip()]  # the kept pieces are not the caller's list
