"""Finding the region a question names, in any language, case or script."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.corpus.models import Region
from bot.engine.vocabulary import PhraseTable, claim
from bot.text.fold import folded_words, word_key

# A bare city name that is also an oblast's name: when the city has no articles, people asking
# about "Алматы" villages mean the oblast (see seeds/regions.yaml).
SAME_NAME_OBLAST = {"almaty_city": "almaty"}
_MIN_STEM_MATCH = 5
_MAX_REMEMBERED_WORDS = 50_000
# Russian case endings on Kazakh names, folded ("в Жамбыле", "Таразом").
_RUSSIAN_ENDINGS = ("e", "a", "u", "i", "om", "oi", "ia", "iu", "ei", "ie")
# Words that make a centre's name the city ("Тараз қаласы", "город Тараз", "Taraz city", "г.").
_CITY_NOUNS = ("kala", "gorod", "city", "g")
# The other forms of a Russian region adjective, folded ("алматинским", "жамбылского",
# "туркестанских"): the aliases list the feminine ones ("Алматинская", "Алматинской").
_ADJECTIVE = re.compile(r"(\w{4,}sk)(?:ii|ogo|omu|im|om|ie|ikh|ih|imi|oe|uiu|oi|aia)")
# "Жаңа Қазақстан" (New Kazakhstan) is a slogan, not the country as a place: after "new" the
# country's name is a word of the question, and the question keeps the region of its chat.
_SLOGAN_ADJECTIVES = frozenset(
    word
    for spelling in (
        "жаңа",
        "жана",
        "jaña",
        "zhana",
        "новый",
        "нового",
        "новом",
        "новому",
        "новым",
        "new",
    )
    for word in folded_words(spelling)
)


@dataclass(frozen=True, slots=True)
class RegionMention:
    region: str
    start: int
    end: int  # word positions [start, end)
    bare: bool  # a single-word name, without "облыс"/"область"/"қала"


class RegionMatcher:
    def __init__(self, regions: dict[str, Region]) -> None:
        self.phrases: PhraseTable[str] = PhraseTable(stems=False)
        self.centres = {
            r.id: folded_words(r.centre)[0][:4]
            for r in regions.values()
            if r.centre and folded_words(r.centre)
        }
        self.countries = frozenset(r.id for r in regions.values() if r.kind == "country")
        self.stems: dict[str, str] = {}
        for region in regions.values():
            names = [*region.aliases, *region.names.values()]
            for alias in names:
                words = tuple(folded_words(alias))
                if words:
                    self.phrases.add(words, region.id)
                if len(words) == 1 and len(word_key(words[0])) >= _MIN_STEM_MATCH:
                    self.stems.setdefault(word_key(words[0]), region.id)
        # word → the region its stem names, or None: most words of a question name none, and
        # finding that out tries every ending.
        self._word_regions: dict[str, str | None] = {}

    def _by_prefix(self, word: str) -> str | None:
        """ "в Жамбыле", "Таразе": a name's stem with a short ending the aliases lack."""
        for ending in _RUSSIAN_ENDINGS:
            if word.endswith(ending):
                region = self.stems.get(word[: -len(ending)])
                if region:
                    return region
        return None

    def _by_stem(self, word: str) -> str | None:
        """The region a single word's stem names ("Таразда", "в Жамбыле"), or None."""
        if word in self._word_regions:
            return self._word_regions[word]
        region = self.stems.get(word_key(word)) or self._by_prefix(word)
        adjective = None if region else _ADJECTIVE.fullmatch(word)
        if adjective:
            region = self.stems.get(adjective.group(1) + "aia")
        if len(self._word_regions) >= _MAX_REMEMBERED_WORDS:
            self._word_regions.clear()  # hostile input: long messages of made-up words
        self._word_regions[word] = region
        return region

    def is_centre(self, region: str, word: str) -> bool:
        centre = self.centres.get(region)
        return bool(centre) and word.startswith(centre)  # type: ignore[arg-type]

    def find(self, words: list[str]) -> list[RegionMention]:
        """Every region named in the folded words, longest alias first, no overlaps."""
        taken = [False] * len(words)
        found: list[RegionMention] = []
        for start, phrase, region in self.phrases.matches(words):
            if claim(taken, start, phrase):
                found.append(RegionMention(region, start, start + len(phrase), len(phrase) == 1))
        remembered = self._word_regions
        for i, word in enumerate(words):
            if not taken[i] and word.isalpha():
                stem_region = remembered[word] if word in remembered else self._by_stem(word)
                if stem_region:
                    taken[i] = True
                    found.append(RegionMention(stem_region, i, i + 1, True))
        found = [m for m in found if not self._slogan(m, words)]
        # "Таразда, Жамбыл облысында": the oblast named beside its centre is the scope, and the
        # centre only says where in it; the answer need not name the city then (a word of the
        # question like any other). "Тараз қаласында" says the city is meant: kept.
        oblasts = {m.region for m in found if not self._names_centre(m, words)}
        return sorted(
            (m for m in found if m.region not in oblasts or not self._loose_centre(m, words)),
            key=lambda m: m.start,
        )

    def _names_centre(self, mention: RegionMention, words: list[str]) -> bool:
        return any(self.is_centre(mention.region, w) for w in words[mention.start : mention.end])

    def _loose_centre(self, mention: RegionMention, words: list[str]) -> bool:
        """The centre's name without "қала"/"город"/"city" ("Таразда", "в Таразе")."""
        named = words[mention.start : mention.end]
        return self._names_centre(mention, words) and not any(
            w.startswith(_CITY_NOUNS) for w in named
        )

    def _slogan(self, mention: RegionMention, words: list[str]) -> bool:
        """ "Жаңа Қазақстан құруда": the country named after "new" is the slogan."""
        return (
            mention.region in self.countries
            and mention.start > 0
            and words[mention.start - 1] in _SLOGAN_ADJECTIVES
        )
