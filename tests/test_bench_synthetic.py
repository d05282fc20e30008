"""The bench's synthetic corpus: the same seed writes the same files, and every article loads
through the real ingest, debris cleaned, regions spread over all of regions.yaml."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import yaml

from bot.bench.synthetic import MAX_SENTENCES, MIN_SENTENCES, generate, main
from bot.services import regions_from
from bot.store.db import Store
from bot.store.ingest import ingest
from tests.conftest import SEEDS

REGION_IDS = [r["id"] for r in yaml.safe_load((SEEDS / "regions.yaml").read_text())["regions"]]


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 12, seed=7)
    assert main(["--articles", "12", "--out", str(tmp_path / "b"), "--seed", "7"]) == 0
    generate(tmp_path / "c", 12, seed=8)
    first, second, other = (contents(tmp_path / n) for n in "abc")
    assert len(first) == 12
    assert first == second
    assert list(first.values()) != list(other.values())


def test_a_smaller_corpus_is_the_start_of_a_larger_one(tmp_path: Path) -> None:
    generate(tmp_path / "small", 5, seed=3)
    generate(tmp_path / "large", 9, seed=3)
    small, large = contents(tmp_path / "small"), contents(tmp_path / "large")
    assert small == {name: large[name] for name in small}


async def test_every_article_loads_cleaned_in_its_region(tmp_path: Path) -> None:
    count = len(REGION_IDS) * 2
    generate(tmp_path / "corpus", count, seed=11)
    database = tmp_path / "bench.sqlite3"
    store = await Store.open(database)
    try:
        report = await ingest(store, [tmp_path / "corpus"], regions_from(SEEDS))
    finally:
        await store.close()
    assert report.errors == []
    assert report.added == count

    with sqlite3.connect(database) as conn:
        regions = {r for (r,) in conn.execute("SELECT region FROM articles")}
        per_article = [
            n for (n,) in conn.execute("SELECT count(*) FROM sentences GROUP BY article_key")
        ]
        texts = [t for (t,) in conn.execute("SELECT text FROM sentences")]
        facts = conn.execute(
            "SELECT count(*) FROM facts WHERE kind IN ('count', 'percent', 'money')"
        )
        figures = facts.fetchone()[0]
    assert regions == set(REGION_IDS)
    assert all(MIN_SENTENCES <= n <= MAX_SENTENCES for n in per_article), per_article
    debris = ("Advertisment", "Most Popular", "Басты бет", "Ұқсас жаңалықтар", "пікір", "Фото:")
    assert not [t for t in texts if any(d in t for d in debris)]
    assert figures > count  # the sentences carry numbers the engine can mistake for answers
