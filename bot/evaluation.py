"""`python -m bot eval`: accuracy on the project's question set, beside a plain BM25 peer."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine.engine import Engine
from bot.engine.models import Answer, Context

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "eval"
# The tuning sets: look at their failures freely. The holdout is never looked at while tuning.
DEFAULT_SETS = tuple(
    EVAL_DIR / name
    for name in (
        "questions.yaml",
        "questions2.yaml",
        "questions3.yaml",
        "questions4.yaml",
        "questions5.yaml",
        "questions6.yaml",
        "questions7.yaml",
    )
)
DEFAULT_SET = DEFAULT_SETS[0]
# The holdouts, in the order they were written: each was written blind (from the articles
# alone, without the engine or the other sets) and only its figures are ever read.
HOLDOUT_SETS = (EVAL_DIR / "holdout.yaml", EVAL_DIR / "holdout2.yaml")
SMALL_TALK = {"greeting", "thanks", "help"}
STYLE_NAMES = {
    "kk_cyr": "Kazakh Cyrillic",
    "kk_kbd": "Kazakh, Russian keyboard",
    "kk_lat": "Kazakh Latin",
    "ru": "Russian",
    "en": "English",
}


@dataclass(frozen=True, slots=True)
class Item:
    question: str
    style: str
    intent: str
    region: str | None
    expect: str | None
    article: str | None
    set_name: str = ""  # the question set's file

    @property
    def category(self) -> str:
        if self.intent in SMALL_TALK:
            return "small talk"
        return "no answer" if self.expect is None else "fact"


@dataclass
class Outcome:
    item: Item
    correct: bool
    got: str  # what the bot gave, for the failure list


@dataclass
class Report:
    paths: tuple[Path, ...]
    outcomes: list[Outcome] = field(default_factory=list)
    bm25: list[bool] | None = None

    def accuracy(self, outcomes: list[Outcome] | None = None) -> float:
        chosen = self.outcomes if outcomes is None else outcomes
        return sum(o.correct for o in chosen) / len(chosen) if chosen else 0.0

    def by(self, attribute: str) -> dict[str, list[Outcome]]:
        """The outcomes grouped by an attribute of their questions (style, intent, category,
        set_name)."""
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            groups[getattr(outcome.item, attribute)].append(outcome)
        return dict(groups)

    def bm25_accuracy(self, outcomes: list[Outcome] | None = None) -> float | None:
        if self.bm25 is None:
            return None
        chosen = set(id(o) for o in (outcomes if outcomes is not None else self.outcomes))
        hits = [hit for o, hit in zip(self.outcomes, self.bm25, strict=True) if id(o) in chosen]
        return sum(hits) / len(hits) if hits else 0.0

    def render(self, *, failures: bool = False) -> str:
        names = " + ".join(p.name for p in self.paths)
        lines = [f"question set: {names} ({len(self.outcomes)} questions)"]
        header = f"{'':28} {'n':>4} {'ours':>7} {'bm25':>7}"

        def row(name: str, outcomes: list[Outcome]) -> str:
            peer = self.bm25_accuracy(outcomes)
            peer_text = f"{peer:7.1%}" if peer is not None else f"{'-':>7}"
            return f"{name:28} {len(outcomes):4d} {self.accuracy(outcomes):7.1%} {peer_text}"

        lines += ["", "by language " + header[12:]]
        for style in STYLE_NAMES:
            group = self.by("style").get(style)
            if group:
                lines.append(row(STYLE_NAMES[style], group))
        lines += ["", "by intent " + header[10:]]
        for intent, group in sorted(self.by("intent").items()):
            lines.append(row(intent, group))
        lines += ["", "by kind " + header[8:]]
        for category, group in sorted(self.by("category").items()):
            lines.append(row(category, group))
        if len(self.paths) > 1:
            lines += ["", "by set " + header[7:]]
            by_set = self.by("set_name")
            for path in self.paths:
                lines.append(row(path.name, by_set.get(path.name, [])))
        if failures:
            lines += ["", "failures:"]
            for o in self.outcomes:
                if not o.correct:
                    i = o.item
                    lines.append(f"- [{i.style}/{i.intent}/{i.region}] {i.question!r}")
                    lines.append(f"    expected: {i.expect!r}")
                    lines.append(f"    got: {o.got}")
        lines += ["", row("overall", self.outcomes)]
        return "\n".join(lines)


def load_items(path: Path) -> list[Item]:
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    items = []
    for entry in data:
        items.append(
            Item(
                question=str(entry["q"]) if entry.get("q") is not None else "",
                style=str(entry.get("style", "kk_cyr")),
                intent=str(entry.get("intent", "about")),
                region=entry.get("region"),
                expect=entry.get("expect"),
                article=entry.get("article"),
                set_name=path.name,
            )
        )
    return items


def judge(item: Item, answer: Answer) -> tuple[bool, str]:
    if item.intent in SMALL_TALK:
        return answer.intent == item.intent and not answer.facts, f"intent {answer.intent}"
    if item.expect is None:
        got = answer.facts[0].text[:100] if answer.facts else "(no fact)"
        return not answer.facts, got
    if not answer.facts:
        return False, f"(no fact; intent {answer.intent}, region {answer.region})"
    # What the reply quotes: the top fact, and for "why" the sentence its reason explains
    # (both are in the quote, the reason first).
    shown = answer.context.shown
    quoted = [answer.facts[0], *(f for f in answer.facts[1:] if f.sentence_id in shown)]
    expect = _squash(item.expect)
    return any(expect in _squash(f.text) for f in quoted), answer.facts[0].text[:160]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def run_evaluation(
    engine: Engine, paths: Path | tuple[Path, ...], *, with_bm25: bool = True
) -> Report:
    paths = (paths,) if isinstance(paths, Path) else tuple(paths)
    report = Report(paths)
    items = [item for path in paths for item in load_items(path)]
    for item in items:
        answer = engine.answer(item.question, Context(region=item.region))
        correct, got = judge(item, answer)
        report.outcomes.append(Outcome(item, correct, got))
    if with_bm25:
        report.bm25 = bm25_peer(engine, items)
    return report


def bm25_peer(engine: Engine, items: list[Item]) -> list[bool] | None:
    """The obvious alternative: BM25 over sentences, words cut to five letters (as the peers
    in ../shared/notes measured). It always answers, so it refuses nothing."""
    try:
        import bm25s
    except ImportError:
        return None
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it narrates indexing at DEBUG
    texts = [s.text for s in engine.sentences]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([_cut(t) for t in texts], stopwords=None, show_progress=False),
        show_progress=False,
    )
    hits = []
    for item in items:
        tokens = bm25s.tokenize([_cut(item.question)], stopwords=None, show_progress=False)
        if item.intent in SMALL_TALK or not tokens.vocab:
            hits.append(False)
            continue
        try:
            docs, scores = retriever.retrieve(tokens, k=1, show_progress=False)
        except Exception:
            hits.append(item.expect is None)
            continue
        top = texts[int(docs[0][0])] if scores[0][0] > 0 else None
        if item.expect is None:
            hits.append(top is None)
        else:
            hits.append(top is not None and _squash(item.expect) in _squash(top))
    return hits


def _cut(text: str) -> str:
    return " ".join(w[:5] for w in re.findall(r"\w+", text.lower()))
