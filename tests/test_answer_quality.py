"""Answer quality may only go up: each figure of `python -m bot eval` stays at or above the
level it has reached. Raise a floor when the engine improves; never lower one to land a change.

Floors are kept per question set: a set added later starts at its own, lower level (the first
measurement of a fresh set is what the engine does on questions it was not tuned on).
"""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.evaluation import DEFAULT_SETS, Report, run_evaluation

# Accuracy floors (percent), by language and by kind of question, for each group of sets.
# (Once lowered by a point, sets 1+2 ru 94 -> 93, for the saturated rarity of
# bot/engine/index.py; all raised to the levels of 2026-12-06, 07:20 UTC, since.)
FLOORS: dict[tuple[str, ...], dict[str, int]] = {
    ("questions.yaml", "questions2.yaml"): {
        "kk_cyr": 98,
        "kk_kbd": 100,
        "kk_lat": 98,
        "ru": 96,
        "en": 97,
        "fact": 97,
        "no answer": 100,
        "small talk": 100,
    },
    ("questions3.yaml",): {
        "kk_cyr": 96,
        "kk_kbd": 97,
        "kk_lat": 90,
        "ru": 92,
        "en": 90,
        "fact": 91,
        "no answer": 100,
        "small talk": 100,
    },
    # Measured on arrival, before any tuning on it: 60.4% overall.
    ("questions4.yaml",): {
        "kk_cyr": 97,
        "kk_kbd": 89,
        "kk_lat": 94,
        "ru": 94,
        "en": 92,
        "fact": 93,
        "no answer": 100,
        "small talk": 100,
    },
    # Measured on arrival, before any tuning on it: 74.5% overall (kk_cyr 73, kk_kbd 71,
    # kk_lat 80, ru 68, en 82, no answer 75, small talk 70).
    ("questions5.yaml",): {
        "kk_cyr": 98,
        "kk_kbd": 91,
        "kk_lat": 93,
        "ru": 96,
        "en": 92,
        "fact": 94,
        "no answer": 100,
        "small talk": 100,
    },
    # Measured on arrival, before any tuning on it: 88.0% overall. Written to find where
    # people asking without Kazakh letters are failed: no Kazakh Cyrillic in it.
    ("questions6.yaml",): {
        "kk_kbd": 91,
        "kk_lat": 100,
        "ru": 92,
        "en": 92,
        "fact": 92,
        "no answer": 100,
        "small talk": 100,
    },
    # Measured on arrival, before any tuning on it: 86.0% overall (Russian 80.0, "about" 63.6).
    ("questions7.yaml",): {
        "kk_kbd": 92,
        "kk_lat": 100,
        "ru": 87,
        "en": 94,
        "fact": 88,
        "no answer": 100,
        "small talk": 100,
    },
}
CASES = [
    (names, figure, floor) for names, floors in FLOORS.items() for figure, floor in floors.items()
]


@pytest.fixture(scope="module")
def reports(engine: Engine) -> dict[tuple[str, ...], Report]:
    by_name = {path.name: path for path in DEFAULT_SETS}
    return {
        names: run_evaluation(engine, tuple(by_name[n] for n in names), with_bm25=False)
        for names in FLOORS
    }


def test_every_tuning_set_has_floors() -> None:
    assert sorted(n for names in FLOORS for n in names) == sorted(p.name for p in DEFAULT_SETS)


@pytest.mark.parametrize(("names", "figure", "floor"), CASES)
def test_accuracy_does_not_drop(
    reports: dict[tuple[str, ...], Report], names: tuple[str, ...], figure: str, floor: int
) -> None:
    report = reports[names]
    groups = report.by("style") | report.by("category")
    assert 100 * report.accuracy(groups[figure]) >= floor, f"{' + '.join(names)}: {figure}"
