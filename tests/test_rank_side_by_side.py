"""rank._side_by_side: the adjacency test the tie-breaker counts, against the plain reading."""

from __future__ import annotations

from itertools import pairwise, product

from bot.engine.rank import _side_by_side


def _plain(keys: tuple[str, ...], starts: frozenset[str], ends: frozenset[str]) -> bool:
    adjacent = set(pairwise(keys))
    return any(pair in adjacent for pair in product(starts, ends))


def test_side_by_side_agrees_with_every_pair_of_neighbours() -> None:
    sentences = [
        (),
        ("akim",),
        ("akim", "sail"),
        ("sail", "akim"),
        ("akim", "x", "akim", "sail"),
        ("akim", "akim", "akim"),
        ("x", "akim", "y", "sail", "akim"),
    ]
    sets = [frozenset(), frozenset({"akim"}), frozenset({"sail"}), frozenset({"akim", "sail"})]
    for keys in sentences:
        for starts, ends in product(sets, sets):
            assert _side_by_side(keys, starts, ends) == _plain(keys, starts, ends), (keys, starts)
