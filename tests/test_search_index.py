"""The candidate index's pruned search gives the answers the whole-corpus sum gives.

`SearchIndex.best` skips the commonest words when looking for candidates and looks them up
only at the candidates found (max-score pruning, bitsets, binary search); a mistake there
would silently drop the right sentence from an answer. Checked against the plain sum over
every sentence, for random questions over the real seeds, down every path."""

from __future__ import annotations

import random

import numpy as np
import pytest

from bot.engine import index as index_module
from bot.engine.engine import Engine
from bot.engine.index import SearchIndex
from bot.text.fold import word_key


def _by_brute_force(
    index: SearchIndex,
    groups: list[dict[str, float]],
    regions: list[str] | None,
    weights: list[float],
    floor: float,
    k: int,
) -> list[tuple[int, float]]:
    codes = None if regions is None else [index.region_codes[r] for r in regions]
    scores = index._scores(groups, codes, weights)
    if codes is not None:
        scores = np.where(np.isin(index.sentence_region, codes), scores, np.float32(0))
    found = [(int(i), float(scores[i])) for i in np.flatnonzero(scores >= np.float32(floor))]
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))[:k]


def _random_question(
    index: SearchIndex, rng: random.Random
) -> tuple[list[dict[str, float]], list[float]]:
    # Common keys most of the time: the pruning is about them.
    common = [index.keys[n] for n in np.argsort(-np.diff(index.offsets))[:40]]
    groups = []
    for _ in range(rng.randint(1, 6)):
        pool = common if rng.random() < 0.6 else index.keys
        keys = rng.sample(pool, rng.randint(1, 3)) + (
            ["никогда-не-было"] if rng.random() < 0.1 else []
        )
        groups.append({key: rng.choice([1.0, 0.95, 0.85, 0.8, 1.2]) for key in keys})
    weights = [rng.uniform(0.2, 6.0) for _ in groups]
    return groups, weights


@pytest.mark.parametrize(
    ("bitset_from", "dense_from", "inside_from"),
    [(256, 12, 2048), (256, 1, 2048), (10**9, 1, 2048), (1, 1, 2048), (256, 10**9, 2048),
     (256, 12, 1)],
    ids=["as-shipped", "candidates-only", "binary-search-only", "bitsets-only", "whole-corpus",
         "region-slices-kept"],
)  # fmt: skip
def test_pruned_search_finds_what_the_whole_corpus_sum_finds(
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    bitset_from: int,
    dense_from: int,
    inside_from: int,
) -> None:
    monkeypatch.setattr(index_module, "BITSET_FROM", bitset_from)
    monkeypatch.setattr(index_module, "DENSE_FROM", dense_from)
    # A key's sentences in a region are kept from this many sentences on; with few kept in
    # all, older ones make way for newer ones as the questions go.
    monkeypatch.setattr(index_module, "INSIDE_KEPT_FROM", inside_from)
    monkeypatch.setattr(index_module, "INSIDE_KEPT", 200 if inside_from == 1 else 1_000_000)
    _assert_best_as_by_brute_force(SearchIndex(engine.sentences, engine.corpus.sentence_regions()))


