"""Ranking: which sentences answer a question, and how well.

A sentence's coverage is the idf-weighted share of the question's words it matches (its own
words counting most), adjusted by what the intent wants (a number for "қанша", a person with
a role for "кім", a date for "қашан", a place for "қайда") and a few tie-breakers. Only
sentences above the bar are answers: below it the bot says the articles don't say.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.corpus.models import FactSpan, Sentence
from bot.engine import numbers
from bot.engine.index import ANAPHORA_WEIGHT, SearchIndex
from bot.engine.query import Group, Query
from bot.text.fold import fold, folded_words, keys, raw_words, word_key

CANDIDATES = 40
KEPT_RANKINGS = 256
MIN_COVERAGE = 0.55  # share of the question's weight a sentence must match to be an answer
# A Russian or English word the articles never use counts this share of an unknown Kazakh
# word's weight (which grows with the corpus, like every known word's idf).
UNKNOWN_FOREIGN_SHARE = 0.52
LENGTH_WEIGHT = 0.04
ADJACENCY_WEIGHT = 0.05
LEAD_WEIGHT = 0.06
# An article's lead sentences answer an overview request ("форум туралы қысқаша"); measured:
# "which" and "about" questions, which ask for one fact, are not helped by them.
LEAD_INTENTS = ("overview",)
COUNTRY_WEIGHT = 0.05
TODAY = frozenset(word_key(w) for w in ("бүгін", "бүгінгі"))
MIN_OWN_COVERAGE = 0.4  # ... of it in the sentence itself, not inherited from the one before
# ... less for a sentence that points back ("Оның 74%-ы ..."): its subject is the one before.
MIN_OWN_ANAPHORA = 0.3
COUNTED_LIFT = 0.1  # the number of exactly what was asked lowers the bar this much
# How far a sentence without what the intent asks for (no number for "қанша", no date for
# "қашан", no place for "қайда") falls below the bar: it talks about the topic, but does not
# answer the question.
MISSING_FACT_PENALTY = {"count": 0.35, "percent": 0.35, "when": 0.5, "where": 0.3, "who": 0.3}
# What each question intent wants to find in the sentence.
WANTED_FACTS: dict[str, tuple[str, ...]] = {
    "count": ("count", "money", "percent"),
    "percent": ("percent",),
    "who": ("person",),
    "when": ("year", "date"),
}
# "Why" answers: a sentence opening with a consequence word has its cause in the sentence
# before; one followed by "Себебі ..." has it in the sentence after.
CONSEQUENCE_OPENERS = tuple(
    fold(w)
    for w in (
        "Осыны ескере отырып",
        "Сондықтан",
        "Сол себепті",
        "Осыған байланысты",
        "Бұл үшін",  # "for this": the aim is the sentence before
        "Осы үшін",
        "Осы мақсатта",
    )
)
CAUSE_OPENERS = tuple(fold(w) for w in ("Себебі", "Өйткені", "Себебi"))
# ... or what it brings, in the sentence after: "Бұл қадамдар ... сенімге ие болуға мүмкіндік
# береді", "Осылайша ...", "Соның арқасында ...".
EFFECT_OPENERS = ("bul ", *(fold(w) for w in ("Осылайша", "Соның арқасында", "Нәтижесінде")))
# A capitalised word in a locative case: "Қонаевта", "Таразда" (not the sentence's first
# word: "Форумда ..." opens sentences without naming a place); or a name before a place
# noun in one: "Тараз қаласында", "Алматы облысында", "Байзақ ауданында".
PLACE = re.compile(
    r"(?<=[\s«(])[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі]+(?:да|де|та|те|нда|нде)\b"
    r"|[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+\s+(?:облыс|аудан|қала|ауыл|округ|өңір)[а-яәғқңөұүһі]*"
    r"(?:да|де|та|те)\b"
)
# Times without a year or a date: "бір жылдан кейін", "жыл басынан бері", "жыл соңына
# қарай", "қысқа мерзім ішінде". ("Биыл", "былтыр" left out: a sentence has them beside
# other facts more often than as its answer; measured on the tuning sets.)
RELATIVE_TIME = re.compile(
    r"\b(?:жыл|ай|апта|күн)\w*\s+(?:кейін|бері|бастап|қарай|ішінде|бұрын|соң)\b"
    r"|\b(?:жыл|ай)\s+(?:соңына|басынан|басында|соңында|ортасында)\b"
    r"|\bмерзім\s+ішінде\b",
    re.IGNORECASE,
)
# People named by their office alone ("облыс әкімі", "партия хатшысы"), and bodies that act
# ("Саяси кеңес Бюросы ұсыныс жасады", "филиалдың ұйымдастыруымен").
ROLES = frozenset(
    word_key(w)
    for w in (
        "әкімі",
        "хатшысы",
        "төрағасы",
        "орынбасары",
        "басшысы",
        "министрі",
        "Президент",
        "Бюросы",
        "филиалы",
        "қауымдастығы",
        "ұйымы",
        "басқармасы",
        "әкімдігі",
    )
)
# Shares in words: "үштен бірі" (a third), "төрттен үші", "жартысы" (half).
FRACTION = re.compile(
    r"\b(?:екі|үш|төрт|бес|он)(?:ден|тен|нан|нен)\s+(?:бірі|екісі|үші|төрті)\b|\bжартысы",
    re.IGNORECASE,
)
# "кімдер", "кімдерге", "кого пригласили": who as a group of people, not one person's name.
GROUP_WHO = ("kimder", "kimge", "kogo", "komu")
CAUSE_WORDS = frozenset(
    word_key(w)
    for w in (
        "себебі",
        "өйткені",
        "мақсаты",
        "мақсатында",
        "мақсат",
        "арналған",
        "бағытталған",
    )
)


@dataclass(frozen=True, slots=True)
class Ranked:
    index: int  # position in the index
    score: float
    coverage: float
    span: FactSpan | None
    cause: int | None = None  # for "why": the sentence giving the reason, when it is another
    dated: bool = False  # for "when": the event is the article's day ("Бүгін ... өтті")


class Ranker:
    def __init__(
        self,
        index: SearchIndex,
        sentences: Sequence[Sentence],
        average_keys: float,
        country_regions: set[str] | frozenset[str] = frozenset(),
        dated: Callable[[str], bool] = lambda article_id: False,
    ) -> None:
        self.index = index
        self.sentences = sentences
        self._dated = dated
        self._country_codes = frozenset(
            index.region_codes[r] for r in country_regions if r in index.region_codes
        )
        self.average_length = max(average_keys, 1.0)  # keys per sentence
        self._kept: OrderedDict[Hashable, list[Ranked]] = OrderedDict()

    def rank(self, query: Query, region: str | None) -> list[Ranked]:
        """Sentences that answer the question, best first; empty when none clears the bar.

        The last few rankings are kept: "тағы" and the "more" button rank the same question
        again (the ranker goes with its corpus: /reload brings a fresh one)."""
        key = _ranking_key(query, region)
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = self._rank(query, region)
            if len(self._kept) > KEPT_RANKINGS:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return list(kept)

    def _rank(self, query: Query, region: str | None) -> list[Ranked]:
        groups = [self._expand(g) for g in query.groups]
        if not groups:
            return []
        weights = [
            self.index.group_weight(alternatives, region)
            if self.index.knows(alternatives)
            else self._unknown_weight(group, query, region)
            for group, alternatives in zip(query.groups, groups, strict=True)
        ]
        total_weight = sum(weights)
        query_keys = {k for g in groups for k in g}
        counted_keys = {
            k
            for g, alternatives in zip(query.groups, groups, strict=True)
            if g.counted
            for k in alternatives
        }
        # Below this share no sentence clears the bar, not even with the count of exactly the
        # asked thing (a hair lower: float32 scores).
        lift = COUNTED_LIFT if counted_keys else 0.0
        floor = (MIN_COVERAGE - lift) * total_weight * (1 - 1e-6)
        best = self.index.best(groups, [region] if region else None, weights, floor, CANDIDATES)
        ranked: list[Ranked] = []
        asked_numbers = numbers.numbers_asked(query)
        words = folded_words(query.text)
        percents = numbers.percents_asked(words, asked_numbers)
        unscaled = not numbers.scaled(words)
        group_who = query.intent == "who" and any(w.startswith(GROUP_WHO) for w in words)
        required = [alt for g, alt in zip(query.groups, groups, strict=True) if g.required]
        by_position = {
            g.start: alternatives for g, alternatives in zip(query.groups, groups, strict=True)
        }
        pairs = [
            (by_position[p], by_position[p + 1])
            for p in by_position
            if p + 1 in by_position and p >= 0
        ]
        for i, score in best:
            coverage = score / total_weight
            if coverage + lift < MIN_COVERAGE:
                break  # best first: nothing after this one can clear the bar either
            sentence = self.sentences[i]
            # The keys of this sentence and the one before, read only when a number or a
            # place the question names must be found there (None: nothing to find).
            nearby = self._nearby_keys(i) if asked_numbers or required else None
            if (
                nearby is not None
                and asked_numbers
                and (
                    not asked_numbers.issubset(nearby)
                    or (unscaled and numbers.scaled_only(sentence, asked_numbers))
                    or not numbers.percents_present(sentence, percents)
                )
            ):
                continue  # "2024 жылы" asks about 2024, not another year
            if nearby is not None and any(
                not nearby.intersection(alternatives) for alternatives in required
            ):
                continue  # a city asked about by name must be named
            own_floor = (
                MIN_OWN_ANAPHORA
                if self.index.context_weight[i] >= ANAPHORA_WEIGHT
                else MIN_OWN_COVERAGE
            )
            if self._own_score(sentence, groups, weights) / total_weight < own_floor:
                continue
            wanted, span = self._intent_signal(
                query, sentence, query_keys, counted_keys, asked_numbers, group_who
            )
            bonus = wanted + self._shape_signal(query, sentence, pairs)
            if region is None and int(self.index.sentence_region[i]) in self._country_codes:
                # Asked with no region, a country-wide figure answers better than one
                # region's same figure ("әкімдердің орташа жасы").
                bonus += COUNTRY_WEIGHT
            # A sentence without what the intent wants (no person for "кім") is held to a
            # higher bar; bonuses never lower it.
            dated = False
            if query.intent == "when" and wanted < 0 and self._reports_the_day(sentence):
                # No year in the sentence, but it reports the article's own day: the
                # publication date answers "қашан".
                wanted, bonus, dated = 0.0, bonus - wanted, True
            bar_coverage = coverage + min(wanted, 0.0)
            if span is not None and span.unit and not counted_keys.isdisjoint(keys(span.unit)):
                bar_coverage += COUNTED_LIFT  # "қанша балабақша": "1 балабақша" is the answer
            ranked.append(Ranked(i, coverage + bonus, bar_coverage, span, dated=dated))
        ranked.sort(key=lambda r: -r.score)
        ranked = [r for r in ranked if r.coverage >= MIN_COVERAGE]
        if query.intent == "why":
            ranked = [replace(r, cause=self._cause_of(r.index)) for r in ranked]
        return ranked

    def _own_score(
        self, sentence: Sentence, groups: list[dict[str, float]], weights: list[float]
    ) -> float:
        own = set(sentence.keys)
        total = 0.0
        for alternatives, weight in zip(groups, weights, strict=True):
            shared = own.intersection(alternatives)
            similarity = max(map(alternatives.__getitem__, shared)) if shared else 0.0
            total += weight * min(similarity, 1.0)
        return total

    def _reports_the_day(self, sentence: Sentence) -> bool:
        """A news lead or a "бүгін" (today) sentence of a dated article."""
        return (sentence.position == 0 or not TODAY.isdisjoint(sentence.keys)) and self._dated(
            sentence.article_id
        )

    def _nearby_keys(self, i: int) -> set[str]:
        keys = set(self.sentences[i].keys)
        if i > 0 and self.sentences[i - 1].article_id == self.sentences[i].article_id:
            keys.update(self.sentences[i - 1].keys)
        return keys

    def _unknown_weight(self, group: Group, query: Query, region: str | None) -> float:
        """How much a question word the articles never use counts against an answer. In
        Kazakh or as a number it names something the articles lack; in Russian or English it
        is more often a word the lexicon has not learnt yet."""
        if query.language == "kk" or group.word[:1].isdigit() or group.concepts:
            # A concept the lexicon knows but the articles lack ("туристов") is a real miss.
            return self.index.unknown_weight(region)
        return UNKNOWN_FOREIGN_SHARE * self.index.unknown_weight(region)

    def _cause_of(self, i: int) -> int | None:
        """The sentence that gives the reason for sentence i, when that is another one."""
        sentence = self.sentences[i]
        if CAUSE_WORDS.intersection(sentence.keys):
            return None
        folded = fold(sentence.text)
        if i > 0 and folded.startswith(CONSEQUENCE_OPENERS):
            before = self.sentences[i - 1]
            if before.article_id == sentence.article_id:
                return i - 1
        if i + 1 < len(self.sentences):
            after = self.sentences[i + 1]
            if after.article_id == sentence.article_id and fold(after.text).startswith(
                CAUSE_OPENERS + EFFECT_OPENERS
            ):
                return i + 1
        return None

    def _expand(self, group: Group) -> dict[str, float]:
        alternatives: dict[str, float] = {}
        for key, weight in group.keys.items():
            for other, similarity in self.index.expand(key).items():
                value = weight * similarity
                if value > alternatives.get(other, 0.0):
                    alternatives[other] = value
        # An unknown word keeps its own key: it then counts against the coverage.
        return alternatives or dict(group.keys)

    def _intent_signal(
        self,
        query: Query,
        sentence: Sentence,
        query_keys: set[str],
        counted_keys: set[str],
        given: set[str],
        group_who: bool,
    ) -> tuple[float, FactSpan | None]:
        """What the intent wants, found (a bonus, and the fact) or missing (a penalty).
        `given`: the numbers the question names; `group_who`: "кімдер" asks for a group."""
        wanted = WANTED_FACTS.get(query.intent)
        if query.intent == "where":
            return (0.15 if PLACE.search(sentence.text) else -MISSING_FACT_PENALTY["where"]), None
        if query.intent == "why":
            return (0.1 if CAUSE_WORDS.intersection(sentence.keys) else 0.0), None
        if not wanted:
            return 0.0, None
        if (
            query.intent == "when"
            and not any(s.kind in wanted for s in sentence.facts)
            and RELATIVE_TIME.search(sentence.text)
        ):
            # "Бір жылдан кейін", "жыл соңына қарай": a time without a year answers "қашан"
            # (no penalty), though less well than a year or a date (no bonus either).
            return 0.0, None
        if (
            query.intent == "percent"
            and not any(s.kind == "percent" for s in sentence.facts)
            and FRACTION.search(sentence.text)
        ):
            return 0.0, None  # "үштен бірі", "жартысы": a share in words (no penalty)
        best: FactSpan | None = None
        best_bonus = 0.0
        for span in sentence.facts:
            if span.kind not in wanted:
                continue
            if span.kind != "person" and given and not given.isdisjoint(raw_words(span.text)[:1]):
                continue  # "165 әкімнің нешеуі": 165 is what the asker knows, not the answer
            span_keys = _span_keys(span.text)
            bonus = 0.15 if span.kind == wanted[0] else 0.05
            bonus += 0.05 * min(len(span_keys & query_keys), 2)
            if span_keys & counted_keys:
                bonus += 0.1  # the number of exactly what was asked ("неше жылға" → "5 жылдың")
            if span.kind == "person" and span.role:
                if _holds_another_role(span.role, query_keys):
                    continue  # "облыс әкімі кім" is not answered by the akim's deputy
                # "X кім?" wants X's role, not a quote that ends with X; the fuller the better.
                bonus += 0.12 + 0.01 * min(len(span.role.split()), 5)
            if bonus > best_bonus:
                best, best_bonus = span, bonus
        if best is None:
            if group_who:
                return 0.0, None  # "кімдер қатысты": a group ("ардагерлер мен ...") answers it
            if query.intent == "who" and ROLES.intersection(sentence.keys) - query_keys:
                # "Форумның ашылуында сөз алған облыс әкімі ... қорытынды жасады": an office
                # the question does not name answers "кім" (a name, with its bonus, still
                # answers it better).
                return 0.0, None
            return -MISSING_FACT_PENALTY.get(query.intent, 0.0), None
        return best_bonus, best

    def _shape_signal(
        self,
        query: Query,
        sentence: Sentence,
        pairs: list[tuple[dict[str, float], dict[str, float]]],
    ) -> float:
        """Tie-breakers: a short sentence beats a long one sharing the same words; words next
        to each other in the question and the sentence («Халықпен бірге») count extra; an
        article's lead sentences answer an overview."""
        size = max(len(sentence.keys), 1)
        signal = -LENGTH_WEIGHT * math.log(size / self.average_length)
        if pairs:
            adjacent = set(zip(sentence.keys, sentence.keys[1:], strict=False))
            signal += ADJACENCY_WEIGHT * sum(
                1
                for first, second in pairs
                if any((a, b) in adjacent for a in first for b in second)
            )
        if query.intent in LEAD_INTENTS and sentence.position < 3:
            signal += LEAD_WEIGHT * (3 - sentence.position)
        return signal


def _ranking_key(query: Query, region: str | None) -> Hashable:
    """What a ranking depends on: the question's words and reading, and the region."""
    groups = tuple(
        (g.word, tuple(g.keys.items()), g.concepts, g.start, g.counted, g.required)
        for g in query.groups
    )
    return (query.text, query.language, query.intent, groups, region)


@lru_cache(maxsize=16_384)
def _span_keys(text: str) -> frozenset[str]:
    """The keys of a fact's words (facts recur: each is keyed once)."""
    return frozenset(word_key(w) for w in fold(text).split())


def _holds_another_role(role: str, query_keys: set[str]) -> bool:
    """Whether a question word is in the role only as what the role belongs to: "облыс
    әкімінің орынбасары" is a deputy (its last word), asked "облыс әкімі кім"."""
    role_keys = [word_key(w) for w in fold(role).split()]
    return role_keys[-1] not in query_keys and not query_keys.isdisjoint(role_keys[:-1])
