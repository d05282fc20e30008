"""Ingest's fast paths give exactly what the plain ones give: a large load prepared in worker
processes and written in groups stores the same rows, ids included, as one written article by
article; and the shortcuts inside text preparation find what a full scan would find."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.bench.synthetic import generate
from bot.corpus import facts as facts_module
from bot.corpus import sentences as sentences_module
from bot.corpus.articles import find_article_files
from bot.corpus.regions import load_regions
from bot.store import ingest as ingest_module
from bot.store.db import Store
from bot.text import fold as fold_module
from tests.conftest import SEEDS

ARTICLES = ingest_module.PARALLEL_FROM + 20  # enough for workers and groups of several


def rows(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted; the random corpus stamp left out."""
    with sqlite3.connect(database) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}
    found["meta"] = [row for row in found["meta"] if row[0] != "corpus_stamp"]
    return found


async def load(database: Path, folder: Path) -> ingest_module.IngestReport:
    store = await Store.open(database)
    try:
        return await ingest_module.ingest(
            store, [folder], load_regions(SEEDS / "regions.yaml"), prune=True
        )
    finally:
        await store.close()


def edit(folder: Path, names: list[str]) -> None:
    for name in names:
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8") + "\n20 адам қатысты.\n", "utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, ARTICLES, seed=5, regions_file=SEEDS / "regions.yaml")
    return folder


async def test_a_large_load_stores_what_article_by_article_stores(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = sorted(p.name for p in corpus.glob("*.md"))
    fast, plain = tmp_path / "fast.sqlite3", tmp_path / "plain.sqlite3"
    steps = [
        lambda folder: None,
        # replaced articles among new ones, the last ones (the highest ids) among them
        lambda folder: edit(folder, names[::7] + names[-3:]),
        lambda folder: [(folder / name).unlink() for name in names[5:40:3]],  # pruned
    ]
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    for step in steps:
        step(folder)
        for database in (fast, plain):
            with monkeypatch.context() as patch:
                if database == plain:  # prepared here, written one article at a time
                    patch.setattr(ingest_module, "PARALLEL_FROM", 1 << 30)
                    patch.setattr(ingest_module, "_group_size", lambda files: 1)
                report = await load(database, folder)
            assert report.errors == []
        assert rows(fast) == rows(plain)
    assert len(rows(fast)["articles"]) == ARTICLES - len(names[5:40:3])


def test_a_file_reached_twice_through_links_is_found_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.md").write_text("x", encoding="utf-8")
    (real / "b.md").symlink_to(real / "a.md")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)

    found = find_article_files([real, tmp_path / "linked" / "a.md", real / "a.md"])

    assert len(found) == 1
    assert found[0].parent == real


# --- the shortcuts inside text preparation -------------------------------------------------

PIECES = (
    "1", "15", "2024", "1990", "2 600", "4,5", "1.500.000", "٣", "2025-11-28", "28.11.2025",
    "-", "–", "%", "%-ы", "₸", "жылы", "жж.", "года", "теңге", "тг", "млн", "мың", "пайыз",
    "қаңтар", "Наурыз", "айында", "ноября", "BAQ.KZ", "www.baq.kz/a", "a@b.ru", "адам", "«", "»",
)  # fmt: skip
TEXT = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", "  ", ".", ",", "\u00a0", "-"])),
    max_size=8,
).map(lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_numbers_are_tried_only_where_a_run_of_digits_starts(text: str) -> None:
    runs = [m.start() for m in facts_module._DIGIT_RUN.finditer(text)]
    patterns = (
        *facts_module._DATE_FROM_DIGITS,
        facts_module._YEAR_RE,
        facts_module._MONEY_RE,
        facts_module._PERCENT_RE,
        facts_module._DIGITS_RE,
    )
    for pattern in patterns:
        shortcut = [m.span() for m in facts_module._matches_from(pattern, text, runs)]
        assert shortcut == [m.span() for m in pattern.finditer(text)]


def test_a_word_can_start_a_name_only_with_a_capital_letter() -> None:
    capitals = f"[{facts_module.UPPER}]"
    expected = {c for c in map(chr, range(0x3000)) if re.fullmatch(capitals, c)}
    assert expected == facts_module._NAME_INITIALS


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_sentence_skipped_by_a_hint_has_nothing_to_find(text: str) -> None:
    if facts_module._ANY_YEAR.search(text) is None:
        assert facts_module._YEAR_RE.search(text) is None
        assert facts_module._DATE_RES[4].search(text) is None
    if facts_module._KK_MONTH_DAY.search(text) is None:
        assert facts_module._DATE_RES[3].search(text) is None
    if sentences_module._ADDRESS_HINT.search(text) is None:
        assert sentences_module._ADDRESS.search(text) is None
    assert fold_module.normalize_numbers(text) == fold_module._THOUSANDS.sub(r"\1", text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_folding_and_words_are_those_of_the_plain_definitions(text: str) -> None:
    lowered = text.lower()
    for pair, replacement in fold_module._MULTI:
        lowered = lowered.replace(pair, replacement)
    assert fold_module.fold(text) == "".join(fold_module._CHAR_MAP.get(c, c) for c in lowered)
    words = re.findall(fold_module._WORD, fold_module.normalize_numbers(text))
    assert fold_module.raw_words(text) == [w.replace(",", ".") for w in words]
