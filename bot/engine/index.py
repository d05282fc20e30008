"""The candidate index: postings of matching keys over sentences, scored with numpy.

Each sentence is indexed under its own keys and, more weakly, under the keys of the sentence
before it: Kazakh news chains facts with "Оның", "Олардың", "Аталған" pointing back, so the
figure often sits one sentence after the words the question shares with the article.

Storage is one flat array of sentence numbers per key, in corpus order (CSR:
`offsets[n]:offsets[n + 1]`), own occurrences only; how many of a key's sentences each region
has is kept beside it (`pair_*`, one entry per (key, region) pair), for rarity inside a region.
The context postings are derived at query time: a sentence that has a key passes a weaker
weight to the sentence after it (`context_weight[i + 1]`, zero across an article boundary, so
it never leaves the region). A sentence that has the key itself scores the full weight, which
the maximum below always prefers, so this gives the same scores as storing both kinds, with
half the memory and no per-key Python objects.

Sorted postings let a few candidate sentences be looked up in a common word's postings
(binary search) instead of the word's postings being walked: see `SearchIndex.best`.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process

from bot.corpus.models import Sentence
from bot.text import fold as fold_module
from bot.text.fold import fold

log = logging.getLogger(__name__)

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
# Choosing the best k of more scores than this starts from a threshold read off a sample of
# them (np.partition over 350,000 scores took 2 ms, a comparison with a threshold 0.07 ms).
PRESELECT_FROM = 16_384
# A key's rarity stops growing below about one sentence in RARITY_SATURATES (see `rarity`);
# a word the articles never use saturates later, so it stays rarer than any they use.
RARITY_SATURATES = 300
# ... and never above RARITY_CAP, the weight of about one sentence in 150 (the seeds' rarest
# words, one sentence of some 160, weigh 4.4).
RARITY_CAP = 5.0
UNKNOWN_SATURATES = 1000
PRESELECT_SAMPLE = 4096
# The most candidates taken at one score: at 20,000 articles hundreds of sentences matching
# the same question words alike (one template's copies) filled every place, and a better
# answer scoring a hair lower was never ranked.
MAX_TIED = 8
SPREAD_HEAD = 256  # tied sentences looked at in corpus order (then other regions' first)
SORTED_SPREAD = 4096  # candidates spread over their values after one sort
# ... among at most this many candidates (more: the question's words are common ones,
# and the spread would cost more than the rest of the answer), and more than SPREAD_FROM
# times the places: the seeds' few dozen sentences tied for one word ("әкім деген не") are
# no crowd of copies, and the answer the intent picks among them must stay a candidate
# (measured: 2 keeps the 20k figure of spreading always; 3 or 4 lost 2 answers there).
SPREAD_MAX = 16_384
SPREAD_FROM = 2
SOFT_CUTOFF = 85  # rapidfuzz ratio for near forms the prefix rules miss (халық/халқы)
# A question word whose postings reach more than 1/DENSE_FROM of the corpus is summed with
# whole-array operations; so is a question with more candidates than that (measured: the
# lookups at the candidates cost as much as the whole-array passes at ~1/12).
DENSE_FROM = 12
# Whole-corpus marks kept for the commonest words (4 bytes a sentence each: 1.4 MB at 20k).
DENSE_KEPT = 24
# ... for a word in more than 1/16 of the sentences (for rarer ones, scattered writes win;
# measured at 20k articles: two whole-array passes beat the six scattered ones from ~1/16).
DENSE_MARKS_FROM = 16
# Keys in more than 1/BITSET_FROM of the sentences are looked up in a bitset (the commonest
# BITSETS_KEPT of them kept: 44 KB each at 20k articles).
BITSET_FROM = 256
BITSETS_KEPT = 512
# Keys in at least INSIDE_KEPT_FROM sentences keep their sentences in the regions asked about,
# up to INSIDE_KEPT sentence numbers in all (4 bytes each: 4 MB).
INSIDE_KEPT_FROM = 2048
INSIDE_KEPT = 1_000_000
# At most FEW_CANDIDATES candidates, a key in at most FEW_POSTINGS sentences is looked up
# sentence by sentence (see _Positions).
FEW_CANDIDATES = 256
# Essential words in at most FEW_REACHED sentences in all are bounded in a dictionary.
FEW_REACHED = 64
FEW_POSTINGS = 16
_MIN_SOFT = 4
_MIN_TYPO = 6  # a shorter unknown word is too often another word, not a typo
# "-лық/-лік/-дық/-дік/-тық/-тік" make an adjective of a noun (folded spelling).
_ADJECTIVE_ENDINGS = frozenset({"lik", "dik", "tik"})
# Bump when the arrays below change meaning: a cached index of another format is rebuilt.
# (A cache also records a digest of this file and of the folding code, so an edit to either
# never meets an index built by the code before it.)
INDEX_FORMAT = 3
# A known alternative of a question word: key number, similarity, its sentences' count in
# the asked regions.
Found = tuple[int, float, int]


class IndexCache(Protocol):
    """Where a built index may be kept between runs (the store offers one beside the
    database, keyed by the corpus it was built from)."""

    def load(self) -> dict[str, np.ndarray] | None: ...

    def save(self, arrays: dict[str, np.ndarray]) -> None: ...


class SearchIndex:
    def __init__(
        self,
        sentences: Sequence[Sentence],
        sentence_region: Sequence[str],
    ) -> None:
        self.size = len(sentences)
        # Regions numbered in order of first appearance.
        self.region_codes: dict[str, int] = {
            r: n for n, r in enumerate(dict.fromkeys(sentence_region))
        }
        self.sentence_region = np.fromiter(
            map(self.region_codes.__getitem__, sentence_region),
            dtype=np.int16,
            count=len(sentence_region),
        )

        # The corpus may carry a cache for the built arrays (see bot/store/corpus.py).
        cache: IndexCache | None = getattr(sentences, "index_cache", None)
        arrays = _valid(cache.load(), self.sentence_region) if cache is not None else None
        if arrays is None:
            gc_was_enabled = gc.isenabled()
            gc.disable()  # many new sets, no cycles: collecting meanwhile only costs time
            try:
                arrays = _build(sentences, self.sentence_region, len(self.region_codes))
            finally:
                if gc_was_enabled:
                    gc.enable()
            if cache is not None:
                try:
                    cache.save(arrays)
                except OSError as exc:  # a read-only folder: answers work, start-up is slower
                    log.info("index not cached: %s", exc)
        self.keys: list[str] = _split_keys(arrays["keys"], len(arrays["offsets"]) - 1)
        self.offsets: np.ndarray = arrays["offsets"]
        self.postings: np.ndarray = arrays["postings"]
        self.context_weight: np.ndarray = arrays["context_weight"]  # size + 1: last is 0
        self.pair_start: np.ndarray = arrays["pair_start"]  # key → its first pair
        self.pair_region: np.ndarray = arrays["pair_region"]
        self.pair_count: np.ndarray = arrays["pair_count"]  # pair → the key's sentences there
        self.key_ids = {k: n for n, k in enumerate(self.keys)}
        # Sentences per region: a word's rarity inside a region is counted among them.
        self._region_sizes = [
            int(n) for n in np.bincount(self.sentence_region, minlength=len(self.region_codes))
        ]
        # Each key's sentences per region, as a table (the pairs above, 4 bytes a cell: 0.9 MB
        # at 20k articles): a count is one lookup, not a search in the key's pairs.
        self._region_df = np.zeros((len(self.keys), max(len(self.region_codes), 1)), dtype=np.int32)
        pair_key = np.repeat(np.arange(len(self.keys)), np.diff(self.pair_start))
        self._region_df[pair_key, self.pair_region] = self.pair_count

        df = np.diff(self.offsets).astype(np.float32)  # sentences that have the key themselves
        total = max(self.size, 1)
        self.idf = rarity(total, df, cap=RARITY_CAP).astype(np.float32)
        # A word the corpus has never seen is as rare as the rarest word.
        self.unknown_idf = float(rarity(total, 0, UNKNOWN_SATURATES))
        self.buckets: dict[str, list[str]] = defaultdict(list)
        for key in self.keys:
            if key[:1].isalpha() and len(key) >= 3:
                self.buckets[key[:3]].append(key)
        self._expansions: dict[str, dict[str, float]] = {}
        # Scratch, kept all zero; one extra slot takes the context of the corpus's last sentence.
        self._part = np.zeros(self.size + 1, dtype=np.float32)
        self._dense: OrderedDict[int, np.ndarray] = OrderedDict()  # see _dense_marks
        self._bitsets: OrderedDict[int, np.ndarray] = OrderedDict()  # see _bitset
        self._inside: OrderedDict[tuple[int, ...], np.ndarray] = OrderedDict()  # see _slices
        self._inside_size = 0  # sentence numbers kept in _inside

    def expand(self, key: str) -> dict[str, float]:
        """Index keys that stand for `key`: itself, and near forms (халық/халқы, сайла/сайлан)."""
        cached = self._expansions.get(key)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if key in self.key_ids:
            found[key] = 1.0
        if len(key) >= 3 and key[:1].isalpha():
            # "орын-да" is keyed "ori" (as if "-нда" were its ending), "орын-дар-дан" "orin".
            other = key[:-1] if key.endswith("n") else key + "n"
            if other in self.key_ids and len(other) >= 3:
                found[other] = 0.85
        if len(key) >= _MIN_SOFT and key[:1].isalpha():
            bucket = self.buckets.get(key[:3], [])
            for other in bucket:
                if other == key:
                    continue
                # The index's word may be longer (сайла → сайлап); a shorter one only by a
                # suffix's worth (жұмыссыз, "jobless", is not жұмыс).
                if other.startswith(key) and len(other) - len(key) <= 4:
                    found[other] = 0.9 if len(other) - len(key) <= 3 else 0.75
                elif key.startswith(other) and len(key) - len(other) <= 2 and len(other) >= 4:
                    found[other] = 0.85
                elif key.startswith(other) and len(key) - len(other) <= 3 and len(other) >= 6:
                    found[other] = 0.8  # a long stem cut one layer deeper: республика/respubl
                elif key.startswith(other) and key[len(other) :] in _ADJECTIVE_ENDINGS:
                    found[other] = 0.85  # аманаттық (of Amanat) is about AMANAT
            known = key in self.key_ids
            if not known and len(key) >= _MIN_TYPO:
                # A word the articles never use, long enough to be a typo of one they do:
                # letters swapped early ("копшели" for "көшпелі") leave the first three
                # letters' bucket, so look among every key with the same first two.
                bucket = self._buckets_from(key[:2])
            for other, score, _ in process.extract(
                key, bucket, scorer=fuzz.ratio, score_cutoff=SOFT_CUTOFF, limit=MAX_ALTERNATIVES
            ):
                if other != key and not (known and _drops_a_consonant(key, other)):
                    found.setdefault(other, 0.9 * score / 100)
        best = dict(sorted(found.items(), key=lambda kv: -kv[1])[: MAX_ALTERNATIVES + 1])
        if len(self._expansions) < 50_000:
            self._expansions[key] = best
        return best

    def _buckets_from(self, start: str) -> list[str]:
        """Every key that begins with `start` (two letters): the buckets that begin with it."""
        return [k for prefix, keys in self.buckets.items() if prefix[:2] == start for k in keys]

    def knows(self, alternatives: dict[str, float]) -> bool:
        return any(k in self.key_ids for k in alternatives)

    def group_weight(self, alternatives: dict[str, float], region: str | None = None) -> float:
        """The most a question word can add: the idf of its closest alternatives (a rare near
        form must not inflate it), or an unknown word's.

        Inside a region, rarity is counted among the region's sentences: what tells its
        facts apart is how rare a word is there, not in other regions' news."""
        known = {k: w for k, w in alternatives.items() if k in self.key_ids}
        if not known:
            return self.unknown_weight(region)
        closest = max(known.values())
        return max(
            self.idf_in(self.key_ids[k], region) * w
            for k, w in known.items()
            if w >= closest - 0.05
        )

    def unknown_weight(self, region: str | None = None) -> float:
        """The weight of a word the articles (of the region) never use: the rarest there is."""
        if region is None or region not in self.region_codes:
            return self.unknown_idf
        return float(rarity(self._region_sizes[self.region_codes[region]], 0, UNKNOWN_SATURATES))

    def idf_in(self, n: int, region: str | None) -> float:
        """Key n's idf over the corpus, or over one region's sentences."""
        if region is None or region not in self.region_codes:
            return float(self.idf[n])
        code = self.region_codes[region]
        size = self._region_sizes[code]
        return float(rarity(size, int(self._region_df[n, code]), cap=RARITY_CAP))

    def best(
        self,
        groups: Sequence[dict[str, float]],
        regions: Iterable[str] | None,
        weights: Sequence[float],
        floor: float,
        k: int,
        spread: bool = False,
    ) -> list[tuple[int, float]]:
        """The k best-scoring sentences scoring at least `floor`, best first (equal scores in
        corpus order), with their scores: per sentence, the sum over question words of their
        best matching key's share of the word's weight (`weights[n]` for word n); only
        sentences of `regions` when given. `spread`: at most MAX_TIED of one score, each
        region's first before any region's second (see _top_spread).

        A sentence reaching the floor must match some word outside the commonest ones whose
        weights together stay below it (max-score pruning): candidates come from the rarer
        words' postings alone, and the common words are looked up at those candidates only.
        The work follows the rare words' postings, not the corpus size; scores are the same
        as summing every word over the whole corpus."""
        if k <= 0 or not groups:
            return []
        codes = None
        if regions is not None:
            codes = sorted({self.region_codes[r] for r in regions if r in self.region_codes})
            if not codes:
                return []
        found = self._keys_found(groups, codes)
        candidates = self._candidates(found, codes, weights, floor)
        if candidates is None or len(candidates) > self.size // DENSE_FROM:
            # Rare words that are not rare: a pass over the whole corpus is cheaper.
            scores = self._scores(groups, codes, weights)
            candidates = np.flatnonzero(scores >= np.float32(floor))
            if not len(candidates):
                return []
            values = scores[candidates]
            top = values.max()
            at_top = candidates[values == top]
            if len(at_top) >= k and (not spread or len(at_top) > SPREAD_MAX):
                # k sentences tie for the best score (common among many similar articles):
                # they are the answer, in corpus order, with no sort of the rest.
                return [(int(i), float(top)) for i in at_top[:k]]
            crowded = len(at_top) > MAX_TIED
        else:
            values = self._scores_at(candidates, found, weights)
            keep = values >= np.float32(floor)
            candidates, values = candidates[keep], values[keep]
            crowded = False
        spreads = spread and k > MAX_TIED and SPREAD_FROM * k < len(values) <= SPREAD_MAX
        if spreads and crowded:
            candidates, values = _top_spread(candidates, values, k, self.sentence_region)
        else:
            chosen = self._top(candidates, values, k)
            if spreads and _crowded(chosen[1]):
                chosen = _top_spread(candidates, values, k, self.sentence_region)
            candidates, values = chosen
        order = np.lexsort((candidates, -values))
        return [(int(i), float(v)) for i, v in zip(candidates[order], values[order], strict=True)]

    @staticmethod
    def _top(candidates: np.ndarray, values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best of the candidates (equal values in corpus order), unsorted."""
        kth = None
        if len(candidates) > PRESELECT_FROM:
            candidates, values, kth = _above_threshold(candidates, values, k)
        if len(candidates) > k:
            if kth is None:
                kth = np.partition(values, len(values) - k)[len(values) - k]
            above = values > kth
            tied = np.flatnonzero(values == kth)[: k - int(np.count_nonzero(above))]
            chosen = np.concatenate([np.flatnonzero(above), tied])
            candidates, values = candidates[chosen], values[chosen]
        return candidates, values

    def _keys_found(
        self, groups: Sequence[dict[str, float]], codes: Sequence[int] | None
    ) -> list[list[Found]]:
        """Per question word: its alternatives the index knows, as (key number, similarity,
        how many sentences of the regions have it)."""
        found = []
        for alternatives in groups:
            keys = []
            for key, similarity in alternatives.items():
                n = self.key_ids.get(key)
                if n is not None:
                    keys.append((n, similarity, self._count(n, codes)))
            found.append(keys)
        return found

    def _count(self, n: int, codes: Sequence[int] | None) -> int:
        """How many sentences have key n, in all regions or in these."""
        if codes is None:
            return int(self.offsets[n + 1] - self.offsets[n])
        if len(codes) == 1:
            return int(self._region_df[n, codes[0]])
        return int(self._region_df[n, codes].sum())

    def _candidates(
        self,
        found: list[list[Found]],
        codes: Sequence[int] | None,
        weights: Sequence[float],
        floor: float,
    ) -> np.ndarray | None:
        """The sentences (sorted) that may reach the floor, or None when so many may that
        scoring the whole corpus is cheaper (the caller decides at fewer: more than
        1/DENSE_FROM of the corpus).

        The commonest words, as many as together weigh less than the floor, are left out:
        a sentence can only reach it through the others (the essential words), and only
        if the essential words it has plus everything left out reach it (max-score). A
        small margin keeps float32 sums on the safe side."""
        cost = [sum(count for _, _, count in keys) for keys in found]
        margin = 1 - 1e-5
        left_out = 0.0
        essential = []
        for g in sorted(range(len(found)), key=lambda g: -cost[g]):
            if cost[g] and left_out + weights[g] < floor * margin:
                left_out += weights[g]
            elif cost[g]:
                essential.append(g)
        if 2 * sum(cost[g] for g in essential) > self.size:
            return None  # the essential words reach more sentences than there are
        need = (floor - left_out) * margin
        if any(
            count > self.size // DENSE_FROM
            for g in essential
            if weights[g] >= need
            for _, _, count in found[g]
        ):
            # A word that alone reaches what is needed, in that many sentences: the
            # candidates would be too many (see `best`).
            return None
        if not essential:
            return np.empty(0, dtype=np.int64)
        if sum(cost[g] for g in essential) <= FEW_REACHED:
            candidates = self._few_candidates(found, codes, weights, essential, need)
        else:
            reached = []  # per essential word: the sentences it reaches (own or the one after)
            for g in essential:
                slices = [
                    own for n, _, count in found[g] if count for own in self._slices(n, codes)
                ]
                own = np.concatenate(slices) if len(slices) > 1 else slices[0]
                reached.append(np.concatenate([own, own + 1]))
            every = np.concatenate(reached) if len(reached) > 1 else reached[0]
            bound = self._part  # scratch, all zero
            try:
                first, *rest = zip(essential, reached, strict=True)
                bound[first[1]] = weights[first[0]]  # onto zeros: a write, no read
                for g, ids in rest:
                    bound[ids] += weights[g]  # a repeated id is added once: each word once
                candidates = every[bound[every] >= need]
            finally:
                bound[every] = 0.0
            if len(candidates) > 2 * (self.size // DENSE_FROM):
                return None  # too many even with repeats counted once: not worth sorting
            # A few sorted runs (each key's postings, and the sentences after them): a merge
            # sort takes them as runs (measured: 5 to 10 times the speed of the default).
            candidates = np.sort(candidates, kind="stable")
            candidates = candidates[np.append(True, candidates[1:] != candidates[:-1])]
            if len(candidates) and candidates[-1] == self.size:
                candidates = candidates[:-1]  # the corpus's last sentence has no next one
        if codes is not None:  # the sentence after a region's last one is another's
            regions_of = self.sentence_region[candidates]
            inside = regions_of == codes[0] if len(codes) == 1 else np.isin(regions_of, codes)
            candidates = candidates[inside]
        return candidates

    def _few_candidates(
        self,
        found: list[list[Found]],
        codes: Sequence[int] | None,
        weights: Sequence[float],
        essential: list[int],
        need: float,
    ) -> np.ndarray:
        """`_candidates` for essential words in a few sentences: the same bound, summed in
        a dictionary (in double precision: the margin covers either), each word counted
        once per sentence."""
        bound: dict[int, float] = {}
        for g in essential:
            weight = weights[g]
            reached: set[int] = set()
            for n, _, count in found[g]:
                if count:
                    for own in self._slices(n, codes):
                        sentences = own.tolist()
                        reached.update(sentences)
                        reached.update(s + 1 for s in sentences)
            for s in reached:
                bound[s] = bound.get(s, 0.0) + weight
        kept = sorted(s for s, b in bound.items() if b >= need and s < self.size)
        return np.array(kept, dtype=np.int64)

    def _scores_at(
        self,
        candidates: np.ndarray,
        found: list[list[Found]],
        weights: Sequence[float],
    ) -> np.ndarray:
        """The scores of the candidate sentences (sorted), word by word in the same order
        and float32 arithmetic as `_accumulate`, so they equal its scores there."""
        total = np.zeros(len(candidates), dtype=np.float32)
        context = self.context_weight[candidates]
        lookup = _BitLookup(candidates)
        # Few candidates: a key with a handful of sentences is looked up one by one.
        positions = _Positions(candidates) if len(candidates) <= FEW_CANDIDATES else None
        for keys, group_weight in zip(found, weights, strict=True):
            best: np.ndarray | None = None
            for n, similarity, count in keys:
                if not count:
                    continue
                value = min(group_weight * similarity, group_weight)
                # Every candidate is inside the regions: the key's whole postings will do.
                own = self.postings[self.offsets[n] : self.offsets[n + 1]]
                bits = self._bitset(n)
                if bits is not None:
                    values = _key_values(*lookup.read(bits), context, value)
                elif positions is not None and len(own) <= FEW_POSTINGS:
                    values = positions.values_at(own, context, value)
                else:
                    values = _values_at(candidates, own, context, value)
                best = values if best is None else np.maximum(best, values)
            if best is not None:
                total += best
        return total

    def _scores(
        self,
        groups: Sequence[dict[str, float]],
        codes: Sequence[int] | None,
        weights: Sequence[float],
    ) -> np.ndarray:
        total = np.zeros(self.size + 1, dtype=np.float32)
        try:
            self._accumulate(groups, codes, weights, total)
        except BaseException:
            self._part.fill(0.0)  # the scratch must stay all zero for the next question
            raise
        return total[: self.size]

    def _slices(self, n: int, codes: Sequence[int] | None) -> list[np.ndarray]:
        """Key n's postings, all of them or those inside the regions."""
        own = self.postings[self.offsets[n] : self.offsets[n + 1]]
        if codes is None:
            return [own]
        if len(own) < INSIDE_KEPT_FROM:
            regions = self.sentence_region[own]
            inside = regions == codes[0] if len(codes) == 1 else np.isin(regions, codes)
            return [own[inside]]
        # A common key: its sentences in the regions are kept for the next question about
        # them (reading every sentence's region each time costs more than the rest).
        name = (n, *codes)
        kept = self._inside.get(name)
        if kept is None:
            regions = self.sentence_region[own]
            inside = regions == codes[0] if len(codes) == 1 else np.isin(regions, codes)
            kept = self._inside[name] = own[inside]
            kept.flags.writeable = False  # shared by the questions to come
            self._inside_size += len(kept)
            while self._inside_size > INSIDE_KEPT and len(self._inside) > 1:
                self._inside_size -= len(self._inside.popitem(last=False)[1])
        else:
            self._inside.move_to_end(name)
        return [kept]

    def _accumulate(
        self,
        groups: Sequence[dict[str, float]],
        codes: Sequence[int] | None,
        weights: Sequence[float],
        total: np.ndarray,
    ) -> None:
        part = self._part
        context_weight = self.context_weight
        # Part holds a summed group's values, to be zeroed before scattered writes (a key's
        # whole-corpus marks overwrite it all: measured, a pass saved per common word).
        stale = False
        for n_group, alternatives in enumerate(groups):
            touched: list[np.ndarray] = []
            dense = False  # a key's whole-corpus marks were used: part is no longer sparse
            group_weight = weights[n_group]
            for key, similarity in alternatives.items():
                n = self.key_ids.get(key)
                if n is None:
                    continue
                # A word's weight is its group's (the question word's own rarity): a synonym
                # the articles use more often ("басшысы" → "әкімі") still answers it fully.
                value = min(group_weight * similarity, group_weight)
                marks = self._dense_marks(n) if codes is None else None
                if marks is not None:
                    if not touched and not dense:
                        # Nothing of this group yet: the marks' values are it.
                        np.multiply(marks, np.float32(value), out=part)
                        stale = False
                    else:
                        np.maximum(part, marks * np.float32(value), out=part)
                    dense = True
                    continue
                if stale:
                    part.fill(0.0)
                    stale = False
                # The group's first key meets only zeros and its own weaker context values
                # (a context weight is below 1), so it may write its value straight in.
                first = not touched and not dense
                for own in self._slices(n, codes):
                    if not len(own):
                        continue
                    after = own + 1  # the last sentence's lands on the spare slot (weight 0)
                    if first:
                        # Only zeros to beat: the context values, then the own ones over them.
                        part[after] = context_weight[after] * value
                        part[own] = value
                    else:
                        part[own] = np.maximum(part[own], value)
                        part[after] = np.maximum(part[after], context_weight[after] * value)
                    touched += (own, after)
            if not touched and not dense:
                continue
            if dense or sum(len(t) for t in touched) > len(part) // DENSE_FROM:
                # A word in much of the corpus: whole-array passes beat scattered ones.
                total += part
                stale = True
                continue
            ids = np.concatenate(touched) if len(touched) > 1 else touched[0]
            values = part[ids]
            # Repeated ids read and write the same value: each sentence is added once.
            total[ids] += values
            part[ids] = 0.0
        if stale:
            part.fill(0.0)

    def _bitset(self, n: int) -> np.ndarray | None:
        """For a common key: bit i + 1 set when sentence i has it (one bit a sentence, 44 KB
        at 20k articles; bit 0 stands for the sentence before the first), kept for the next
        question; None for a rarer key, looked up in its postings instead."""
        bits = self._bitsets.get(n)
        if bits is not None:
            self._bitsets.move_to_end(n)
            return bits
        own = self.postings[self.offsets[n] : self.offsets[n + 1]]
        if len(own) <= self.size // BITSET_FROM:
            return None
        marks = np.zeros(self.size + 2, dtype=bool)
        marks[own + 1] = True
        bits = np.packbits(marks, bitorder="little")
        self._bitsets[n] = bits
        if len(self._bitsets) > BITSETS_KEPT:
            self._bitsets.popitem(last=False)
        return bits

    def _dense_marks(self, n: int) -> np.ndarray | None:
        """For a key in much of the corpus: 1 where a sentence has it, its context weight on
        the sentence after (what the scattered writes above would give for a value of 1),
        kept for the next question; None for a rarer key."""
        marks = self._dense.get(n)
        if marks is not None:
            self._dense.move_to_end(n)
            return marks
        own = self.postings[self.offsets[n] : self.offsets[n + 1]]
        if len(own) <= len(self._part) // DENSE_MARKS_FROM:
            return None
        marks = np.zeros(len(self._part), dtype=np.float32)
        after = own + 1
        marks[after] = self.context_weight[after]
        marks[own] = 1.0  # a sentence that has the key itself: its own weight wins
        self._dense[n] = marks
        if len(self._dense) > DENSE_KEPT:
            self._dense.popitem(last=False)
        return marks


def _build(
    sentences: Sequence[Sentence], sentence_region: np.ndarray, region_count: int
) -> dict[str, np.ndarray]:
    """The index's arrays from the sentences: one pass in Python to number the keys, the
    rest in numpy."""
    size = len(sentences)
    numbers: dict[str, int] = {}
    number = numbers.setdefault
    flat: list[int] = []
    counts = np.zeros(size, dtype=np.int64)
    context_weight = np.zeros(size + 1, dtype=np.float32)
    opens_with_anaphora: dict[str, bool] = {}
    previous_article: str | None = None
    for i, sentence in enumerate(sentences):
        own = {number(k, len(numbers)) for k in sentence.keys}
        flat.extend(own)
        counts[i] = len(own)
        if i and sentence.article_id == previous_article:
            first = sentence.text.split(maxsplit=1)[0] if sentence.text else ""
            anaphora = opens_with_anaphora.get(first)
            if anaphora is None:
                anaphora = opens_with_anaphora[first] = fold(first).strip(",.") in ANAPHORA
            context_weight[i] = ANAPHORA_WEIGHT if anaphora else CONTEXT_WEIGHT
        previous_article = sentence.article_id

    keys = sorted(numbers)
    rank = np.empty(len(keys), dtype=np.int64)
    rank[np.fromiter((numbers[k] for k in keys), dtype=np.int64, count=len(keys))] = np.arange(
        len(keys), dtype=np.int64
    )
    key_of = rank[np.asarray(flat, dtype=np.int64)] if flat else np.empty(0, dtype=np.int64)
    sentence_of = np.repeat(np.arange(size, dtype=np.int32), counts)
    order = np.argsort(key_of, kind="stable")  # by key, then corpus order
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(np.bincount(key_of, minlength=len(keys)), out=offsets[1:])
    regions = max(region_count, 1)
    pair_code, pair_count = np.unique(
        key_of * regions + sentence_region[sentence_of].astype(np.int64), return_counts=True
    )
    pair_key = pair_code // regions
    return {
        "keys": np.frombuffer("\n".join(keys).encode("utf-8"), dtype=np.uint8),
        "offsets": offsets,
        "postings": sentence_of[order],
        "context_weight": context_weight,
        "pair_start": np.searchsorted(pair_key, np.arange(len(keys) + 1)).astype(np.int64),
        "pair_region": (pair_code % regions).astype(np.int16),
        "pair_count": pair_count.astype(np.int64),
        "sentence_region": sentence_region,
        "format": np.asarray([INDEX_FORMAT, size], dtype=np.int64),
        "code": _code_digest(),
    }


class _BitLookup:
    """Reads the bits of the candidate sentences, and of the sentences before them, out of
    a key's bitset (see `SearchIndex._bitset`): the positions are worked out once."""

    def __init__(self, candidates: np.ndarray) -> None:
        shifted = candidates + 1
        self._own = (shifted >> 3, np.left_shift(1, shifted & 7).astype(np.uint8))
        self._before = (candidates >> 3, np.left_shift(1, candidates & 7).astype(np.uint8))

    def read(self, bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nonzero where the candidate has the key, and where the sentence before it has."""
        (own_byte, own_mask), (before_byte, before_mask) = self._own, self._before
        return bits[own_byte] & own_mask, bits[before_byte] & before_mask


class _Positions:
    """Where each of a few candidate sentences stands among them (worked out on first use),
    for keys with a handful of sentences: a dictionary lookup each beats the dozen array
    operations of a binary search."""

    def __init__(self, candidates: np.ndarray) -> None:
        self._candidates = candidates
        self._at: dict[int, int] | None = None

    def values_at(self, own: np.ndarray, context: np.ndarray, value: float) -> np.ndarray:
        """As `_values_at`, element by element (the same float32 values)."""
        at = self._at
        if at is None:
            at = self._at = {s: j for j, s in enumerate(self._candidates.tolist())}
        values = np.zeros(len(self._candidates), dtype=np.float32)
        sentences = own.tolist()
        for s in sentences:
            j = at.get(s + 1)
            if j is not None:
                values[j] = context[j] * value
        for s in sentences:  # its own value beats a context one
            j = at.get(s)
            if j is not None:
                values[j] = value
        return values


def _values_at(
    candidates: np.ndarray, own: np.ndarray, context: np.ndarray, value: float
) -> np.ndarray:
    """A key's value at each candidate sentence (both sorted): `value` where the sentence has
    the key, its context share where the sentence before has it, else 0. Binary search from
    the shorter side: the candidates in a common key's postings, a rare key's postings among
    the candidates."""
    if len(own) > len(candidates):
        return _key_values(_members(own, candidates), _members(own, candidates - 1), context, value)
    values = np.zeros(len(candidates), dtype=np.float32)
    at = _positions(candidates, own + 1)
    values[at] = context[at] * value
    values[_positions(candidates, own)] = value  # its own value beats a context one
    return values


def _key_values(
    has: np.ndarray, before: np.ndarray, context: np.ndarray, value: float
) -> np.ndarray:
    """`value` where a candidate has the key (`has` nonzero), its context share where the
    sentence before has it, else 0 (two masked writes: measured a quarter cheaper than two
    nested np.where at 20k)."""
    values = context * np.float32(value)
    values[before == 0] = 0.0
    values[has != 0] = value
    return values


def _positions(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Where those of the `wanted` that are in the sorted `values` stand there."""
    at = np.searchsorted(values, wanted)
    at[at == len(values)] = 0
    return at[values[at] == wanted]


def _members(postings: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which of the `wanted` sentences are in the sorted `postings`."""
    if not len(postings):
        return np.zeros(len(wanted), dtype=bool)
    at = np.searchsorted(postings, wanted)
    at[at == len(postings)] = 0
    return postings[at] == wanted


@cache
def _code_digest() -> np.ndarray:
    digest = hashlib.sha256()
    for source in (Path(__file__), Path(fold_module.__file__)):
        digest.update(source.read_bytes())
    return np.frombuffer(digest.digest(), dtype=np.uint8)


def _valid(
    arrays: dict[str, np.ndarray] | None, sentence_region: np.ndarray
) -> dict[str, np.ndarray] | None:
    """The cached arrays if they were built by this code for these sentences' regions."""
    if arrays is None:
        return None
    try:
        fmt = arrays["format"]
        if int(fmt[0]) != INDEX_FORMAT or int(fmt[1]) != len(sentence_region):
            return None
        if not np.array_equal(arrays["sentence_region"], sentence_region):
            return None
        if not np.array_equal(arrays["code"], _code_digest()):
            return None
    except (KeyError, IndexError, ValueError):
        return None
    return arrays


def _split_keys(blob: np.ndarray, count: int) -> list[str]:
    return blob.tobytes().decode("utf-8").split("\n") if count else []


def rarity(
    size: int,
    df: float | np.ndarray,
    saturates: int = RARITY_SATURATES,
    cap: float | None = None,
) -> np.ndarray:
    """A key's idf among `size` sentences, `df` of which have it (a number or an array),
    growing no further below about one sentence in `saturates`.

    The plain idf of a word of one sentence grew from 6 on the seeds alone to 13 at 20,000
    articles, against some 1.3 for "әкім" at both: a question's one or two rare words came to
    outweigh all its others together, and answers the seeds alone gave were refused among
    distractors that never use those words. On the seeds (some 600 sentences) it takes 15% off
    a word of one sentence, and next to nothing off the rest.

    At 20,000 articles that still left every word the distractors never use at 5.7, against
    4.4 for the seeds' rarest: an answer with most of the question's words but not one or two
    of its rarest ("10 айына ... қорытынды жасады" for "облыс әкімі депутаттар алдында қай
    кезеңге есеп берді", "рейтингі төмен депутаттардың мандаттарын кері қайтару" for "...
    депутаттардың жағдайы не болмақ") fell below the bar it cleared on the seeds. So a known key's
    weight stops at `cap` (RARITY_CAP), which a corpus of the seeds' size never reaches; a word
    the articles never use is not capped, staying the rarest."""
    value = np.log1p((size - df + 0.5) / (df + 0.5 + size / saturates))
    return value if cap is None else np.minimum(value, cap)


def _crowded(values: np.ndarray) -> bool:
    """Whether more than MAX_TIED of `values` are one value."""
    if len(values) <= MAX_TIED:
        return False
    # Sorted, a run of more than MAX_TIED equal values has an element equal to the one
    # MAX_TIED places before it (cheaper than counting with np.unique).
    ordered = np.sort(values)
    return bool((ordered[MAX_TIED:] == ordered[:-MAX_TIED]).any())


def _top_spread(
    candidates: np.ndarray, values: np.ndarray, k: int, regions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The k best of the candidates (in corpus order) taking at most MAX_TIED of any one
    value, the next values filling the places the rest of a tie would take; within a value,
    each region's first sentence before any region's second: the same words in hundreds of
    one region's articles must not crowd out another region's.

    The values that can give k are read off a sample first (scores take few distinct
    values): the rest are passed over unless they turn out to be needed."""
    sample = values[:: max(len(values) // PRESELECT_SAMPLE, 1)]
    scale = len(values) / len(sample)
    distinct, counts = np.unique(sample, return_counts=True)
    reach = np.cumsum(np.minimum(counts[::-1] * scale, MAX_TIED))
    enough = np.flatnonzero(reach >= 1.5 * k)
    if len(enough) and enough[0] < len(distinct) - 1:
        keep = values >= distinct[::-1][enough[0]]
        chosen = _spread(candidates[keep], values[keep], k, regions)
        if len(chosen[0]) == k:
            return chosen
    return _spread(candidates, values, k, regions)


def _spread(
    candidates: np.ndarray, values: np.ndarray, k: int, regions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    if len(values) > SORTED_SPREAD:
        return _spread_by_value(candidates, values, k, regions)
    # Few: sorted by value, region, corpus order, each one's place in its region's run ...
    codes = regions[candidates]
    order = np.lexsort((candidates, codes, -values))
    c, v, r = candidates[order], values[order], codes[order]
    place = _places((v[1:] != v[:-1]) | (r[1:] != r[:-1]))
    first = place < MAX_TIED
    c, v, place = c[first], v[first], place[first]
    # ... the rounds of each value in turn, and the first MAX_TIED of each value.
    order = np.lexsort((c, place, -v))
    c, v = c[order], v[order]
    first = _places(v[1:] != v[:-1]) < MAX_TIED
    return c[first][:k], v[first][:k]


def _places(changes: np.ndarray) -> np.ndarray:
    """Each element's place in its run, a new run beginning at element i + 1 where
    `changes[i]` is true (and at the first)."""
    at = np.flatnonzero(changes) + 1
    size = len(changes) + 1
    starts = np.concatenate(([0], at))
    return np.arange(size) - np.repeat(starts, np.diff(np.append(starts, size)))


def _spread_by_value(
    candidates: np.ndarray, values: np.ndarray, k: int, regions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """_spread for many candidates (large ties): one value at a time, best first."""
    taken: list[np.ndarray] = []
    levels: list[float] = []
    wanted = k
    top = values.max()
    while True:
        chosen = _round_robin(candidates[values == top], regions)[:wanted]
        taken.append(chosen)
        levels += [top] * len(chosen)
        wanted -= len(chosen)
        lower = values < top
        if not wanted or not lower.any():
            break
        candidates, values = candidates[lower], values[lower]
        top = values.max()
    return np.concatenate(taken), np.array(levels, dtype=values.dtype)


def _round_robin(members: np.ndarray, regions: np.ndarray) -> np.ndarray:
    """At most MAX_TIED of `members` (sentences in corpus order): each region's first, then
    each region's second, and so on (in corpus order within a round)."""
    if len(members) <= MAX_TIED:
        return members
    head = members[:SPREAD_HEAD]
    codes = regions[head]
    if len(members) > SPREAD_HEAD:
        # A region with fewer than it may give in the head: its next ones after it.
        every = regions[members]
        total = np.bincount(every)
        short = np.flatnonzero(np.bincount(codes, minlength=len(total)) < total.clip(0, MAX_TIED))
        if len(short):
            tail, tail_codes = members[SPREAD_HEAD:], every[SPREAD_HEAD:]
            head = np.concatenate([head, *(tail[tail_codes == code][:MAX_TIED] for code in short)])
            codes = regions[head]
    # Each one's place among its region's (stable: corpus order within a region) ...
    order = np.argsort(codes, kind="stable")
    runs = codes[order]
    place = np.empty(len(head), dtype=np.int64)
    place[order] = _places(runs[1:] != runs[:-1])
    # ... the rounds in turn.
    return head[np.lexsort((head, place))[:MAX_TIED]]


def _above_threshold(
    candidates: np.ndarray, values: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.float32 | None]:
    """The candidates whose values reach a threshold at least k of them reach, in their
    order: the best k of all are the best k of these, ties included; and the k-th best value
    when it is the threshold (fewer than k are above it: at 20,000 articles, 100,000 lines
    naming "президент" may tie just below a few better ones, and no partition is needed).
    The threshold is tried from the highest values of a sample down (scores take few
    distinct values)."""
    sample = values[:: max(len(values) // PRESELECT_SAMPLE, 1)]
    # Enough of the sample above a threshold that, scaled up, it is likely k of all.
    wanted = k * len(sample) / len(values)
    distinct, counts = np.unique(sample, return_counts=True)
    reached = 0
    for value, count in zip(distinct[::-1], counts[::-1], strict=True):
        reached += int(count)
        if reached < wanted:
            continue
        keep = values >= value
        if np.count_nonzero(keep) >= k:
            kth = value if np.count_nonzero(values > value) < k else None
            return candidates[keep], values[keep], kth
    return candidates, values, None


def _drops_a_consonant(key: str, other: str) -> bool:
    """Whether `other` is `key` with a consonant inside it left out ("karta" -> "kara"):
    no Kazakh form does that (халық -> халқы drops a vowel, жылғы -> жыл an ending)."""
    return len(other) == len(key) - 1 and any(
        key[:p] + key[p + 1 :] == other and key[p] not in "aeiou" for p in range(1, len(key) - 1)
    )
