"""The front matter shortcut reads exactly what YAML reads, or declines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.corpus.front_matter import read_simple_front_matter

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"

KEYS = ("title", "region", "source", "date", "url", "author", "summary", "yes", "1", "a-b", "_x")
VALUES = (
    "zhambyl", "BAQ.KZ", "Egemen Qazaqstan", "«AMANAT» партиясы", "2025-11-28", "2025-13-45",
    "2025-1-2", "2025-11-28 10:00:00", "12:30", "1.5", "0x1f", "yes", "No", "~", "null", "<<",
    "=", "-", "- x", "-x", "?x", ":x", "a: b", "a:b", "a #b", "a#b", "C#", "[x]", "{x}", "&a",
    "*a", "!x", "|", ">", "%x", "@x", "`x`", "x,y", "", " ", "  x  ", "x  ", "\t", "\r",
    '"quoted"', '"with \\" escape"', '"a: b # c"', '"open', "'single'", "'it''s'", "'open",
    '""', "''", '"x" y', "x\u2028y", "x\x85y", "x\ufeffy", "x\x07y", "ü", "https://example.kz/a?b=c",
)  # fmt: skip
LINES = st.one_of(
    st.tuples(
        st.sampled_from(KEYS), st.sampled_from((":", ": ", ":  ", " : ")), st.sampled_from(VALUES)
    ).map("".join),
    st.sampled_from(
        ("", "# a comment", " # indented comment", "  continued", "...", "- item", " ")
    ),
)
FRONT_MATTER = st.lists(LINES, max_size=6).map("\n".join)


def _yaml_reading(text: str) -> tuple[Any, dict[str, int]] | None:
    """What bot.corpus.articles reads with YAML: the document and each key's line, or None
    where YAML refuses the text."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError):
        return None
    finally:
        loader.dispose()
    lines = {}
    if isinstance(node, yaml.MappingNode):
        lines = {str(k.value): k.start_mark.line for k, _ in node.value}
    return data, lines


@settings(max_examples=600, deadline=None)
@given(FRONT_MATTER)
def test_the_shortcut_reads_what_yaml_reads_or_declines(text: str) -> None:
    simple = read_simple_front_matter(text)
    if simple is not None:
        assert _yaml_reading(text) == simple


def test_the_seed_articles_and_the_generated_corpus_take_the_shortcut() -> None:
    for path in sorted(SEEDS.glob("*.md")):
        front = path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n")
        assert read_simple_front_matter(front) == _yaml_reading(front), path.name
    generated = (
        'title: "Жетісу облысында форум өтті"\nregion: zhetisu\nsource: Kazinform\n'
        'date: 2022-11-22\nurl: "https://example.kz/news/20251128-7"'
    )
    assert read_simple_front_matter(generated) == _yaml_reading(generated)


def test_what_the_shortcut_declines_still_loads_through_yaml() -> None:
    for text in ('title: "a \\" b"', "title: x\n  continued", "date: 2025-13-45", "n: 5"):
        assert read_simple_front_matter(text) is None
