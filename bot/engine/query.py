"""Understanding a question: language, intent, region, and the content words to match."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.corpus.models import Language
from bot.engine.language import detect_style, language_of
from bot.engine.regions import RegionMatcher, RegionMention
from bot.engine.vocabulary import Concept, Synonym, Vocabulary, claim
from bot.text.fold import fold, raw_words, word_key

# When several question words appear, the more specific intent wins.
INTENT_PRIORITY = (
    "percent",
    "why",
    "who",
    "when",
    "count",
    "where",
    # "туралы айтып бер", "tell me about", "what was it about, in short": the article, before
    # "which" (its "what" asks for no one fact then) and "about" (any fact)
    "overview",
    "which",
    "more",
    "about",
)
MAX_QUESTION_CHARS = 4096
CONCEPT_WEIGHT = 0.95
# A Kazakh word the articles use that the lexicon lists as a synonym (kk_syn: "келді" for
# "қатысты", "жиын" for "форум") still matches itself best; the concept's words count this
# much.
KNOWN_SYNONYM_WEIGHT = 0.8
_MIN_STEM = 3
# Place nouns (folded stems: қала, аудан, облыс, ауыл, өңір, город, район, область, село,
# city, district, region, village) and what marks "at/in/from" a place.
PLACE_STEMS = (
    "kala",
    "audan",
    "oblis",
    "auil",
    "onir",
    "gorod",
    "raion",
    "oblast",
    "sel",
    "kiti",
    "distrikt",
    "region",
    "village",
)
# ... their adjectives ("какие сельские проблемы", "which regional branch"): no place asked.
PLACE_ADJECTIVES = ("selsk", "gorodsk", "raionn", "oblastn", "regional", "distriktal")
LOCATIVE_ENDINGS = ("da", "de", "ta", "te", "dan", "den", "tan", "ten", "nan", "nen")
GENITIVE_ENDINGS = ("din", "tin", "nin")  # folded -дың/-дің, -тың/-тің, -ның/-нің
PLACE_PREPOSITIONS = frozenset(("v", "vo", "iz", "in", "from"))
# "қандай лауазымда", "лауазымы қандай" (what position): the role is what "кім" asks, no
# word the answer must have (the officials' "лауазымды тұлғалар" made it one).
ROLE_ASKED = frozenset(word_key(w) for w in ("лауазым",))
# "деп" (saying, calling ... so): the Kazakh verb after it says, calls or deems ("X деп
# бағалады", "деп санайды"), and frames what was said; it is no word the answer must have.
# "еске салды", "еске алды" (reminded, recalled) frame what was said the same way.
QUOTING = frozenset(("dep", "eske"))
# Auxiliary verbs after a converb: "өзгере бастады", "жалғаса береді", "істеп отыр" (folded
# stems: began, goes on, keeps doing).
AUXILIARIES = ("basta", "bere", "otir", "jatir")
QUESTION_PARTICLES = frozenset(("ma", "me", "ba", "be", "pa", "pe"))  # "ма/ме": yes or no?
# Questions repeat their words: each is folded once, not once per question.
_fold_word = lru_cache(maxsize=50_000)(fold)
_MAX_REMEMBERED_WORDS = 50_000


@dataclass(frozen=True, slots=True)
class Group:
    """One content word of the question and the keys that would satisfy it."""

    word: str  # folded, as typed
    keys: dict[str, float]  # key → how well it stands for the word (1.0 = the word itself)
    concepts: tuple[str, ...] = ()
    start: int = -1  # the word's position in the question
    counted: bool = False  # what "қанша"/"сколько"/"how many" asks the number of
    required: bool = False  # a place the answer must name ("Қонаев қаласында", not the oblast)


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    style: str
    language: Language
    intent: str
    small_talk: str | None
    regions: tuple[RegionMention, ...]
    groups: tuple[Group, ...]
    followup: bool

    @property
    def region(self) -> str | None:
        return self.regions[0].region if self.regions else None


def analyze(
    text: str,
    vocab: Vocabulary,
    region_matcher: RegionMatcher,
    known: Callable[[str], bool] = lambda key: False,
    *,
    countries: bool = True,
) -> Query:
    """`known(key)` tells whether the articles use a word: a Kazakh word they use is matched
    as itself (and, when the lexicon lists it as a kk_syn synonym, the concept's words a little
    lower), and the lexicon's paraphrases stand in only for words they don't. Without
    `countries`, a country's name is a word of the question, not the region it asks in."""
    # A phone may send "á" as "a" and a combining accent, which splits the word in two.
    text = unicodedata.normalize("NFC", text[:MAX_QUESTION_CHARS])
    raw = raw_words(text)
    words = list(map(_fold_word, raw))
    style = detect_style(text, words, vocab)
    language = language_of(style)
    used = [False] * len(words)

    mentions = region_matcher.find(words)
    if not countries:
        mentions = [m for m in mentions if m.region not in region_matcher.countries]
    centres: set[int] = set()
    for m in mentions:
        for i in range(m.start, m.end):
            # A centre city ("Тараз қаласының әкімі") scopes the region and is asked about too.
            if region_matcher.is_centre(m.region, words[i]):
                centres.add(i)
            else:
                used[i] = True

    small_talk = None
    for start, phrase, kind in vocab.small_talk_table.matches(words):
        if claim(used, start, phrase):
            small_talk = small_talk or kind

    intents: list[str] = []
    counted: set[int] = set()
    taken_by_intent: set[tuple[int, int]] = set()
    intent_matches = vocab.intent_table.matches(words)
    # A word read whole beats the same word read as a stem: "summary" is an overview, not
    # the Russian "сумма" (amount) it begins with.
    exact = {
        (start, start + len(phrase))
        for start, phrase, _ in intent_matches
        if tuple(words[start : start + len(phrase)]) == phrase
    }
    for start, phrase, intent in intent_matches:
        span = (start, start + len(phrase))
        if intent == "which" and _asks_a_place(
            words, start, start + len(phrase), vocab if language != "kk" else None
        ):
            intent = "where"  # "в каких районах", "қай аудандарда": which place
        if span in exact and tuple(words[span[0] : span[1]]) != phrase:
            continue
        # "74 пайызы қай партияда", "80% акимов — члены какой партии": a share after its
        # number is given, not asked (what it is, or of what, is asked).
        given = (
            intent == "percent"
            and len(phrase) == 1
            and start > 0
            and words[start - 1].replace(".", "", 1).isdigit()
        )
        if span in taken_by_intent:
            if not given:
                intents.append(intent)  # one phrase listed under two intents: priority decides
            continue
        if any(used[start : start + len(phrase)]):
            continue
        # A phrase inside a longer one uses up its words, but the longer one says what is
        # asked: "кем по профессии" a profession, not a person ("кем" is also a content word).
        if not given and not any(a <= start and span[1] <= b for a, b in taken_by_intent):
            intents.append(intent)
        taken_by_intent.add(span)
        for i in range(start, start + len(phrase)):
            # "кім қатысты": кім decides the intent, қатысты is still asked about;
            # "қай қалада", "в каком году" only say that a place or a time is wanted.
            used[i] = (
                len(phrase) == 1
                or intent in ("where", "when")
                or (intent == "who" and word_key(words[i]) in ROLE_ASKED)
                or not _is_content(words[i], vocab)
            )
        if intent in ("count", "percent"):
            # "қанша ауыл әкімі", "сколько школ": the counted thing follows;
            # "әкімдердің қаншасы": or comes just before; "сколько денег", "қанша адам": or
            # is the phrase's own content word.
            # (after its first word: "барлығы қанша халық" counts the people, not "all")
            inside = {i for i in range(start + 1, start + len(phrase)) if not used[i]}
            if intent == "percent":
                inside = set()  # "қанша пайызы": the share is the phrase's, not what is counted
            counted.update(inside or {start + len(phrase), start + len(phrase) + 1, start - 1})

    followup = False
    for start, phrase, _lang in vocab.followup_table.matches(words):
        followup = claim(used, start, phrase) or followup

    groups = _content_groups(
        words,
        used,
        vocab,
        known if language == "kk" else None,
        counted=counted,
        required=centres,
        stopwords=vocab.language_stopwords.get(language) or vocab.stopwords,
    )
    if language == "kk":
        groups = _either_or(groups, words)
    intent = _choose_intent(intents, groups, mentions, small_talk)
    return Query(
        text=text,
        style=style,
        language=language,
        intent=intent,
        small_talk=small_talk if intent in ("greeting", "thanks", "help") else None,
        regions=tuple(mentions),
        groups=tuple(groups),
        followup=followup,
    )


