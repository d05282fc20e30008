"""`python -m bot.bench --profile`: where the time goes, as pyinstrument text reports under
data/bench/ (answers, engine build, ingest, and the `ask` process from start to answer)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pyinstrument import Profiler

from bot.bench.corpora import ROOT, BenchData
from bot.bench.process import QUESTION
from bot.bench.table import size_label

SEEDS_DIR = ROOT / "seeds"
# The ingest is profiled on this many articles, in this process (the workers' time would be
# invisible to the profiler): a file costs the same at any corpus size.
INGEST_PROFILE_ARTICLES = 3000


def _write(profiler: Profiler, path: Path) -> Path:
    path.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    return path


async def profile_all(data: BenchData, articles: int) -> list[Path]:
    from bot.bench.latency import open_engine, time_answers
    from bot.evaluation import DEFAULT_SETS, load_items
    from bot.services import regions_from
    from bot.store import ingest as ingest_module
    from bot.store.db import Store

    regions = regions_from(SEEDS_DIR)
    label = size_label(articles)
    written: list[Path] = []
    database = await data.database(articles, regions)

    profiler = Profiler(interval=0.0005)
    profiler.start()
    engine, _ = await open_engine(database, SEEDS_DIR)
    profiler.stop()
    written.append(_write(profiler, data.root / f"profile-engine-build-{label}.txt"))

    items = [item for path in DEFAULT_SETS for item in load_items(path)]
    profiler = Profiler(interval=0.0002)
    profiler.start()
    time_answers(engine, items)
    profiler.stop()
    written.append(_write(profiler, data.root / f"profile-answers-{label}.txt"))
    del engine

    scratch = data.root / "tmp" / "profile-ingest.sqlite3"
    for stale in scratch.parent.glob(f"{scratch.name}*"):
        stale.unlink()
    scratch.parent.mkdir(parents=True, exist_ok=True)
    store = await Store.open(scratch)
    parallel_from = ingest_module.PARALLEL_FROM
    ingest_module.PARALLEL_FROM = 1 << 30
    profiler = Profiler(interval=0.001, async_mode="enabled")
    profiler.start()
    try:
        files = data.files(min(articles, INGEST_PROFILE_ARTICLES))
        await ingest_module.ingest(store, files, regions)
    finally:
        profiler.stop()
        ingest_module.PARALLEL_FROM = parallel_from
        await store.close()
    ingest_label = size_label(min(articles, INGEST_PROFILE_ARTICLES))
    written.append(_write(profiler, data.root / f"profile-ingest-{ingest_label}-serial.txt"))
    for stale in scratch.parent.glob(f"{scratch.name}*"):
        stale.unlink()

    out = data.root / f"profile-ask-{label}.txt"
    env = dict(os.environ, DATABASE_PATH=str(database), SEEDS_DIR=str(SEEDS_DIR))
    env.pop("BOT_TOKEN", None)
    subprocess.run(
        [sys.executable, "-m", "pyinstrument", "-i", "0.0005", "-r", "text", "-o", str(out),
         "-m", "bot", "ask", QUESTION, "--json"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    written.append(out)
    return written
