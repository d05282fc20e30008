"""`python -m bot ask` as an operator runs it: time to the first answer and peak memory."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Жамбыл облысында қанша ауыл әкімі сайланды?"
RUNS = 3
# A child's peak RSS counts the memory of the process it was forked from (Linux carries the
# parent's high-water mark over the exec), and the bench holds whole engines. So `ask` runs
# under a small launcher process that reports its own child's peak: this line's marker.
PEAK_MARKER = "bench-peak-rss-kb:"
LAUNCHER = f"""
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
print("{PEAK_MARKER}", usage.ru_maxrss, file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True, slots=True)
class ColdStart:
    seconds: list[float]  # process start to the first answer line, per run
    peak_rss_mb: float  # the largest of the runs' maximum resident set sizes
    answered: bool  # the answer had a fact

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.seconds)


def ask_once(
    database: Path, seeds_dir: Path, question: str = QUESTION
) -> tuple[float, float, bool]:
    """Run `python -m bot ask QUESTION --json` against `database`: seconds from spawning the
    process to its answer line, its peak RSS in MB, and whether the answer had facts."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("BOT_TOKEN", "TELEGRAM_API_URL", "REDIS_URL", "WEBHOOK_URL")
    }
    env.update(DATABASE_PATH=str(database), SEEDS_DIR=str(seeds_dir), LOG_LEVEL="WARNING")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, sys.executable, "-m", "bot", "ask", question, "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    rest = process.stdout.read()
    errors = process.stderr.read().decode()
    process.wait()
    peaks = [line for line in errors.splitlines() if line.startswith(PEAK_MARKER)]
    if process.returncode != 0 or not line or not peaks:
        raise RuntimeError(f"`python -m bot ask` failed ({process.returncode}): {errors[-500:]}")
    del rest
    answer = json.loads(line)
    peak_kb = int(peaks[-1].removeprefix(PEAK_MARKER))
    return elapsed, peak_kb / 1024, bool(answer.get("facts"))


def cold_start(database: Path, seeds_dir: Path, runs: int = RUNS) -> ColdStart:
    seconds: list[float] = []
    peak = 0.0
    answered = True
    for _ in range(runs):
        elapsed, rss, has_facts = ask_once(database, seeds_dir)
        seconds.append(elapsed)
        peak = max(peak, rss)
        answered = answered and has_facts
    return ColdStart(seconds, peak, answered)