def _either_or(groups: list[Group], words: list[str]) -> list[Group]:
    """ "Қонаевта ма, Талдықорғанда ма", "саясаткер ме, қызметші ме": each word asked with
    "ма/ме" is one guess of two, and either answers; they are one group."""
    asked = [
        g
        for g in groups
        if 0 <= g.start < len(words) - 1 and words[g.start + 1] in QUESTION_PARTICLES
    ]
    if len(asked) != 2 or asked[1].start != asked[0].start + 2:
        return groups
    first, second = asked
    merged = replace(
        first,
        keys={**second.keys, **first.keys},
        concepts=first.concepts + second.concepts,
        counted=first.counted or second.counted,
        required=first.required and second.required,
    )
    return [merged if g is first else g for g in groups if g is not second]


def _asks_a_place(
    words: list[str], start: int, end: int, foreign: Vocabulary | None = None
) -> bool:
    """Whether a "which" word asks for a place: a place noun follows it in the locative,
    ablative or genitive ("қай аудандарда", "қай ауылдан", "қай ауылдың әкімі"), or after
    "в"/"in" ("в каких районах", "in which city"); in English or Russian (`foreign`: the
    vocabulary then) a place noun of its own ("which city hosted", "какой город"), not one
    beginning a lexicon phrase ("which village akims")."""
    if end >= len(words) or not words[end].startswith(PLACE_STEMS):
        return False
    if words[end].endswith((*LOCATIVE_ENDINGS, *GENITIVE_ENDINGS)) or (
        start > 0 and words[start - 1] in PLACE_PREPOSITIONS
    ):
        return True
    return (
        foreign is not None
        and words[end - 1].startswith(("kak", "kotor", "uhich", "uhat"))  # not "что область"
        and not words[end].startswith(PLACE_ADJECTIVES)
        and not any(
            at == end and len(phrase) > 1 for at, phrase, _ in foreign.concept_table.matches(words)
        )
    )


