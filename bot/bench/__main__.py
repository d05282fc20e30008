"""`make bench`: ingest speed, answer latency beside bm25s, accuracy among distractors, cold
start and memory of `python -m bot ask`, and dispatcher throughput, measured in one run on a
synthetic corpus (bot/bench/synthetic.py) kept under data/bench/.

    python -m bot.bench [--sizes 1000,10000,20000] [--seed S] [--skip-ingest] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.bench.corpora import BENCH_DIR, ROOT, BenchData
from bot.bench.synthetic import DEFAULT_SEED
from bot.bench.table import Table, median_ms, p99_ms, size_label

if TYPE_CHECKING:
    from bot.bench.dispatch import Throughput
    from bot.corpus.models import Region
    from bot.engine.engine import Engine

SEEDS_DIR = ROOT / "seeds"
DEFAULT_SIZES = (1000, 10_000, 20_000)
DISPATCHER_UPDATES = 2000

# The targets.
INGEST_PER_S = 1000
MEDIAN_MS = 2.0
P99_MS = 10.0
ACCURACY_POINTS = 3.0
PEAK_RSS_MB = 300
COLD_START_S = 1.5
UPDATES_PER_S = 1000


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="corpus sizes in articles, the seeds included (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the generator's seed")
    parser.add_argument(
        "--skip-ingest",
        action="store_true",
        help="reuse the stored databases and leave the ingest rows out (quicker)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of the table: profile answers, ingest and cold start at the largest size "
        "with pyinstrument and write the reports under data/bench/",
    )
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    return args


async def bench(args: argparse.Namespace) -> Table:
    from bot.bench.accuracy import Accuracy, measure, regions_asked_about, without_distractors_in
    from bot.bench.latency import open_engine, time_answers, time_bm25
    from bot.engine.engine import Engine
    from bot.evaluation import DEFAULT_SETS, load_items
    from bot.services import regions_from

    started = time.perf_counter()
    regions = regions_from(SEEDS_DIR)
    data = BenchData(SEEDS_DIR, args.seed)
    sizes: list[int] = args.sizes
    largest = max(sizes)
    table = Table(
        f"bench: seeds ({len(data.seed_files)} articles) + synthetic (seed {args.seed}); "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    generated = time.perf_counter()
    data.synthetic(largest - len(data.seed_files))
    table.add("synthetic corpus ready (s)", f"{time.perf_counter() - generated:.1f}")

    # --- ingest ------------------------------------------------------------------------
    if not args.skip_ingest:
        table.section("ingest: fresh database, seeds + synthetic")
        for size in sizes:
            result = await data.measure_ingest(size, regions)
            label = size_label(size)
            table.add(
                f"ingest {label}: articles/s",
                f"{result.per_second:,.0f}",
                f">= {INGEST_PER_S:,}",
                result.per_second >= INGEST_PER_S,
            )
            table.add(f"ingest {label}: seconds", f"{result.seconds:.1f}")
            table.add(
                f"ingest {label}: database KB per article",
                f"{result.db_bytes / 1024 / max(result.articles, 1):.1f}",
            )
            print(f"  ingested {label} in {result.seconds:.1f} s", file=sys.stderr)

    # --- answers, the peer, accuracy ------------------------------------------------
    items = [item for path in DEFAULT_SETS for item in load_items(path)]
    set_names = " + ".join(path.name for path in DEFAULT_SETS)
    table.section(f"answers: the {len(items)} questions of {set_names}, 3 passes each")
    accuracy: dict[str, Accuracy] = {}
    outside_articles = 0
    asked_about: set[str] = set()
    largest_engine: Engine | None = None
    scales: list[int | None] = [None, *sizes]
    for scale in scales:
        label = "seeds" if scale is None else size_label(scale)
        database = await data.database(scale, regions)
        engine, build_seconds = await open_engine(database, SEEDS_DIR)
        table.add(f"engine {label}: load + build (s)", f"{build_seconds:.2f}")
        ours = time_answers(engine, items)
        peer = time_bm25(engine, items)
        at_largest = scale == largest
        ours_median, ours_p99 = median_ms(ours), p99_ms(ours)
        peer_median = median_ms(peer.samples_ns)
        table.add(
            f"answer {label}: median ms",
            f"{ours_median:.2f}",
            f"<= {MEDIAN_MS:g}" if at_largest else "",
            ours_median <= MEDIAN_MS if at_largest else None,
        )
        table.add(
            f"answer {label}: p99 ms",
            f"{ours_p99:.2f}",
            f"<= {P99_MS:g}" if at_largest else "",
            ours_p99 <= P99_MS if at_largest else None,
        )
        table.add(f"bm25s {label}: median ms", f"{peer_median:.2f}")
        table.add(f"bm25s {label}: p99 ms", f"{p99_ms(peer.samples_ns):.2f}")
        table.add(f"bm25s {label}: index build (s)", f"{peer.build_seconds:.1f}")
        ratio = ours_median / peer_median if peer_median else float("inf")
        table.add(f"median ours / bm25s {label}", f"{ratio:.2f}", "<= 1", ratio <= 1)
        if scale is None:
            asked_about = regions_asked_about(engine, DEFAULT_SETS)
        if scale is None or at_largest:
            accuracy[label] = measure(engine, DEFAULT_SETS)
        if at_largest:
            largest_engine = engine
            scoped = Engine(without_distractors_in(engine.corpus, asked_about), engine.vocab)
            accuracy["outside"] = measure(scoped, DEFAULT_SETS)
            outside_articles = len(scoped.articles)
            del scoped
        else:
            del engine
        gc.collect()
        print(f"  answered at {label}", file=sys.stderr)

    big = size_label(largest)
    table.section(f"accuracy on {set_names} (as `make eval`)")
    seeds_only = accuracy["seeds"].percent
    floor = f">= {seeds_only - ACCURACY_POINTS:.1f} (seeds - {ACCURACY_POINTS:g})"
    table.add("accuracy seeds only %", f"{seeds_only:.1f}")
    readings = (
        (big, f"accuracy among {big}, distractors in every region %"),
        ("outside", f"accuracy among {outside_articles:,}, none where questions point %"),
    )
    for key, name in readings:
        reading = accuracy[key]
        kept = seeds_only - reading.percent <= ACCURACY_POINTS
        table.add(name, f"{reading.percent:.1f}", floor, kept)
        table.add("  lost to a synthetic sentence", str(reading.lost_to_synthetic))
        table.add(
            "  lost otherwise (ranking moved)", str(reading.lost_otherwise(accuracy["seeds"]))
        )
    table.add("  regions the questions point to", f"{len(asked_about)} of {len(regions)}")

    # --- `python -m bot ask` as a process ----------------------------------------------
    from bot.bench.process import cold_start

    table.section(f"`python -m bot ask` at {big} (3 runs)")
    database = await data.database(largest, regions)
    cold = cold_start(database, SEEDS_DIR)
    table.add(
        f"cold start {big}: median s",
        f"{cold.median_seconds:.2f}",
        f"<= {COLD_START_S:g}",
        cold.median_seconds <= COLD_START_S,
    )
    table.add(f"cold start {big}: each run s", " ".join(f"{s:.2f}" for s in cold.seconds))
    table.add(
        f"peak RSS {big}: MB",
        f"{cold.peak_rss_mb:.0f}",
        f"<= {PEAK_RSS_MB}",
        cold.peak_rss_mb <= PEAK_RSS_MB,
    )

    # --- the dispatcher ---------------------------------------------------------------
    from bot.bench.dispatch import add_rows, planned_mix, telegram_available

    table.section(f"dispatcher: {DISPATCHER_UPDATES} updates of chats: {planned_mix()}")
    if not telegram_available():
        table.add("dispatcher updates/s", "n/a (bot/telegram missing)", f">= {UPDATES_PER_S:,}")
    else:
        questions = [i.question for i in items]
        runs: list[tuple[str, Engine | None]] = [("seeds", None), (big, largest_engine)]
        for name, with_engine in runs:
            throughput = await _dispatcher_rate(data, regions, questions, with_engine)
            add_rows(table, name, throughput, UPDATES_PER_S)
    table.add("bench wall time (s)", f"{time.perf_counter() - started:.0f}")
    return table


async def _dispatcher_rate(
    data: BenchData, regions: dict[str, Region], questions: list[str], engine: Engine | None
) -> Throughput:
    """The dispatcher's throughput with the seeds' store copied to a scratch file (the
    handlers log questions and keep chat memory there) and the given engine (None: the
    seeds' own)."""
    from bot.bench.dispatch import measure_dispatcher
    from bot.config import Settings
    from bot.services import Services

    seeds_db = await data.database(None, regions)
    scratch = BENCH_DIR / "tmp" / "dispatcher.sqlite3"
    scratch.parent.mkdir(parents=True, exist_ok=True)
    for stale in scratch.parent.glob("dispatcher.sqlite3*"):
        stale.unlink()
    shutil.copyfile(seeds_db, scratch)
    settings = Settings(_env_file=None, database_path=scratch, seeds_dir=SEEDS_DIR)  # type: ignore[call-arg]
    services = await Services.open(settings)
    try:
        if engine is not None:
            services.engine = engine
        result = await measure_dispatcher(services, questions, DISPATCHER_UPDATES)
    finally:
        await services.close()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.profile:
        from bot.bench.profile import profile_all

        for path in asyncio.run(profile_all(BenchData(SEEDS_DIR, args.seed), max(args.sizes))):
            print(f"wrote {path}")
        return 0
    table = asyncio.run(bench(args))
    print(table.render())
    return 0


if __name__ == "__main__":
    Path(BENCH_DIR).mkdir(parents=True, exist_ok=True)
    sys.exit(main())
