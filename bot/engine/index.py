"""The candidate index: postings of matching keys over sentences, scored with numpy.

Each sentence is indexed under its own keys and, more weakly, under the keys of the sentence
before it: Kazakh news chains facts with "Оның", "Олардың", "Аталған" pointing back, so the
figure often sits one sentence after the words the question shares with the article.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from bot.corpus.models import Sentence
from bot.text.fold import fold

CONTEXT_WEIGHT = 0.35
ANAPHORA_WEIGHT = 0.7
# Sentences opening with these point back to the previous one (folded spelling).
ANAPHORA = frozenset(
    fold(w)
    for w in (
        "Оның",
        "Олардың",
        "Олар",
        "Ол",
        "Аталған",
        "Аталмыш",
        "Сол",
        "Бұл",
        "Мұның",
        "Осы",
        "Оларды",
        "Онда",
        "Сонымен",
        "Сондай-ақ",
    )
)
MAX_ALTERNATIVES = 6
_MIN_SOFT = 4


class SearchIndex:
    def __init__(self, sentences: Sequence[Sentence], sentence_region: Sequence[str]) -> None:
        self.size = len(sentences)
        self.region_codes: dict[str, int] = {}
        codes = [self.region_codes.setdefault(r, len(self.region_codes)) for r in sentence_region]
        self.sentence_region = np.asarray(codes, dtype=np.int16)

        postings: dict[str, dict[int, float]] = defaultdict(dict)
        previous: Sentence | None = None
        for i, sentence in enumerate(sentences):
            own = set(sentence.keys)
            for key in own:
                postings[key][i] = 1.0
            if previous is not None and previous.article_id == sentence.article_id:
                first = fold(sentence.text.split(maxsplit=1)[0]) if sentence.text else ""
                weight = ANAPHORA_WEIGHT if first.strip(",.") in ANAPHORA else CONTEXT_WEIGHT
                for key in set(previous.keys) - own:
                    postings[key].setdefault(i, weight)
            previous = sentence

        self.keys: list[str] = sorted(postings)
        self.key_ids = {k: n for n, k in enumerate(self.keys)}
        self.ids: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        df = np.zeros(len(self.keys), dtype=np.float32)
        for n, key in enumerate(self.keys):
            items = postings[key]
            self.ids.append(np.fromiter(items.keys(), dtype=np.int32, count=len(items)))
            self.weights.append(np.fromiter(items.values(), dtype=np.float32, count=len(items)))
            df[n] = sum(1 for w in items.values() if w == 1.0)
        total = max(self.size, 1)
        self.idf = np.log1p((total - df + 0.5) / (df + 0.5)).astype(np.float32)
        # A word the corpus has never seen is as rare as the rarest word.
        self.unknown_idf = float(math.log1p((total + 0.5) / 0.5))
        self.buckets: dict[str, list[str]] = defaultdict(list)
        for key in self.keys:
            if key[:1].isalpha() and len(key) >= 3:
                self.buckets[key[:3]].append(key)
        self._expansions: dict[str, dict[str, float]] = {}

    def expand(self, key: str) -> dict[str, float]:
        """Index keys that stand for `key`: itself, and near forms (халық/халқы, сайла/сайлан)."""
        cached = self._expansions.get(key)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if key in self.key_ids:
            found[key] = 1.0
        if len(key) >= _MIN_SOFT and key[:1].isalpha():
            bucket = self.buckets.get(key[:3], [])
            for other in bucket:
                if other == key:
                    continue
                # The index's word may be longer (сайла → сайлап); a shorter one only by a
                # suffix's worth (жұмыссыз, "jobless", is not жұмыс).
                if other.startswith(key) and len(other) - len(key) <= 4:
                    found[other] = 0.9 if len(other) - len(key) <= 3 else 0.75
                elif key.startswith(other) and len(key) - len(other) <= 2 and len(other) >= 3:
                    found[other] = 0.85
            for other, score, _ in process.extract(
                key, bucket, scorer=fuzz.ratio, score_cutoff=80, limit=MAX_ALTERNATIVES
            ):
                if other != key:
                    found.setdefault(other, 0.9 * score / 100)
        best = dict(sorted(found.items(), key=lambda kv: -kv[1])[: MAX_ALTERNATIVES + 1])
        if len(self._expansions) < 50_000:
            self._expansions[key] = best
        return best

    def knows(self, alternatives: dict[str, float]) -> bool:
        return any(k in self.key_ids for k in alternatives)

    def group_weight(self, alternatives: dict[str, float]) -> float:
        """The most a question word can add: the idf of its closest alternatives (a rare near
        form must not inflate it), or an unknown word's."""
        known = {k: w for k, w in alternatives.items() if k in self.key_ids}
        if not known:
            return self.unknown_idf
        closest = max(known.values())
        return float(max(self.idf[self.key_ids[k]] * w for k, w in known.items() if w >= closest - 0.05))

    def score(
        self,
        groups: Sequence[dict[str, float]],
        regions: Iterable[str] | None = None,
        caps: Sequence[float] | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Per sentence: the sum over question words of their best matching key's weight (at
        most `caps[n]` for word n), and each word's own contribution."""
        total = np.zeros(self.size, dtype=np.float32)
        parts: list[np.ndarray] = []
        for n_group, alternatives in enumerate(groups):
            part = np.zeros(self.size, dtype=np.float32)
            for key, weight in alternatives.items():
                n = self.key_ids.get(key)
                if n is None:
                    continue
                ids = self.ids[n]
                values = self.weights[n] * (self.idf[n] * weight)
                part[ids] = np.maximum(part[ids], values)
            if caps is not None:
                np.minimum(part, caps[n_group], out=part)
            total += part
            parts.append(part)
        if regions is not None:
            codes = [self.region_codes[r] for r in regions if r in self.region_codes]
            mask = np.isin(self.sentence_region, codes)
            total[~mask] = 0.0
        return total, parts

    def top(self, scores: np.ndarray, k: int) -> list[int]:
        positive = int(np.count_nonzero(scores))
        if positive == 0:
            return []
        k = min(k, positive)
        best = np.argpartition(-scores, k - 1)[:k]
        return [int(i) for i in best[np.argsort(-scores[best], kind="stable")]]
