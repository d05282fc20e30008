"""Accuracy of the question set with the seeds among synthetic distractors.

Two readings, because a distractor can compete in two ways. Spread over every region, the
synthetic articles also say things like "Жамбыл облысында 2023 жылы 87 ауыл әкімі сайланды"
about the very regions the questions ask about: a second, equally worded answer, which the
question set (one expected sentence per question) counts as wrong; and a question the set
expects no answer to ("Қостанай облысында ...?", where no real article is) gets one. Kept
out of every region a question points to, they compete only with questions that name no
region, and otherwise win only by beating region scoping and ranking: the engine's own
robustness at scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.corpus.models import Corpus
from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.evaluation import Report, load_items, run_evaluation

SYNTHETIC_PREFIX = "syn_"


@dataclass(frozen=True, slots=True)
class Accuracy:
    percent: float
    correct: frozenset[int]  # positions in the question set answered right
    lost_to_synthetic: int  # questions whose top fact is a synthetic sentence, wrongly

    def lost_otherwise(self, baseline: Accuracy) -> int:
        """Right on the seeds alone, wrong here, and not to a synthetic sentence: another
        real sentence won, or none passed (corpus statistics moved the ranking)."""
        lost = len(baseline.correct - self.correct)
        return max(lost - self.lost_to_synthetic, 0)


def measure(engine: Engine, questions: tuple[Path, ...]) -> Accuracy:
    report = run_evaluation(engine, questions, with_bm25=False)
    correct = frozenset(n for n, o in enumerate(report.outcomes) if o.correct)
    return Accuracy(report.accuracy() * 100, correct, _lost_to_synthetic(engine, report))


def _lost_to_synthetic(engine: Engine, report: Report) -> int:
    lost = 0
    for outcome in report.outcomes:
        if outcome.correct:
            continue
        answer = engine.answer(outcome.item.question, Context(region=outcome.item.region))
        if answer.facts and answer.facts[0].article_id.startswith(SYNTHETIC_PREFIX):
            lost += 1
    return lost


def regions_asked_about(engine: Engine, questions: tuple[Path, ...]) -> set[str]:
    """Every region a question of the sets names or is asked in (as the engine reads it)."""
    found: set[str] = set()
    for item in (item for path in questions for item in load_items(path)):
        answer = engine.answer(item.question, Context(region=item.region))
        found.update(r for r in (item.region, answer.region) if r)
    return found


def without_distractors_in(corpus: Corpus, regions: set[str]) -> Corpus:
    """The corpus less the synthetic articles set in one of `regions`."""
    articles = {
        aid: a
        for aid, a in corpus.articles.items()
        if not (aid.startswith(SYNTHETIC_PREFIX) and a.region in regions)
    }
    sentences = [s for s in corpus.sentences if s.article_id in articles]
    return Corpus(regions=corpus.regions, articles=articles, sentences=sentences)