def _choose_intent(
    intents: list[str], groups: list[Group], mentions: list[RegionMention], small_talk: str | None
) -> str:
    # "рахмет, көп көмектестің": thanks with a few words around it is still small talk;
    # "маған не сұрауға болатынын айтшы": so is help with only question words around it.
    # (Words, not groups: a word the lexicon reads as a phrase of two or three article words,
    # "за подробный ответ", stands for several groups.)
    if small_talk and ((not intents and len({g.start for g in groups}) <= 2) or not groups):
        return small_talk
    if groups:
        # "тағы", "әрі қарай" ask for the next fact only when nothing else is asked.
        intents = [i for i in intents if i != "more"]
        if small_talk == "help" and intents and set(intents) <= {"about"}:
            # "не білесің" (what do you know) said of a topic, "форум жайлы не білесің": tell
            # the article about it.
            return "overview"
    if intents:
        return min(intents, key=lambda i: INTENT_PRIORITY.index(i) if i in INTENT_PRIORITY else 99)
    if not groups:
        if mentions:
            return "overview"
        return small_talk or "empty"
    return "about"


def _content_groups(
    words: list[str],
    used: list[bool],
    vocab: Vocabulary,
    known: Callable[[str], bool] | None,
    *,
    counted: set[int],
    required: set[int],
    stopwords: set[str],
) -> list[Group]:
    """The question's content words (`stopwords`: the question language's); `counted` and
    `required` are the positions of the words a count asks about and of the places the
    answer must name."""

    def direct(phrase: tuple[str, ...]) -> bool:
        return known is not None and all(known(word_key(w)) for w in phrase)

    groups: list[Group] = []
    # Multi-word lexicon entries first ("голов скота", "выдвинули себя сами").
    for start, phrase, concept in vocab.concept_table.matches(words):
        if direct(tuple(words[start : start + len(phrase)])):
            continue
        if claim(used, start, phrase):
            groups.extend(
                _concept_groups(
                    " ".join(phrase),
                    concept,
                    start=start,
                    counted=start in counted,
                    required=start in required,
                )
            )
    # Then the articles' own words listed as synonyms (kk_syn), phrases first: each word of
    # one stays its own group, matched as itself first. Kazakh questions only: the entries are
    # Kazakh words, and another language's word that happens to fold to one is not it.
    if known is not None and len(vocab.synonym_table):
        groups.extend(_synonym_phrase_groups(words, used, vocab, counted, required))
    for i, word in enumerate(words):
        if used[i] or word in stopwords:
            continue
        if i and words[i - 1] in QUOTING and known is not None:
            continue  # "қандай қадам деп бағалады": the verb after "деп" frames what was said
        is_counted = i in counted
        is_required = i in required
        if word.isdigit() or word.replace(".", "", 1).isdigit():
            groups.append(Group(word, {word: 1.0}, (), i, is_counted, is_required))
            continue
        if len(word) < 2 or word == "%":
            continue
        if (
            known is not None
            and i + 1 < len(words)
            and words[i + 1].startswith(AUXILIARIES)
            and word[-1] in "aei"
            and len(word) >= 5
            and not known(word_key(word))
            and _concept_of(word, vocab) is None  # "ақша береді" (gives money)
        ):
            # "өзгере бастады" (began to change), "жалғаса береді": the verb before the
            # auxiliary, in its converb ("-а/-е/-й"), is what is asked; the auxiliary is aspect.
            used[i + 1] = True
            stem = word_key(word[:-1])
            groups.append(Group(word, {stem: 1.0}, (), i, is_counted, is_required))
            continue
        word_concept = None if direct((word,)) else _concept_of(word, vocab)
        synonyms = _synonyms_of(word, vocab) if known is not None else None
        if word_concept is None and synonyms:
            groups.append(_synonym_group(word, synonyms, 0, i, is_counted, is_required))
        elif word_concept is None:
            groups.append(Group(word, {word_key(word): 1.0}, (), i, is_counted, is_required))
        else:
            groups.extend(
                _concept_groups(
                    word,
                    word_concept,
                    own_key=word_key(word),
                    start=i,
                    counted=is_counted,
                    required=is_required,
                )
            )
    return groups


