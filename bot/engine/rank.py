"""Ranking: which sentences answer a question, and how well.

A sentence's coverage is the idf-weighted share of the question's words it matches (its own
words counting most), adjusted by what the intent wants (a number for "қанша", a person with
a role for "кім", a date for "қашан", a place for "қайда") and a few tie-breakers. Only
sentences above the bar are answers: below it the bot says the articles don't say.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz

from bot.corpus.events import about_the_event
from bot.corpus.models import FactSpan, Sentence, SentenceTable
from bot.corpus.quotations import Quotations
from bot.engine import numbers, signals
from bot.engine.index import ANAPHORA_WEIGHT, CONTEXT_WEIGHT, SearchIndex
from bot.engine.query import GENITIVE_ENDINGS, QUESTION_PARTICLES, Group, Query
from bot.remembered import Remembered
from bot.text.fold import fold, folded_words, key_set, keys, raw_words, word_key

CANDIDATES = 40
KEPT_RANKINGS = 256
# An office a "who" question does not name ("облыс әкімі") answers it, less well than a
# name with its role (whose bonus is 0.27 and up).
OFFICE_BONUS = 0.05
MIN_COVERAGE = 0.55  # share of the question's weight a sentence must match to be an answer
# A Russian or English word the articles never use counts this share of an unknown Kazakh
# word's weight (which grows with the corpus, like every known word's idf).
UNKNOWN_FOREIGN_SHARE = 0.52
LENGTH_WEIGHT = 0.04
ADJACENCY_WEIGHT = 0.05
LEAD_WEIGHT = 0.06
# A Kazakh question word written in the sentence in the same form counts this much (up to
# three), among answers within SAME_FORM_TIE of the best: one such word can overturn two
# thirds of the window ("ауылдағы сайлаудың ... әсері": «Ауылдағы сайлау ... серпін берді»,
# 0.001 behind a line with "ауыл" and "сайланған" that its article's lead lent "әсер").
SAME_FORM_WEIGHT = 0.02
SAME_FORM_TIE = 0.03
# ... and the question's predicate, its last word in Kazakh, ending the sentence as written
# counts as two: the sentence tells the asked act ("ауыл әкімдері форумда не ұсынды": «Әкімдер
# де ... тың шешімдер ұсынды», not «Форумда айтылған ұсыныстар ... серпін беретіні анық»,
# 0.027 ahead with the noun; measured: as one word it turns no answer, as two this one).
PREDICATE_FORMS = 2
# An article's lead sentences answer an overview request ("форум туралы қысқаша"); measured:
# "which" and "about" questions, which ask for one fact, are not helped by them.
LEAD_INTENTS = ("overview",)
# Asked with no region, a country-wide figure answers better than one region's same figure,
# even one with two of the question's words side by side (ADJACENCY_WEIGHT): at 20,000
# articles "Әкімдердің орташа жасы – 45 жас" of a region led "Олардың орташа жасы – 43 жас"
# by 0.007 with 0.05 (measured: 0.07-0.09 alike; 0.1 lost a "why" answer at 20,000).
COUNTRY_WEIGHT = 0.08
# A quoted sentence counts the person it is attributed to ("Мәдібек не деді") this much of a
# word it has itself, like a sentence pointing back.
SPEAKER_WEIGHT = ANAPHORA_WEIGHT
# ... and as much as a word it has itself when the question asks what the person said: their
# quotation is what they said, the line naming them only introduces it.
SAID_WEIGHT = 1.0
# A word of a sentence's article title or lead counts this share of one it has itself, as
# much as a word of the sentence before it (CONTEXT_WEIGHT; measured 0.15-0.45: 0.35-0.45
# best, 0.45 breaking two questions).
TOPIC_WEIGHT = CONTEXT_WEIGHT
NAME_BONUS = 0.1  # a name in quotation marks, for a question asking a name (signals.NAME_WORDS)
QUOTE_BONUS = 0.1  # a quotation of the person asked what they said
NAME_PROBES = 8  # sentences of a key looked at to tell whether it is a person's name
# A translated word names a person only through a key this like its own spelling (fuzz.ratio).
NAME_LIKENESS = 60
# Sentences whose keys are kept as a set (some 1.5 KB each): a question's candidates and
# the sentences before them.
KEPT_KEY_SETS = 4096
KEPT_ARTICLES = 1024  # articles whose topics are remembered (when not stored)
# A sentence with the positive of a verb the question negates, this near, says it happened.
MIN_ASSERTED = 0.85
MIN_SHARE = 0.5  # the least similarity of a near form that counts as matching a word
KEPT_CAUSES = 65_536  # sentences whose "why" neighbour is remembered (and articles' events)
EVENT_ARTICLES = 8  # candidates' articles whose sentences about their event are candidates too
WHY_BONUS = 0.1  # a "why" answer that states a cause or an aim, or has one beside it
# The share of the question a sentence must match itself, not through the sentence before,
# its speaker or its article's topic ...
MIN_OWN_COVERAGE = 0.4
# ... less for a sentence that points back ("Оның 74%-ы ..."): its subject is the one before.
MIN_OWN_ANAPHORA = 0.3
# ... and less again for one naming the part a partitive count asks about ("әкімдердің
# нешеуі аманаттан": "Оның 74%-ы «AMANAT» ..."), the whole being the sentence before's.
MIN_OWN_PART = 0.15
COUNTED_LIFT = 0.1  # the number of exactly what was asked lowers the bar this much
# How far a sentence without what the intent asks for (no number for "қанша", no date for
# "қашан", no place for "қайда") falls below the bar: it talks about the topic, but does not
# answer the question.
MISSING_FACT_PENALTY = {
    # a count whose sentence has numbers, none of them its answer (the number the question
    # gives: "what does the number 165 refer to" is "165 ауыл әкімі сайланды"; or not in the
    # units asked)
    "count": 0.45,
    # ... and with no number at all, more: "how many deputies were recalled" is not answered
    # by "... депутаттардың мандаттарын кері қайтару туралы ұсыныс жасайтын болады", nor
    # "қанша аманат мүшесі бар" by "... «AMANAT» партиясының мүшелері қатысты" (every word
    # of the question, it reached the bar at 0.45)
    "no number": 0.5,
    "percent": 0.35,
    "when": 0.5,
    "where": 0.3,
    # as much as a percent without a share: "кто получил 10 миллионов" is not answered by
    # "Ең көп төл алған отбасы 10 миллион теңге сыйақы алады", which names no one
    "who": 0.35,
    "office": 0.5,  # "облыс әкімі кім" with no one holding the office
    "named place": 0.5,  # "қай қалада" with no place named
    "other count": 0.5,  # the number counts another thing; what was asked is named apart
}
# A share in a sentence that does not name what the share is asked of ranks this much lower.
SHARE_OF_ANOTHER = 0.1
GROUP_BONUS = 0.27  # a person's: 0.15 for the fact, 0.12 for a role
MODAL_BONUS = 0.05
DEFINITION_BONUS = 0.15


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
        title: Callable[[str], str] = lambda article_id: "",
        year_of: Callable[[str], int | None] = lambda article_id: None,
    ) -> None:
        self.index = index
        self.sentences = sentences
        self._dated = dated
        self._year_of = year_of
        self._title = title
        self._topics: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._country_codes = frozenset(
            index.region_codes[r] for r in country_regions if r in index.region_codes
        )
        self.average_length = max(average_keys, 1.0)  # keys per sentence
        self._kept: OrderedDict[Hashable, list[Ranked]] = OrderedDict()
        self._names: dict[str, bool] = {}
        self.quotations = Quotations(sentences)
        # The store's sentences, which keep their articles' topics.
        self._table = sentences if isinstance(sentences, SentenceTable) else None
        # What is read of a sentence or an article, kept (it depends on the corpus alone).
        self._causes = Remembered(self._find_cause, KEPT_CAUSES)  # see _cause_of
        self._here = Remembered(self._about_the_event, KEPT_CAUSES)  # see _deictic
        self._article_deictics = Remembered(self._deictics_from, KEPT_CAUSES)  # by first sentence
        # A question looks its candidates and the sentences before them up several times
        # (scoring, own share, nearby keys).
        self._key_sets = Remembered(self._keys_of, KEPT_KEY_SETS)  # see _key_set

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
        foreign = query.language != "kk"
        groups = [self._expand(g, foreign) for g in query.groups]
        if not groups:
            return []
        weights = [
            self.index.group_weight(alternatives, region)
            if self.index.knows(alternatives)
            else self._unknown_weight(group, query, region)
            for group, alternatives in zip(query.groups, groups, strict=True)
        ]
        # "по определению", "по мнению" frame what was said; they are not asked about.
        for n, group in enumerate(query.groups):
            if group.word.startswith(signals.SPEECH_WORDS) and not self.index.knows(groups[n]):
                weights[n] = 0.0
        total_weight = sum(weights)
        if not total_weight:
            return []
        words = folded_words(query.text)
        # "шешілмеген өтініштер", "не решили": what did not happen is not told by a sentence
        # saying it did ("817-інің өтініші оң шешімін тапты"); the verb in the positive is
        # looked for only in the sentence before one about the rest ("Қалғандарына ...").
        positive: dict[int, dict[str, float]] = {}
        for n, stem in signals.negated(query, words).items():
            positive[n] = {
                k: v
                for k, v in (self.index.expand(stem) if stem else groups[n]).items()
                if not signals.NEGATIVE_KEY.fullmatch(k)
            }
            if stem:
                # "шешілмеген" is not "шешілді": the near forms in the positive are not it.
                own_key = word_key(query.groups[n].word)
                groups[n] = {k: v for k, v in groups[n].items() if k.startswith(own_key)} or {
                    own_key: 1.0
                }
        query_keys = {k for g in groups for k in g}
        counted_keys = {
            k
            for g, alternatives in zip(query.groups, groups, strict=True)
            if g.counted
            for k in alternatives
        }
        # ... the first of them is what the number counts ("сколько членов партии": members;
        # of a lexicon phrase, its last word, the head: "amanat members")
        head = min((g.start for g in query.groups if g.counted), default=None)
        heads = [
            alternatives
            for g, alternatives in zip(query.groups, groups, strict=True)
            if g.counted and g.start == head
        ]
        head_keys = frozenset(heads[-1]) if heads else frozenset()
        modal = any(w.startswith(signals.MODAL_WORDS) for w in words)
        # "how long did it take", "как долго", "сколько времени": a number of years, months or
        # days is what is counted; "how old": a number of years of age.
        units = signals.units_asked(words) if query.intent == "count" else frozenset()
        if units:
            counted_keys |= {k for unit in units for k in keys(unit)}
        if signals.PERSON in counted_keys:
            # "неше адам", "сколько человек", "how many people": people of any kind are counted
            # ("300-ден астам тұрғынның", "700-ден астам азамат"); not so when a kind is asked
            # ("how many residents": not "өңір халқы 1,5 млн адамды").
            counted_keys |= signals.PERSONS
        # Below this share no sentence clears the bar, not even with the count of exactly the
        # asked thing (a hair lower: float32 scores).
        lift = COUNTED_LIFT if counted_keys else 0.0
        floor = (MIN_COVERAGE - lift) * total_weight * (1 - 1e-6)
        regions = [region] if region else None
        # Words of the article's title and lead count a little for every sentence of it
        # ("депутаттар форумында кім қорытынды жасады": the deputies are the article's topic).
        # Candidates are taken down to MIN_OWN_COVERAGE: a sentence must cover that much
        # itself (measured: going lower to MIN_OWN_ANAPHORA changes no answer, and at 20,000
        # articles costs 0.25 ms a question; the sentences about their article's event, which
        # need less, are added from the candidates' articles in _with_topics).
        topic_floor = max(floor - TOPIC_WEIGHT * total_weight, MIN_OWN_COVERAGE * total_weight)
        best = self.index.best(groups, regions, weights, topic_floor, CANDIDATES, spread=True)
        best = self._with_topics(best, groups, weights, floor, query.intent in ("count", "percent"))
        rest: set[int] = set()
        if positive:
            best, rest = self._with_rest(best, groups, positive, weights, regions, floor)
        quoted: set[int] = set()
        # Who said it: a person's name, or an office when the question asks what was said
        # ("облыс әкімі не деді", "по словам президента").
        speech = any(w.startswith(signals.SPEECH_WORDS) or w in signals.SPEECH_EXACT for w in words)
        foreign = query.language != "kk"
        names = [
            n
            for n, alternatives in enumerate(groups)
            if self._names_a_person(_as_spelled(query.groups[n], alternatives, foreign))
        ]
        if not names and speech:
            # ... an office only when no name says who ("Мәдібек әр әкімнің рөлі туралы не
            # айтты" asks about akims, said by Мәдібек).
            names = [n for n, alt in enumerate(groups) if not signals.SPEAKER_ROLES.isdisjoint(alt)]
        if names:
            share = SAID_WEIGHT if speech else SPEAKER_WEIGHT
            best, quoted = self._with_speakers(best, groups, weights, names, regions, floor, share)
        if not best:
            # Nothing to rank: the signals below are read per candidate (101 of the 1,657
            # tuning questions ranked at 20,000 articles have none here).
            return []
        # "Тоқаевтың жасы": a thing of the person named, who must be named beside it, not
        # only be the one speaking ("Олардың орташа жасы – 43 жас" is other people's age).
        owners = [
            groups[n]
            for n in names
            if not speech
            and (
                query.groups[n].word.endswith(GENITIVE_ENDINGS)
                # "Тоқаев неше жаста": a number about the person, not one in their speech
                or query.intent in ("count", "percent")
            )
        ]
        # A person named as an owner ("Тоқаевтың", "Мәдібектің сөзінше") is not who is asked.
        owning = frozenset(
            k
            for n in names
            if query.intent == "who" and query.groups[n].word.endswith(GENITIVE_ENDINGS)
            for k in groups[n]
        )
        # "Марат Сұлтанғазиев": a person named by two names side by side is not another
        # "Марат": the rarer of the names must be beside the answer (or be its speaker's).
        top_name = max((weights[n] for n in names), default=0.0)
        surnames = (
            [groups[n] for n in names if weights[n] >= top_name - 0.01]
            if len(names) == 2
            and abs(query.groups[names[0]].start - query.groups[names[1]].start) == 1
            else []
        )
        ranked: list[Ranked] = []
        money_asked = query.intent == "count" and any(
            not signals.MONEY.isdisjoint(g.keys) for g in query.groups
        )
        asked_numbers = numbers.numbers_asked(query)
        percents = numbers.percents_asked(words, asked_numbers)
        unscaled = not numbers.scaled(words)
        group_who = query.intent == "who" and any(w.startswith(signals.GROUP_WHO) for w in words)
        # A count asked with no region (named or the chat's) and no number given is about all
        # there is: a part of one region's whole does not answer it.
        unscoped = query.intent == "count" and region is None and not asked_numbers
        # "әкім деген кім", "әкім дегеніміз кім", "аким — это кто": what X is, told by a
        # definition ("Әкім – ... мемлекеттік қызметші"), not by a person.
        defined = (
            frozenset(query_keys)
            if (
                query.intent == "who"
                or (query.intent in ("which", "about") and signals.asks_what_it_is(words))
            )
            and (
                any(
                    w.startswith(signals.DEFINING) or (w, nxt) == ("ato", "kto")
                    for w, nxt in pairwise([*words, ""])
                )
                or signals.asks_what_it_is(words)
                # "ауыл әкімі кім: саясаткер ме, қызметші ме": what an akim is, of two guesses
                or (query.language == "kk" and sum(w in QUESTION_PARTICLES for w in words) >= 2)
            )
            else frozenset()
        )
        named = signals.named_thing(query, words)
        # "әкімдердің нешеуі аманаттан": the number of the part, in a sentence naming it
        # (not "әкімдерінің 122-сін халық сайлаған", the whole).
        part = (
            [groups[n] for n in signals.partitive_part(query, words)]
            if query.intent in ("count", "percent")
            else []
        )
        places = frozenset(signals.places_asked(words)) if query.intent == "where" else frozenset()
        # "қай айда", "с какого месяца", "which month": a month is asked, not a year.
        month_asked = any(
            w.startswith(signals.MONTH_WORDS)
            or (which.startswith(signals.WHICH_WORDS) and w in signals.MONTH_NOUNS)
            for which, w in pairwise(["", *words])
        )
        # "қай күні", "какого числа", "which day", "what date": a day of a month is asked.
        day_asked = any(
            (which.startswith(signals.WHICH_WORDS) and w in signals.DAY_NOUNS)
            or w in signals.DAY_WORDS
            for which, w in pairwise(["", *words])
        )
        month_asked = month_asked or day_asked
        # "қашаннан бастап", "қай айдан бері", "since when", "с какого года": a start is asked.
        since = query.intent == "when" and signals.since_asked(words)
        # "когда будут выборы", "when will ... be held", "қашан өтеді": a time to come is
        # asked; a year before the news was published tells a past event, not the answer.
        future = query.intent == "when" and not since and signals.future_asked(words)
        # The office a "who" question names ("облыс әкімі кім", "prokurory kım"): the answer
        # is a person holding it.
        offices, office_owners = (
            signals.office_asked(query, words)
            if query.intent == "who"
            else (frozenset(), frozenset())
        )
        # "Марат Сұлтанғазиев кім?": who a named person is, or "облыс әкімі кім" who holds an
        # office; the fullest role answers, in a long sentence or a short one.
        identity = (
            query.intent == "who" and not speech and (len(names) == len(groups) or bool(offices))
        )
        # "what is the name of Amanat's election programme": the name of a thing is asked (no
        # office, no person named), not a person's; its name in quotation marks answers.
        thing_named = query.intent == "who" and bool(named) and not offices and not names
        place_names = signals.place_names(query, words)
        required = [
            alt
            for g, alt in zip(query.groups, groups, strict=True)
            if g.required or g.start in place_names
        ]
        by_position = {
            g.start: alternatives for g, alternatives in zip(query.groups, groups, strict=True)
        }
        # ... or with one word not asked about between them, a question word or a stopword
        # ("депутаттарға қандай округтер": "депутаттарға округтер бекітіліп берілді")
        pairs = [
            (by_position[p], by_position[q])
            for p in by_position
            for q in (p + 1, p + 2)
            if q in by_position and p >= 0 and (q == p + 1 or p + 1 not in by_position)
        ]
        # (a person's name is written one way: its form tells nothing). A Russian or English
        # question may type Kazakh words as they are, as one phrase ("что такое ауыл
        # аманаты", "what is Auyl Amanaty"): its words are in their Kazakh form too.
        as_typed = {
            word
            for n, g in enumerate(query.groups)
            if n not in names
            for word in ([g.word] if query.language == "kk" else g.word.split())
            if len(word) >= 4
        }
        # The question's last content word, its predicate in Kazakh ("әкімдер не ұсынды").
        predicate = next((w for w in reversed(words) if w not in QUESTION_PARTICLES), "")
        predicate = predicate if query.language == "kk" and predicate in as_typed else ""
        for i, score in best:
            coverage = score / total_weight
            if coverage + lift < MIN_COVERAGE:
                break  # best first: nothing after this one can clear the bar either
            sentence = self.sentences[i]
            # The keys of this sentence and the one before, read only when a number or a
            # place the question names, or the owner of what it asks about, must be found there
            # (None: nothing to find).
            nearby = (
                self._nearby_keys(i) if asked_numbers or required or owners or surnames else None
            )
            if (
                nearby is not None
                and surnames
                and i not in quoted
                and all(nearby.isdisjoint(alternatives) for alternatives in surnames)
            ):
                continue
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
            if (
                nearby is not None
                and any(not nearby.intersection(alternatives) for alternatives in owners)
                and not (self._deictic(i) and all(map(self.topic_of(i).intersection, owners)))
            ):
                # "Тоқаевтың жасы": the person must be named beside the answer, or be the one
                # whose event "осы жерге" (here) is ("Тоқаевтың диалог-платформасына").
                continue
            own_floor = (
                MIN_OWN_ANAPHORA
                if self.index.context_weight[i] >= ANAPHORA_WEIGHT
                or i in quoted
                or self._deictic(i)
                # "out of the 165 akims elected, how many ...": the sentence after the one with
                # the number the question gives continues it ("165 ауыл әкімі сайланды.
                # Халық таңдаған әкімдердің 154-і – ...")
                or (asked_numbers and asked_numbers.isdisjoint(sentence.keys))
                else MIN_OWN_COVERAGE
            )
            if (
                counted_keys
                and not counted_keys.isdisjoint(sentence.keys)
                and any(f.kind in signals.WANTED_FACTS["count"] for f in sentence.facts)
            ):
                # "Қаражат көлемі 2 трлн ... теңге" for "жол картасына қанша қаражат": the
                # counted thing and a number, the rest of the question in the sentence before.
                own_floor = min(own_floor, MIN_OWN_ANAPHORA)
            if (
                part
                and self.index.context_weight[i] >= ANAPHORA_WEIGHT
                and any(not alt.keys().isdisjoint(sentence.keys) for alt in part)
            ):
                # "Оның 74%-ы «AMANAT» партиясының мүшелері" for "халық сайлаған әкімдердің
                # нешеуі аманаттан": the part is named here, the whole ("әкімдерінің 122-сін
                # халық сайлаған") in the sentence pointed back to.
                own_floor = min(own_floor, MIN_OWN_PART)
            # Asked what a person said, their quotation has their name as its own ("Мәдібек
            # ауылды не деп атады": "Ауыл – қазақтың алтын бесігі").
            speaker = self.quotations.speaker_of(i) if speech and i in quoted else None
            said = self.quotations.said(speaker) if speaker is not None else frozenset()
            own = self._own_score(i, groups, weights, said, names) / total_weight
            if own < own_floor and query.intent != "when" and self._deictic(i):
                # "here", "the event": its article's event is named by the sentence itself, and
                # the words of its title and lead count as its own, as much as a sentence
                # pointed back to ("80 пайызы осында" for "... attended the dialogue platform");
                # not for "when": "Іс-шара соңында" is no date of the event itself.
                own = (
                    self._score_with(
                        i, groups, weights, self.topic_of(i), ANAPHORA_WEIGHT, None, False
                    )
                    / total_weight
                )
            if i in rest:
                own = coverage  # "Қалғандарына ...": the rest of those the sentence before names
            elif positive and self._asserts(sentence, positive):
                continue  # "оң шешімін таппаған": not "... оң шешімін тапты", which says it did
            if own < own_floor and not (
                # "Қаражат көлемі 2 трлн ... теңге": the number of exactly the thing asked
                # ("how much money is in the road map") needs less of the rest as its own, as
                # it clears a lower bar.
                own + lift >= own_floor and signals.counts(sentence, counted_keys, money_asked)
            ):
                continue
            if said and len(names) < len(groups) and not self._own_score(i, groups, weights):
                continue  # ... and a word of what was asked about as its own
            if thing_named:
                wanted, span = 0.0, None
            elif defined:
                # The sentence defines one of the question's words: "Әкім – ...".
                opening = signals.DEFINITION.match(sentence.text)
                wanted, span = (
                    (DEFINITION_BONUS, None)
                    if opening and word_key(fold(opening.group(1))) in defined
                    else (0.0, None)
                )
            else:
                wanted, span = self._intent_signal(
                    query,
                    sentence,
                    query_keys,
                    counted_keys,
                    asked_numbers,
                    group_who,
                    offices,
                    month_asked,
                    places,
                    office_owners,
                    day_asked,
                    units,
                    owning,
                    unscoped,
                    partial(self._keys_before, i) if unscoped else None,
                    head_keys,
                    since,
                    future,
                    self._year_of(sentence.article_id) if future else None,
                    money_asked,
                )
            if part and wanted > 0 and all(alt.keys().isdisjoint(sentence.keys) for alt in part):
                wanted, span = -MISSING_FACT_PENALTY["other count"], None
            if query.intent == "count" and span is not None and span.kind == "count":
                counted_part = signals.part_counted(sentence, span)
                if counted_part is not None and query_keys.isdisjoint(key_set(counted_part)):
                    # "халық неше әкімді таңдады" is not answered by "Халық таңдаған
                    # әкімдердің 154-і – «AMANAT» партиясының мүшелері", the members among them.
                    wanted, span = -MISSING_FACT_PENALTY["other count"], None
            if query.intent == "why" and wanted <= 0 and self._cause_of(i) is not None:
                # "Ауылдың жағдайы ... маңызы бар мәселе. Себебі ...": its reason is beside it.
                wanted = WHY_BONUS
            bonus = wanted + self._shape_signal(query, i, sentence, pairs, identity)
            if named and signals.names_in_quotes(sentence.text, named, query_keys):
                bonus += NAME_BONUS  # "қалай аталады": «Халықпен бірге!»
            if modal and not signals.MODAL_KEYS.isdisjoint(sentence.keys):
                bonus += MODAL_BONUS  # "каким должен быть аким": "... маман болуы керек"
            if speech and i in quoted:
                bonus += QUOTE_BONUS  # "Мәдібек не деді": his words, not the line naming him
            elif (
                speech
                and names
                and signals.REPORTED.intersection(sentence.keys)
                and any(not groups[n].keys().isdisjoint(sentence.keys) for n in names)
            ):
                # "Байғоджаев бұл форум – ... шара екенін айтты": what he said, told by the
                # line naming him (reported speech), as much as in quotation marks.
                bonus += QUOTE_BONUS
            if region is None and int(self.index.sentence_region[i]) in self._country_codes:
                # Asked with no region, a country-wide figure answers better than one
                # region's same figure ("әкімдердің орташа жасы").
                bonus += COUNTRY_WEIGHT
            # A sentence without what the intent wants (no person for "кім") is held to a
            # higher bar; bonuses never lower it.
            dated = False
            if (
                query.intent == "when"
                and wanted < 0
                and not future
                and self._reports_the_day(sentence)
            ):
                # No year in the sentence, but it reports the article's own day: the
                # publication date answers "қашан".
                wanted, bonus, dated = 0.0, bonus - wanted, True
            bar_coverage = coverage + min(wanted, 0.0)
            if span is not None and span.unit and not counted_keys.isdisjoint(key_set(span.unit)):
                bar_coverage += COUNTED_LIFT  # "қанша балабақша": "1 балабақша" is the answer
            ranked.append(Ranked(i, coverage + bonus, bar_coverage, span, dated=dated))
        ranked.sort(key=lambda r: -r.score)
        ranked = [r for r in ranked if r.coverage >= MIN_COVERAGE]
        if as_typed and len(ranked) > 1 and ranked[1].score >= ranked[0].score - SAME_FORM_TIE:
            # A near tie: the question's words in the same form (case, number) as the
            # sentence's are in the same role ("депутаттарға округтер бекітілді").
            close = [r for r in ranked if r.score >= ranked[0].score - SAME_FORM_TIE]
            close = [
                replace(
                    r,
                    score=r.score
                    + SAME_FORM_WEIGHT * self._same_forms(r.index, as_typed, predicate),
                )
                for r in close
            ]
            ranked = sorted(close, key=lambda r: -r.score) + ranked[len(close) :]
        if identity and ranked and ranked[0].span is not None and not ranked[0].span.role:
            ranked = self._with_role_named(ranked, ranked[0].span)
        if query.intent == "why":
            ranked = [replace(r, cause=self._cause_of(r.index)) for r in ranked]
        return ranked

    def _with_role_named(self, ranked: list[Ranked], person: FactSpan) -> list[Ranked]:
        """ "X кім" answered by a line naming X with no role ("Дауыл Ынтықбайұлының
        айтуынша ..."): the line of the same article naming the person by a name they share
        ("Дауыл Бейсенқұлов", first name and surname where the question had the patronymic)
        with their role answers first."""
        best = ranked[0]
        named = signals.span_keys(person.text)
        start = best.index - self.sentences[best.index].position
        for k, sentence in enumerate(self.quotations.article_around(best.index)):
            for span in sentence.facts:
                if (
                    span.kind == "person"
                    and span.role
                    and not named.isdisjoint(signals.span_keys(span.text))
                ):
                    found = Ranked(start + k, best.score + 0.01, best.coverage, span)
                    return [found, *(r for r in ranked if r.index != found.index)]
        return ranked

    def _with_topics(
        self,
        best: list[tuple[int, float]],
        groups: list[dict[str, float]],
        weights: list[float],
        floor: float,
        counting: bool = False,
    ) -> list[tuple[int, float]]:
        """The candidates scored with their article's topic, those clearing `floor`, best
        first: "депутаттар форумында кім қорытынды жасады" is answered by "Форумның
        ашылуында сөз алған Алматы облысының әкімі ... қорытынды жасады", of the article whose
        title and lead name the deputies. `counting`: a count or a share is asked (the topic
        then lends words only to the sentences about the article's event)."""
        scored = []
        # The sentences about their article's event ("80 пайызы осында", "Шараның мақсаты –
        # ...") of the candidates' articles: the question's words for the event are their
        # article's title and lead, not their own, so the search above misses them.
        # Those of the best few candidates' articles only: at 20,000 articles a question's
        # 40 candidates may come from 40 articles never read yet.
        found = dict(best)
        articles: set[int] = set()
        for i, _ in best:
            start = i - self.sentences[i].position
            if start in articles:
                continue
            if len(articles) == EVENT_ARTICLES:
                break
            articles.add(start)
            for j in self._deictics_of(i):
                if j not in found:
                    found[j] = self._score_with(j, groups, weights, frozenset(), 0.0)
        for i, score in found.items():
            topic = self.topic_of(i)
            # The weight of the question's words the topic has (a loop, not sum() over a
            # generator: some 20 candidates a question).
            reach: float = 0
            for alternatives, weight in zip(groups, weights, strict=True):
                if not topic.isdisjoint(alternatives):
                    reach += weight
            # "осында" (here), "Іс-шара ...": the sentence is about the article's event, whose
            # words count as much as those of a sentence pointed back to.
            # A number is of what its own sentence names: for a count, the title lends nothing
            # ("«AMANAT» партиясы Жамбыл облысында ..." lent "AMANAT" to "165 ауыл әкімі
            # сайланды" for "how many of the elected akims are Amanat members").
            share = ANAPHORA_WEIGHT if self._deictic(i) else (0.0 if counting else TOPIC_WEIGHT)
            # Rescored only when its article's topic holds enough of the question to lift it
            # to the bar.
            if reach and score + share * reach >= floor:
                score = max(score, self._score_with(i, groups, weights, topic, share))
            if score >= floor:
                scored.append((i, score))
        scored.sort(key=lambda iv: (-iv[1], iv[0]))
        return scored

    def _with_rest(
        self,
        best: list[tuple[int, float]],
        groups: list[dict[str, float]],
        positive: dict[int, dict[str, float]],
        weights: list[float],
        regions: list[str] | None,
        floor: float,
    ) -> tuple[list[tuple[int, float]], set[int]]:
        """The candidates and the sentences about the rest ("Қалғандарына заң аясында
        түсініктеме берілді") after those telling what the question negates ("Оның 817-інің
        өтініші оң шешімін тапты", for "шешілмеген өтініштер"): the sentence before's words
        count for them as much as for one pointing back, its verb in the positive for the
        negated one (`positive`)."""
        asserted = [positive.get(n, alternatives) for n, alternatives in enumerate(groups)]
        found = dict(best)
        rest: set[int] = set()
        lower = floor * ANAPHORA_WEIGHT
        for i, _ in self.index.best(asserted, regions, weights, lower, CANDIDATES):
            j = i + 1
            if (
                j >= len(self.sentences)
                or self.sentences[j].article_id != self.sentences[i].article_id
                or not fold(self.sentences[j].text[:16]).startswith(signals.REST)
            ):
                continue
            own = set(self.sentences[j].keys)
            before = set(self.sentences[i].keys)
            score = 0.0
            for alternatives, told, weight in zip(groups, asserted, weights, strict=True):
                value = max((min(v, 1.0) for k, v in alternatives.items() if k in own), default=0)
                earlier = max((min(v, 1.0) for k, v in told.items() if k in before), default=0)
                score += weight * max(value, ANAPHORA_WEIGHT * earlier)
            if score >= floor and score > found.get(j, 0.0):
                found[j] = score
                rest.add(j)
        ranked = sorted(found.items(), key=lambda iv: (-iv[1], iv[0]))
        return ranked, rest

    def _asserts(self, sentence: Sentence, positive: dict[int, dict[str, float]]) -> bool:
        """Whether a sentence says that what the question negates happened: it has a negated
        verb's positive form (`positive`), and no negation of its own ("жұмыс істемеген",
        "... емес" agree with "never worked")."""
        own = set(sentence.keys)
        if any(signals.NEGATIVE_KEY.fullmatch(k) for k in own) or signals.NOT in own:
            return False
        return any(
            v >= MIN_ASSERTED and k in own for told in positive.values() for k, v in told.items()
        )

    def _same_forms(self, i: int, words: set[str], predicate: str = "") -> int:
        """How many of the (folded) `words` sentence i has as they are written, up to three;
        PREDICATE_FORMS more when it ends with the question's last word (`predicate`)."""
        written = folded_words(self.sentences[i].text)
        same = min(len(words.intersection(written)), 3)
        return same + (PREDICATE_FORMS if predicate and written[-1:] == [predicate] else 0)

    def _deictics_of(self, i: int) -> tuple[int, ...]:
        """The sentences of sentence i's article that are about its event (see _deictic),
        remembered per article."""
        if self._table is not None:
            stored = self._table.event_sentences(i)
            if stored is not None:
                return stored
        return self._article_deictics[i - self.sentences[i].position]

    def _deictics_from(self, start: int) -> tuple[int, ...]:
        """_deictics_of for the article whose first sentence is `start`."""
        return tuple(
            start + k
            for k, sentence in enumerate(self.quotations.article_around(start))
            if about_the_event(sentence.text)
        )

    def _present(self, i: int) -> frozenset[str]:
        """The key of "қатысты" (attended) for a sentence saying who is here ("80 пайызы
        осында"), about its article's event (see _deictic); none for another."""
        if not self._deictic(i):
            return frozenset()
        return signals.PRESENCE if signals.PRESENT.search(self.sentences[i].text) else frozenset()

    def _deictic(self, i: int) -> bool:
        """Whether sentence i is about its article's event: it says "here" ("80 пайызы
        осында") or opens with the event ("Іс-шара ..."); its topic counts more, and it needs
        less of the question as its own, like a sentence pointing back."""
        if self._table is not None:
            stored = self._table.about_the_event(i)
            if stored is not None:
                return stored
        return self._here[i]

    def _about_the_event(self, i: int) -> bool:
        return about_the_event(self.sentences[i].text)

    def topic_of(self, i: int) -> frozenset[str]:
        """The keys of sentence i's article title and lead sentence."""
        if self._table is not None:
            stored = self._table.topic(i)
            if stored is not None:
                return stored
        sentence = self.sentences[i]
        topic = self._topics.get(sentence.article_id)
        if topic is None:
            lead = self.sentences[i - sentence.position] if sentence.position <= i else sentence
            if lead.article_id != sentence.article_id:
                lead = sentence
            topic = frozenset(keys(self._title(sentence.article_id))) | frozenset(lead.keys)
            self._topics[sentence.article_id] = topic
            if len(self._topics) > KEPT_ARTICLES:
                self._topics.popitem(last=False)
        return topic

    def _with_speakers(
        self,
        best: list[tuple[int, float]],
        groups: list[dict[str, float]],
        weights: list[float],
        names: list[int],
        regions: list[str] | None,
        floor: float,
        share: float = SPEAKER_WEIGHT,
    ) -> tuple[list[tuple[int, float]], set[int]]:
        """The candidates again, with quoted sentences of the person the question names
        scored as if they named the speaker ("Мәдібек форумды қалай сипаттады" → "«Бұл – ...
        серіктестердің кездесуі.", a sentence of his quotation): the quotations are found among
        the sentences that match the question's other words."""
        others = [n for n in range(len(groups)) if n not in names]
        lent = share * sum(weights[n] for n in names)
        # The speaker's name counts `share` (all of it when what they said is asked); the
        # other words their role has ("облыс әкімі") no more than a sentence pointing back.
        shares = {n: share for n in names}
        found = dict(best)
        if others:
            # At least a share of one other word: with the name lending more than the bar,
            # a floor of zero would take every sentence of the corpus (a pass over all of
            # them, and the first CANDIDATES in corpus order, matching nothing).
            rest = self.index.best(
                [groups[n] for n in others],
                regions,
                [weights[n] for n in others],
                max(floor - lent, MIN_SHARE * min(weights[n] for n in others)),
                CANDIDATES,
            )
            for i, score in rest:
                found.setdefault(i, score)
        if share == SAID_WEIGHT:
            # Asked what they said: every sentence of their quotations, found from the lines
            # naming them (the other words may be common ones, "әкім деген кім", which
            # the search above cuts at its best few).
            naming = self.index.best(
                [groups[n] for n in names],
                regions,
                [weights[n] for n in names],
                SPEAKER_WEIGHT * min(weights[n] for n in names),
                CANDIDATES,
            )
            for j, _ in naming:
                for i in self.quotations.quotes_of(j):
                    found.setdefault(i, 0.0)
        quoted: set[int] = set()
        for i in list(found):
            speaker = self.quotations.speaker_of(i)
            if speaker is None:
                continue
            said = self.quotations.said(speaker)
            if not any(said.intersection(groups[n]) for n in names):
                continue
            found[i] = max(
                found[i], self._score_with(i, groups, weights, said, SPEAKER_WEIGHT, shares)
            )
            quoted.add(i)
        ranked = sorted(
            ((i, v) for i, v in found.items() if v >= floor), key=lambda iv: (-iv[1], iv[0])
        )
        return ranked[:CANDIDATES], quoted

    def _score_with(
        self,
        i: int,
        groups: list[dict[str, float]],
        weights: list[float],
        said: frozenset[str],
        share: float,
        shares: dict[int, float] | None = None,
        before_too: bool = True,
    ) -> float:
        """Sentence i's score, the keys `said` (its speaker's, its article's topic) counting
        `share` of its own (`shares`: another share for some of the groups)."""
        own = self._key_set(i)
        present = self._present(i)
        before: frozenset[str] = frozenset()
        context = float(self.index.context_weight[i]) if before_too else 0.0
        if context > 0:
            before = self._key_set(i - 1)
        total = 0.0
        # (Comparisons, not min() and max() calls, and the kept key sets: measured over the
        # 6,040 calls of 400 tuning questions at 20,000 articles, 5.3 µs a call before, 4.8.)
        for n, (alternatives, weight) in enumerate(zip(groups, weights, strict=True)):
            value = 0.0
            lent = shares.get(n, share) if shares else share
            for key, similarity in alternatives.items():
                if similarity > 1.0:
                    similarity = 1.0
                if key in own:
                    found = similarity
                elif key in said:
                    found = lent * similarity
                elif key in present:
                    found = ANAPHORA_WEIGHT * similarity
                elif key in before:
                    found = context * similarity
                else:
                    continue
                if found > value:
                    value = found
            total += weight * value
        return total

    def _names_a_person(self, alternatives: dict[str, float]) -> bool:
        """Whether a question word is a person's name the articles use (Мәдібек,
        Сұлтанғазиев): looked up once per key, in a few of its sentences' person facts."""
        exact = [k for k, w in alternatives.items() if w >= 1.0 and k in self.index.key_ids]
        if exact:
            # A word the articles use as it is: a name only if that is what it is ("жаңа",
            # new, is no name for "Жанар" sharing its first letters).
            return any(self._is_name(k) for k in exact)
        return any(self._is_name(k) for k, w in alternatives.items() if w >= 0.9)

    def _is_name(self, key: str) -> bool:
        known = self._names.get(key)
        if known is not None:
            return known
        n = self.index.key_ids.get(key)
        found = False
        if n is not None and not key[:1].isdigit():
            # A few of its sentences, spread over all of them: a name when it names a person
            # in at least one of them, and in most when it is also a word ("Мақсат" is a
            # name, "мақсат" an aim, and thousands of articles may use both).
            postings = self.index.postings[self.index.offsets[n] : self.index.offsets[n + 1]]
            probes = postings[
                np.linspace(0, len(postings) - 1, min(len(postings), NAME_PROBES)).astype(np.int64)
            ]
            named = sum(
                any(
                    span.kind == "person" and key in keys(span.text)
                    for span in self.sentences[int(i)].facts
                )
                for i in probes
            )
            found = named > 0 and (len(postings) <= NAME_PROBES or 2 * named >= len(probes))
        if len(self._names) >= KEPT_RANKINGS * 64:
            self._names.clear()
        self._names[key] = found
        return found

    def _own_score(
        self,
        i: int,
        groups: list[dict[str, float]],
        weights: list[float],
        said: frozenset[str] = frozenset(),
        named: Sequence[int] = (),
    ) -> float:
        """The weight of the question's words sentence i has itself (and the keys `said`
        for the groups `named`: the speaker's name, for their quotation)."""
        own = self._key_set(i)
        total = 0.0
        for n, (alternatives, weight) in enumerate(zip(groups, weights, strict=True)):
            mine = own | said if named and n in named else own
            # (A loop over the few alternatives, not a set made to take the max of: measured
            # over 7,165 calls at 20,000 articles, 3.4 µs a call before, 2.8.)
            similarity = 0.0
            for key, value in alternatives.items():
                if value > similarity and key in mine:
                    similarity = value
            total += weight * min(similarity, 1.0)
        return total

    def _reports_the_day(self, sentence: Sentence) -> bool:
        """A news lead or a "бүгін" (today) sentence of a dated article."""
        return (
            sentence.position == 0 or not signals.TODAY.isdisjoint(sentence.keys)
        ) and self._dated(sentence.article_id)

    def _keys_before(self, i: int) -> Sequence[str]:
        """The keys of the sentence before sentence i in its article (none for its first)."""
        if i > 0 and self.sentences[i - 1].article_id == self.sentences[i].article_id:
            return self.sentences[i - 1].keys
        return ()

    def _key_set(self, i: int) -> frozenset[str]:
        """Sentence i's keys as a set, kept."""
        return self._key_sets[i]

    def _keys_of(self, i: int) -> frozenset[str]:
        return frozenset(self.sentences[i].keys)

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
        """The sentence that gives the reason for sentence i, when that is another one
        (remembered: it depends on the corpus alone)."""
        return self._causes[i]

    def _find_cause(self, i: int) -> int | None:
        sentence = self.sentences[i]
        after = self.sentences[i + 1] if i + 1 < len(self.sentences) else None
        if after is not None and after.article_id != sentence.article_id:
            after = None
        if after is not None and fold(after.text).startswith(signals.CAUSE_OPENERS):
            # "Негізгі мақсат – ... нығайту. Өйткені ...": a "because" next is the reason
            # asked, even after a sentence that names an aim.
            return i + 1
        if signals.CAUSE_WORDS.intersection(sentence.keys):
            return None
        folded = fold(sentence.text)
        if i > 0 and folded.startswith(signals.CONSEQUENCE_OPENERS):
            before = self.sentences[i - 1]
            if before.article_id == sentence.article_id:
                return i - 1
        if after is not None and fold(after.text).startswith(signals.EFFECT_OPENERS):
            return i + 1
        return None

    def _expand(self, group: Group, foreign: bool = False) -> dict[str, float]:
        alternatives: dict[str, float] = {}
        for key, weight in group.keys.items():
            near = self.index.expand(key)
            if foreign and group.concepts and key == word_key(group.word):
                # A Russian or English word the lexicon knows reaches the articles through its
                # concept; its own spelling only where the articles have it as it is
                # ("salary" is not "сала").
                near = {key: 1.0} if key in near else {}
            for other, similarity in near.items():
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
        offices: frozenset[str],
        month_asked: bool = False,
        places: frozenset[str] = frozenset(),
        owners: frozenset[str] = frozenset(),
        day_asked: bool = False,
        units: frozenset[str] = frozenset(),
        owning: frozenset[str] = frozenset(),
        unscoped: bool = False,
        before: Callable[[], Sequence[str]] | None = None,
        head_keys: frozenset[str] = frozenset(),
        since: bool = False,
        future: bool = False,
        now: int | None = None,
        money_asked: bool = False,
    ) -> tuple[float, FactSpan | None]:
        """What the intent wants, found (a bonus, and the fact) or missing (a penalty).
        `given`: the numbers the question names; `group_who`: "кімдер" asks for a group;
        `offices`: the office "кім" asks the holder of; `owners`: the keys of what the
        question says the office belongs to ("партиясының төрағасы"); `unscoped`: a count
        with no region and no number given; `before`: the keys of the sentence before (read
        only when needed); `head_keys`: the keys of the first word a count asks the number
        of; `future`: a time to come is asked; `now`: the year the sentence's article was
        published (None: undated or not asked); `money_asked`: a count of money ("қанша
        қаражат", "how much did it cost"), a sum of money answers it."""
        wanted = signals.WANTED_FACTS.get(query.intent)
        if query.intent == "when" and month_asked:
            wanted = ("date",)  # "қай айда": a month answers, a year does not
        if money_asked:
            wanted = ("money",)  # "қанша қаражат", "how much did it cost": a sum of money
        if units:
            wanted = ("count",)  # "how long did it take": "5 жылдың ішінде"
        if query.intent == "where":
            place, named = signals.place_named(places, sentence)
            if place:
                return place, named
            # "қай қалада": a named place of a kind is asked, and the sentence names none.
            kind = "named place" if places else "where"
            return -MISSING_FACT_PENALTY[kind], None
        if query.intent == "why":
            return (WHY_BONUS if signals.CAUSE_WORDS.intersection(sentence.keys) else 0.0), None
        if not wanted:
            return 0.0, None
        if (
            query.intent == "when"
            and not month_asked
            and not any(s.kind in wanted for s in sentence.facts)
            and signals.RELATIVE_TIME.search(sentence.text)
            # "когда будут выборы": not "... 5 жылдың ішінде біртіндеп жүзеге асырдық"
            and not (future and signals.told_as_past(sentence.text))
        ):
            # "Бір жылдан кейін", "жыл соңына қарай": a time without a year answers "қашан"
            # (no penalty), though less well than a year or a date (no bonus either).
            return 0.0, None
        if (
            query.intent in ("percent", "count")
            and not units
            and not any(s.kind in wanted for s in sentence.facts)
            and signals.FRACTION.search(sentence.text)
        ):
            # "үштен бірі", "жартысы": a share in words (no penalty), for "қанша пайызы" and
            # for "әкімдердің қаншасы" alike
            return 0.0, None
        best: FactSpan | None = None
        best_bonus = 0.0
        for span in sentence.facts:
            if span.kind not in wanted:
                continue
            if day_asked and not any(c.isdigit() for c in span.text):
                continue  # "қай күні": "Наурыз айынан" names no day
            if future and (
                (now is not None and signals.year_before(span.text, now))
                or signals.SINCE.match(sentence.text[span.end :])
            ):
                # "когда будут выборы": not "2020 жылы ... бастама көтергенімді" (before the
                # news), nor "2021 жылдан бері ... сайлап келеді" (a start, not a time to come)
                continue
            if units and span.unit not in units:
                continue  # "how long did it take": not "2334 ауыл әкімі"
            if span.kind != "person" and given and not given.isdisjoint(raw_words(span.text)[:1]):
                continue  # "165 әкімнің нешеуі": 165 is what the asker knows, not the answer
            span_keys = signals.span_keys(span.text)
            bonus = 0.15 if span.kind == wanted[0] else 0.05
            bonus += 0.05 * min(len(span_keys & query_keys), 2)
            if span_keys & counted_keys or (
                counted_keys
                and (
                    signals.word_before(sentence.text, span.start) in counted_keys
                    # "4,5 пайызы – әйел азаматтары": a share of what follows its dash
                    or (
                        span.kind == "percent"
                        and signals.word_after_dash(sentence.text, span.end) in counted_keys
                    )
                )
            ):
                # the number of exactly what was asked ("неше жылға" → "5 жылдың"), or of the
                # word just before it ("қанша халық" → "өңір халқы 1,5 млн адамды")
                bonus += 0.1
            if since and signals.SINCE.match(sentence.text[span.end :]):
                bonus += 0.1  # "қашаннан бастап": "Наурыз айынан бастап", a start
            if (
                span.kind == "person"
                and offices
                and not offices.intersection(key_set(span.role or ""))
            ):
                continue  # "облыс әкімі кім" is not answered by the party's secretary
            if span.kind == "person" and not owning.isdisjoint(span_keys):
                continue  # "Тоқаевтың ... кімдер шақырылды": others, not the owner named
            if (
                span.kind == "person"
                and owners
                and signals.belongs_elsewhere(span.role or "", owners)
            ):
                continue  # "партиясының төрағасы кім": not the chairman of its branch
            if span.kind == "person" and span.role:
                # ... unless the person is the one asked about ("Тоқаев партияда кім":
                # "Партия Төрағасы Қасым-Жомарт Тоқаев").
                if (offices or not span_keys & query_keys) and signals.holds_another_role(
                    span.role, query_keys | offices
                ):
                    continue  # "облыс әкімі кім" is not answered by the akim's deputy
                # "X кім?" wants X's role, not a quote that ends with X; the fuller the better.
                bonus += 0.12 + 0.02 * min(len(span.role.split()), 5)
                # ... and the role naming what is asked ("Тоқаев партияда кім": "Партия
                # Төрағасы", not "Президент").
                bonus += 0.05 * min(signals.role_names(span.role, query_keys), 2)
            if bonus > best_bonus:
                best, best_bonus = span, bonus
        if (
            best is not None
            and best.kind == "count"
            and not units
            and counted_keys
            and (
                # "сколько жителей в Аксенгире": "үш жаңа мектеп салынғанын, сондай-ақ ...
                # Ақсеңгір тұрғындары ...": the number counts schools, the residents are
                # named in another clause with none.
                signals.counted_apart(sentence, counted_keys)
                # "сколько членов в партии": "алты партияның мүшелері" counts the parties
                # the members are of.
                or signals.counts_owners(sentence, best, counted_keys, head_keys)
                # "жамбылда халық неше ауыл әкімін таңдады": "... әкімдердің 154-і – «AMANAT»
                # партиясының мүшелері" counts the members among them.
                or signals.part_of_asked(sentence, best, counted_keys, query_keys)
                # "how many deputies": "200-ге жуық азамат депутаттыққа үміткер" counts
                # citizens, candidates for deputyship.
                or (
                    not signals.counts(sentence, counted_keys, False)
                    and signals.named_as_derived(sentence, counted_keys)
                )
            )
        ):
            return -MISSING_FACT_PENALTY["other count"], None
        if (
            best is not None
            and unscoped
            and not units
            and counted_keys
            and signals.parts_of_another_whole(sentence, query_keys, before)
        ):
            # "сколько членов в партии Аманат" (all its members): "әкімдердің 154-і –
            # «AMANAT» партиясының мүшелері" counts a part of one region's akims, whom the
            # question does not name ("сколько акимов члены аманата" does; asked of a region,
            # "сколько аманат в жамбыле", its akims are the region's party people counted).
            return -MISSING_FACT_PENALTY["other count"], None
        if (
            best is not None
            and query.intent == "percent"
            and best.kind == "percent"
            and counted_keys
            and counted_keys.isdisjoint(sentence.keys)
        ):
            # "доля женщин среди акимов от аманат": a share of a sentence naming no women
            # ("ауыл әкімдерінің 80%-ы «AMANAT» партиясың мүшелері") is of another thing; one
            # naming them ("әкім атанғандардың 4,5 пайызы – әйел азаматтары") answers first.
            return best_bonus - SHARE_OF_ANOTHER, best
        if best is None:
            if query.intent == "who" and signals.AGENT.search(sentence.text):
                # "кто организовал форум": "Іс-шара «AMANAT» партиясының бастамасымен
                # ұйымдастырылды", the party whose deed it was.
                return GROUP_BONUS, None
            if group_who:
                # "кімдер қатысты", "кого пригласили": a group answers it ("ардагерлер мен ...",
                # "атқарушы билік өкілдері осы жерге арнайы шақырылды"), people of a kind as well
                # as a named person would.
                people = (signals.PEOPLE | signals.ROLES).intersection(sentence.keys) - query_keys
                return (GROUP_BONUS if people else 0.0), None
            if (
                query.intent == "who"
                and not offices
                and (signals.ROLES | signals.PEOPLE).intersection(sentence.keys) - query_keys
            ):
                # "Форумның ашылуында сөз алған облыс әкімі ... қорытынды жасады": an office
                # the question does not name answers "кім" (a name, with its bonus, still
                # answers it better); so do people of a kind ("кто отвечает за показатели":
                # "көрсеткіштерге жауапты депутаттар айқындалды").
                return OFFICE_BONUS, None
            if offices:
                # "облыс әкімі кім" and no one holding the office here: it cannot answer.
                return -MISSING_FACT_PENALTY["office"], None
            if query.intent == "count" and not any(
                span.kind in signals.WANTED_FACTS["count"] for span in sentence.facts
            ):
                return -MISSING_FACT_PENALTY["no number"], None
            return -MISSING_FACT_PENALTY.get(query.intent, 0.0), None
        return best_bonus, best

    def _shape_signal(
        self,
        query: Query,
        i: int,
        sentence: Sentence,
        pairs: list[tuple[dict[str, float], dict[str, float]]],
        identity: bool = False,
    ) -> float:
        """Tie-breakers: a short sentence beats a long one sharing the same words; words next
        to each other in the question and the sentence («Халықпен бірге») count extra; an
        article's lead sentences answer an overview."""
        size = max(len(sentence.keys), 1)
        signal = 0.0 if identity else -LENGTH_WEIGHT * math.log(size / self.average_length)
        if pairs:
            # Only the alternatives the sentence has can be side by side in it, and they are
            # looked for where they are (measured over the tuning questions' calls at 20,000
            # articles: 3.6 µs a sentence with every pair of neighbouring keys made, 2.5 µs so).
            own = self._key_set(i)
            side_by_side = 0
            for first, second in pairs:
                starts = own.intersection(first)
                ends = own.intersection(second) if starts else None
                if ends and _side_by_side(sentence.keys, starts, ends):
                    side_by_side += 1
            signal += ADJACENCY_WEIGHT * side_by_side
        if query.intent in LEAD_INTENTS and sentence.position < 3:
            signal += LEAD_WEIGHT * (3 - sentence.position)
        return signal


def _side_by_side(keys: Sequence[str], starts: frozenset[str], ends: frozenset[str]) -> bool:
    """Whether one of the keys `starts` is followed by one of `ends` in `keys` (the few
    places of a start found by tuple.index)."""
    last = len(keys) - 1
    for start in starts:
        at = -1
        while True:
            try:
                at = keys.index(start, at + 1, last)
            except ValueError:
                break
            if keys[at + 1] in ends:
                return True
    return False


def _ranking_key(query: Query, region: str | None) -> Hashable:
    """What a ranking depends on: the question's words and reading, and the region."""
    groups = tuple(
        (g.word, tuple(g.keys.items()), g.concepts, g.start, g.counted, g.required)
        for g in query.groups
    )
    return (query.text, query.language, query.intent, groups, region)


def _as_spelled(group: Group, alternatives: dict[str, float], foreign: bool) -> dict[str, float]:
    """The alternatives of a question word that may be the name it spells: a Russian or
    English word the lexicon translates reaches a name only as the same name written in
    another script ("Zhylkybayev", "Токаев"), never through a translation ("new" is "жаңа",
    "жаңарып", whose key 'janar' is the name "Жанар" among 20,000 articles)."""
    if not (foreign and group.concepts):
        return alternatives
    own = word_key(group.word)
    return {k: w for k, w in alternatives.items() if fuzz.ratio(k, own) >= NAME_LIKENESS}