def test_the_best_few_of_many_scores_are_chosen_from_a_sampled_threshold_as_from_all(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 20,000 articles hundreds of thousands of scores may reach a low floor; here every
    # choice of more than one goes through the threshold read off a sample of 8.
    monkeypatch.setattr(index_module, "PRESELECT_FROM", 1)
    monkeypatch.setattr(index_module, "PRESELECT_SAMPLE", 8)
    _assert_best_as_by_brute_force(SearchIndex(engine.sentences, engine.corpus.sentence_regions()))


def _assert_best_as_by_brute_force(index: SearchIndex) -> None:
    rng = random.Random(20251128)
    regions = list(index.region_codes)
    for _ in range(300):
        groups, weights = _random_question(index, rng)
        scoped = [rng.choice(regions)] if rng.random() < 0.4 else None
        floor = rng.uniform(0.05, 0.8) * sum(weights)
        k = rng.choice([1, 5, 40])
        expected = _by_brute_force(index, groups, scoped, weights, floor, k)
        assert index.best(groups, scoped, weights, floor, k) == expected, (groups, scoped)


def test_a_typo_that_swaps_early_letters_still_reaches_the_word(engine: Engine) -> None:
    # "копшели" for "көшпелі": the first three letters differ (kop/kos) once folded.
    near = engine.index.expand(word_key("копшели"))
    assert word_key("көшпелі") in near
    # A short unknown word is not widened that way: too often it is another word.
    assert word_key("копш") not in engine.index.key_ids
    assert all(k[:3] == "kop" for k in engine.index.expand(word_key("копш")))


def test_rarity_stops_growing_for_the_rarest_words_of_a_large_corpus() -> None:
    from bot.engine.index import UNKNOWN_SATURATES, rarity

    # 20,000 articles: a word of 1 sentence in 350,000 weighs about as much as one of 350,
    # not ten times "әкім" (one of every seven sentences).
    large = 350_000
    once, rare, common = (float(rarity(large, df)) for df in (1, 350, 50_000))
    assert once - rare < 0.7
    assert once < 3.5 * common
    assert float(rarity(large, 0, UNKNOWN_SATURATES)) > once  # never seen: rarer than any
    # The seeds' few hundred sentences keep the plain idf, their rarest words 15% lower.
    small = 600
    for df in (1, 5, 60, 300):
        plain = float(np.log1p((small - df + 0.5) / (df + 0.5)))
        assert 0.85 * plain <= float(rarity(small, df)) <= plain


def test_a_known_words_weight_is_capped_where_the_seeds_weights_never_reach() -> None:
    from bot.engine.index import RARITY_CAP, UNKNOWN_SATURATES, rarity

    # At 20,000 articles every word the distractors never use weighs the cap, not 5.7: a
    # question's one or two rarest words no longer outweigh the rest ("облыс әкімі
    # депутаттар алдында қай кезеңге есеп берді" keeps "... 10 айына қорытынды жасады").
    large, seeds = 350_000, 160
    assert float(rarity(large, 1, cap=RARITY_CAP)) == RARITY_CAP
    assert float(rarity(large, 10_000, cap=RARITY_CAP)) < RARITY_CAP
    # The seeds' own rarest word (one sentence of some 160) is below it: unchanged.
    assert float(rarity(seeds, 1, cap=RARITY_CAP)) == float(rarity(seeds, 1))
    # A word no article uses is not capped: still rarer than any they use.
    assert float(rarity(large, 0, UNKNOWN_SATURATES)) > RARITY_CAP


def _spread_by_brute_force(
    index: SearchIndex,
    groups: list[dict[str, float]],
    regions: list[str] | None,
    weights: list[float],
    floor: float,
    k: int,
) -> list[tuple[int, float]]:
    """The k best, at most MAX_TIED of one score, each region's first of a score before any
    region's second (corpus order within a round), when the plain k best hold more than
    MAX_TIED of one score."""
    plain = _by_brute_force(index, groups, regions, weights, floor, k)
    every = _by_brute_force(index, groups, regions, weights, floor, index.size)
    counts = np.unique([v for _, v in plain], return_counts=True)[1] if plain else [0]
    if k <= index_module.MAX_TIED or not (
        index_module.SPREAD_FROM * k < len(every) <= index_module.SPREAD_MAX
    ):
        return plain
    if max(counts) <= index_module.MAX_TIED:
        return plain
    chosen: list[tuple[int, float]] = []
    for value in sorted({v for _, v in every}, reverse=True):
        tied = [i for i, v in every if v == value]
        seen: dict[int, int] = {}
        place = []
        for i in tied:
            code = int(index.sentence_region[i])
            place.append((seen.get(code, 0), i))
            seen[code] = seen.get(code, 0) + 1
        chosen += [(i, value) for _, i in sorted(place)[: index_module.MAX_TIED]]
        if len(chosen) >= k:
            break
    return sorted(chosen[:k], key=lambda pair: (-pair[1], pair[0]))


@pytest.mark.parametrize(
    ("sorted_from", "head", "sample"),
    [(4096, 256, 4096), (1, 256, 4096), (1, 3, 8), (4096, 3, 8)],
    ids=["as-shipped", "value-by-value", "short-head-small-sample", "sorted-small-sample"],
)
def test_a_spread_search_takes_few_of_one_score_each_regions_first(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, sorted_from: int, head: int, sample: int
) -> None:
    # At 20,000 articles hundreds of one template's copies tie for a question's words and
    # took every place, each region's first sentence of the score with them; a spread search
    # takes at most MAX_TIED of one score, each region's first before any region's second.
    # Here two of a score, so that the seeds' ties exercise it.
    monkeypatch.setattr(index_module, "MAX_TIED", 2)
    monkeypatch.setattr(index_module, "SORTED_SPREAD", sorted_from)
    monkeypatch.setattr(index_module, "SPREAD_HEAD", head)
    monkeypatch.setattr(index_module, "PRESELECT_SAMPLE", sample)
    index = SearchIndex(engine.sentences, engine.corpus.sentence_regions())
    rng = random.Random(7)
    regions = list(index.region_codes)
    spread = 0
    for _ in range(300):
        groups, weights = _random_question(index, rng)
        scoped = [rng.choice(regions)] if rng.random() < 0.2 else None
        floor = rng.uniform(0.05, 0.6) * sum(weights)
        k = rng.choice([1, 5, 40])
        expected = _spread_by_brute_force(index, groups, scoped, weights, floor, k)
        spread += expected != _by_brute_force(index, groups, scoped, weights, floor, k)
        assert index.best(groups, scoped, weights, floor, k, spread=True) == expected, groups
    assert spread > 20  # the spread made a difference often enough to be tested
