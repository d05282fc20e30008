"""The bench's data under data/bench/: the synthetic corpus and one database per corpus size,
kept between runs and rebuilt only when what made them changed."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from bot.bench.synthetic import GENERATOR_VERSION, generate
from bot.bench.table import size_label
from bot.corpus.articles import find_article_files
from bot.corpus.models import Region
from bot.store.db import Store
from bot.store.ingest import IngestReport, ingest
from bot.store.schema import SCHEMA_VERSION
from bot.text.fold import KEYING_VERSION

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "data" / "bench"
# Code whose change makes a stored database stale: the loader and what it calls.
LOADER_SOURCES = ("bot/corpus", "bot/store", "bot/text")


@dataclass(frozen=True, slots=True)
class Ingested:
    articles: int
    seconds: float
    db_bytes: int
    report: IngestReport

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else float("inf")


class BenchData:
    def __init__(self, seeds_dir: Path, seed: int, root: Path = BENCH_DIR) -> None:
        self.seeds_dir = seeds_dir
        self.seed = seed
        self.root = root
        self.corpus_dir = root / f"corpus-g{GENERATOR_VERSION}-s{seed}"
        self.seed_files = find_article_files([seeds_dir / "articles"])

    def synthetic(self, count: int) -> list[Path]:
        """The first `count` synthetic articles, generated once and kept (a smaller corpus is
        a prefix of a larger one: article i depends only on the seed and i)."""
        marker = self.corpus_dir / ".generated"
        made = int(marker.read_text()) if marker.exists() else 0
        if made < count:
            for stale in self.root.glob("corpus-g*-s*"):  # written by other generator versions
                if stale.is_dir() and not stale.name.startswith(f"corpus-g{GENERATOR_VERSION}-"):
                    shutil.rmtree(stale)
            generate(
                self.corpus_dir, count, self.seed, regions_file=self.seeds_dir / "regions.yaml"
            )
            marker.write_text(str(count))
        return sorted(self.corpus_dir.glob("syn_*.md"))[:count]

    def files(self, articles: int) -> list[Path]:
        """`articles` article files: the seeds plus as many synthetic ones as it takes."""
        extra = max(articles - len(self.seed_files), 0)
        return self.seed_files + (self.synthetic(extra) if extra else [])

    def database_path(self, articles: int | None) -> Path:
        label = "seeds" if articles is None else size_label(articles)
        return self.root / f"db-{label}.sqlite3"

    def fingerprint(self, articles: int | None) -> str:
        digest = hashlib.sha256()
        digest.update(
            f"g{GENERATOR_VERSION} s{self.seed} n{articles} schema{SCHEMA_VERSION} "
            f"k{KEYING_VERSION}".encode()
        )
        for path in self.seed_files:
            digest.update(path.name.encode() + path.read_bytes())
        digest.update((self.seeds_dir / "regions.yaml").read_bytes())
        for folder in LOADER_SOURCES:
            for source in sorted((ROOT / folder).glob("*.py")):
                digest.update(source.name.encode() + source.read_bytes())
        return digest.hexdigest()[:16]

    def cached_database(self, articles: int | None) -> Path | None:
        path = self.database_path(articles)
        stamp = _stamp_path(path)
        if not (path.exists() and stamp.exists()):
            return None
        stored = json.loads(stamp.read_text()).get("fingerprint")
        return path if stored == self.fingerprint(articles) else None

    async def measure_ingest(self, articles: int, regions: dict[str, Region]) -> Ingested:
        """Ingest into a fresh database; keep it as the cached one for this size."""
        files = self.files(articles)
        scratch = self.root / "tmp" / f"ingest-{articles}.sqlite3"
        _remove_database(scratch)
        scratch.parent.mkdir(parents=True, exist_ok=True)
        store = await Store.open(scratch)
        try:
            started = time.perf_counter()
            report = await ingest(store, files, regions)
            seconds = time.perf_counter() - started
        finally:
            await store.close()  # the last connection's close checkpoints the WAL
        if report.errors:
            raise RuntimeError(f"{len(report.errors)} articles failed to load: {report.errors[0]}")
        size = sum(p.stat().st_size for p in _database_files(scratch))
        self._keep(scratch, articles)
        return Ingested(report.added, seconds, size, report)

    async def database(self, articles: int | None, regions: dict[str, Region]) -> Path:
        """The database for a size (None: the seeds alone), reused while still valid."""
        cached = self.cached_database(articles)
        if cached is not None:
            return cached
        files = self.seed_files if articles is None else self.files(articles)
        scratch = self.root / "tmp" / f"build-{articles}.sqlite3"
        _remove_database(scratch)
        scratch.parent.mkdir(parents=True, exist_ok=True)
        store = await Store.open(scratch)
        try:
            await ingest(store, files, regions)
        finally:
            await store.close()
        return self._keep(scratch, articles)

    def _keep(self, scratch: Path, articles: int | None) -> Path:
        target = self.database_path(articles)
        _remove_database(target)
        shutil.move(scratch, target)
        for extra in _database_files(scratch):  # -wal/-shm left by an unclean close
            extra.unlink()
        _stamp_path(target).write_text(
            json.dumps({"fingerprint": self.fingerprint(articles), "articles": articles})
        )
        return target


def _stamp_path(database: Path) -> Path:
    return database.with_suffix(".json")


def _database_files(path: Path) -> list[Path]:
    candidates = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    return [p for p in candidates if p.exists()]


def _remove_database(path: Path) -> None:
    for existing in _database_files(path):
        existing.unlink()
    # Caches kept beside a database (e.g. a built index) go with it.
    for sibling in path.parent.glob(f"{path.name}.*"):
        if sibling.is_file():
            sibling.unlink()
