"""Answer latency in process, ours beside bm25s over the same sentences."""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.evaluation import Item
from bot.services import build_engine
from bot.store.db import Store

PASSES = 3


@dataclass(frozen=True, slots=True)
class Latencies:
    samples_ns: list[int]
    build_seconds: float = 0.0  # building the engine or the peer's index


async def open_engine(database: Path, seeds_dir: Path) -> tuple[Engine, float]:
    """The engine over a database, and the seconds it took to load and build it."""
    started = time.perf_counter()
    store = await Store.open(database)
    try:
        engine = await build_engine(store, seeds_dir)
    finally:
        await store.close()
    return engine, time.perf_counter() - started


def time_answers(engine: Engine, items: list[Item], passes: int = PASSES) -> list[int]:
    """Nanoseconds per `engine.answer` call, every question `passes` times. The index's
    cache of word expansions is emptied before each pass, so each pass meets the words as
    new (a live bot meets a steady flow of new words; the cache only helps repeats)."""
    samples: list[int] = []
    for _ in range(passes):
        _forget_expansions(engine)
        for item in items:
            context = Context(region=item.region)
            started = time.perf_counter_ns()
            engine.answer(item.question, context)
            samples.append(time.perf_counter_ns() - started)
    return samples


def _forget_expansions(engine: Engine) -> None:
    cache = getattr(engine.index, "_expansions", None)
    if isinstance(cache, dict):
        cache.clear()


def _cut(text: str) -> str:
    """As bot/evaluation.py's bm25_peer: lowercase words cut to five letters."""
    return " ".join(w[:5] for w in re.findall(r"\w+", text.lower()))


def time_bm25(engine: Engine, items: list[Item], passes: int = PASSES) -> Latencies:
    """bm25s over the engine's sentences: index once, then time tokenize + retrieve (k=1)
    per question, as bot/evaluation.py's peer asks it."""
    import bm25s

    started = time.perf_counter()
    retriever = bm25s.BM25()
    corpus_tokens = bm25s.tokenize(
        [_cut(s.text) for s in engine.sentences], stopwords=None, show_progress=False
    )
    retriever.index(corpus_tokens, show_progress=False)
    build = time.perf_counter() - started
    questions = [_cut(item.question) for item in items]
    samples: list[int] = []
    for _ in range(passes):
        for question in questions:
            started_ns = time.perf_counter_ns()
            tokens = bm25s.tokenize([question], stopwords=None, show_progress=False)
            if tokens.vocab:
                # A question of only unseen words makes bm25s raise: it has no answer.
                with contextlib.suppress(Exception):
                    retriever.retrieve(tokens, k=1, show_progress=False)
            samples.append(time.perf_counter_ns() - started_ns)
    return Latencies(samples, build)