def _synonyms_of(word: str, vocab: Vocabulary) -> list[Synonym]:
    """The kk_syn entries a (folded) question word matches: by key, or as written."""
    return vocab.kk_synonyms.get(word_key(word), []) + vocab.kk_synonym_forms.get(word, [])


def _synonym_phrase_groups(
    words: list[str],
    used: list[bool],
    vocab: Vocabulary,
    counted: set[int],
    required: set[int],
) -> list[Group]:
    """The question's multi-word kk_syn entries ("ауыл басшысы"), one group per word: the
    words keep their own weight in the coverage (the phrase is not one group), and each gains
    what it lines up with in the concept (Synonym.reach: "басшысы" gains "әкім")."""
    found: dict[tuple[int, int], list[Synonym]] = {}
    for start, phrase, synonym in vocab.synonym_table.matches(list(map(word_key, words))):
        found.setdefault((start, len(phrase)), []).append(synonym)
    groups: list[Group] = []
    for (start, size), synonyms in found.items():  # longest first, as matched
        if not claim(used, start, tuple(words[start : start + size])):
            continue
        for n in range(size):
            i = start + n
            groups.append(_synonym_group(words[i], synonyms, n, i, i in counted, i in required))
    return groups


def _synonym_group(
    word: str, synonyms: list[Synonym], n: int, start: int, counted: bool, required: bool
) -> Group:
    """The n-th word of a kk_syn entry: itself, and the concept words it lines up with."""
    keys: dict[str, float] = {}
    concepts: list[str] = []
    for synonym in synonyms:
        if synonym.reach[n]:
            keys.update(dict.fromkeys(synonym.reach[n], KNOWN_SYNONYM_WEIGHT))
            concepts.append(synonym.concept.name)
    keys[word_key(word)] = 1.0
    return Group(word, keys, tuple(dict.fromkeys(concepts)), start, counted, required)


def _is_content(word: str, vocab: Vocabulary) -> bool:
    """A word the lexicon knows as a topic (жоба, қатысу, лет), not a question word (how many)."""
    return word_key(word) in vocab.kk_content or _concept_of(word, vocab) is not None


def _concept_of(word: str, vocab: Vocabulary) -> Concept | None:
    """The concept of the longest lexicon entry the word begins with (or a kk paraphrase)."""
    memo = vocab.word_concepts
    if word in memo:
        return memo[word]
    if len(memo) >= _MAX_REMEMBERED_WORDS:
        memo.clear()  # hostile input: long messages of made-up words
    concept = memo[word] = _find_concept(word, vocab)
    return concept


def _find_concept(word: str, vocab: Vocabulary) -> Concept | None:
    paraphrase = vocab.kk_words.get(word_key(word))
    if paraphrase:
        return paraphrase[0]
    for size in range(len(word), _MIN_STEM - 1, -1):
        stem = word[:size]
        if stem in vocab.stems and (size >= 4 or size == len(word)):
            return vocab.stems[stem][0]
    return None


def _concept_groups(
    word: str,
    concept: Concept,
    own_key: str | None = None,
    start: int = -1,
    *,
    counted: bool = False,
    required: bool = False,
) -> list[Group]:
    groups = []
    for n, alternatives in enumerate(concept.groups):
        keys = dict.fromkeys(alternatives, CONCEPT_WEIGHT)
        if own_key and n == 0:
            # A Kazakh word that is also a paraphrase still matches itself best.
            keys[own_key] = 1.0
        groups.append(Group(word, keys, (concept.name,), start, counted, required))
    return groups
