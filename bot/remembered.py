"""Values worked out on first use and kept, up to a bound: what the engine reads of a
sentence or an article (its key set, its cause, its event sentences) depends on the corpus
alone, and a question asks it of the same few again and again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Remembered(dict[K, V]):
    """`remembered[key]` is `make(key)`, made on first use and kept; once `limit` are kept,
    all are dropped before the next is made (no recency bookkeeping: a hit is a plain dict
    lookup, which the per-candidate callers need)."""

    def __init__(self, make: Callable[[K], V], limit: int) -> None:
        super().__init__()
        self._make = make
        self._limit = limit

    def __missing__(self, key: K) -> V:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._make(key)
        return value
