"""What the words say: the question words that steer the ranking (who, where, how long,
what someone said ...) and what a sentence offers them (a place, an office and whose it is,
the number of the thing counted), as word lists, patterns and plain functions of a question
or a sentence. The ranker (rank.py) weighs what these find.

Question words are matched in their folded form (bot/text/fold.py: "who" is "uho").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise

from bot.corpus.models import FactSpan, Sentence
from bot.engine.query import GENITIVE_ENDINGS, LOCATIVE_ENDINGS, Group, Query
from bot.text.fold import fold, key_set, keys, raw_words, word_key

# "атауы", "қалай аталады", "name", "называется", "название": a name is asked, and names of
# programmes and projects are written in quotation marks.
NAME_WORDS = ("ataui", "ataladi", "atalat", "name", "kalled", "naziva", "nazva")  # not "аталған"
QUOTED = re.compile(r"«([^«»]+)»")
NAME_REACH = 40  # characters after a quoted name in which the named thing's word is looked for
# "80 пайызы осында" (80% are here): being here, at the article's event, is attending it; such
# a sentence has the key of "қатысты" (attended), as much as a word of the sentence it points
# back to (as its own, "депутаттардың неше пайызы келді" got the akims' 80%).
PRESENT = re.compile(r"\bосында[.!]?$", re.IGNORECASE)
PRESENCE = frozenset((word_key("қатысты"),))
TODAY = frozenset(word_key(w) for w in ("бүгін", "бүгінгі"))
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
# ... or in the sentence after, "Себебі ...", "Өйткені ...", or "Яғни ..." (that is), which
# says what a measure is for: "округтер бекітіліп берілді. Яғни депутаттар ... тығыз
# байланыста жұмыс істеп ...".
CAUSE_OPENERS = tuple(fold(w) for w in ("Себебі", "Өйткені", "Себебi", "Яғни"))
# ... or what it brings, in the sentence after: "Бұл қадамдар ... сенімге ие болуға мүмкіндік
# береді", "Осылайша ...", "Соның арқасында ...".
EFFECT_OPENERS = ("bul ", *(fold(w) for w in ("Осылайша", "Соның арқасында", "Нәтижесінде")))
# A capitalised word in a locative case: "Қонаевта", "Таразда" (not the sentence's first
# word: "Форумда ..." opens sentences without naming a place); or a name before a place
# noun in one: "Тараз қаласында", "Алматы облысында", "Байзақ ауданында".
PLACE = re.compile(
    r"(?<=[\s«(])[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі]+(?:да|де|та|те|нда|нде)\b"
    r"|[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+\s+(облыс|аудан|қала|ауыл|округ|өңір)[а-яәғқңөұүһі]*"
    r"(?:да|де|та|те)\b"
)
# A name before the asked kind of place noun, in any case: "Ақсеңгір ауылдық округінің әкімі"
# answers "қай ауылдың әкімі" (the noun is matched to the asked kind).
NAMED_PLACE = re.compile(
    r"[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+\s+(облыс|аудан|қала|ауыл|округ)[а-яәғқңөұүһі]"
)
# A list of names before a place noun, in any case: "Байзақ, Жамбыл, Жуалы, Қордай және
# Мойынқұм аудандарының" answers "қай аудандарда".
PLACE_LIST = re.compile(
    r"[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+(?:,\s+[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+)+\s+(?:және|мен)\s+"
    r"[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+\s+(облыс|аудан|қала|ауыл|округ)"
)
# "Қайда", "где", "where" (no place noun asked) is also answered by a place noun itself, at or
# from it: "ауылдан шыққан", "үш ауылдық округте", "диалог-платформасында".
PLACE_NOUN = re.compile(
    r"\b(?:ауыл|аудан|округ|қала|өңір|аймақ|жер|алаң|платформа)[а-яәғқңөұүһі-]*"
    r"(?:да|де|та|те|дан|ден|тан|тен|нан|нен)\b",
    re.IGNORECASE,
)
# "Қай қалада", "в каком районе", "which city": a named place of a kind is asked (folded stems
# of the question's words → the articles' noun).
PLACE_BONUS = 0.15
PLACE_NOUN_BONUS = 0.05
WHICH_WORDS = ("kai", "kak", "kotor", "uhich", "uhat")
PLACE_ASKED = {
    "kala": "қала",
    "gorod": "қала",
    "kiti": "қала",
    "audan": "аудан",
    "raion": "аудан",
    "distrikt": "аудан",
    "oblis": "облыс",
    "oblast": "облыс",
    "region": "облыс",  # "akim of Almaty region", "аким региона"
    "provin": "облыс",
    "toun": "қала",
    "auil": "ауыл",
    "sel": "ауыл",
    "village": "ауыл",
}
# Times without a year or a date: "бір жылдан кейін", "жыл басынан бері", "жыл соңына
# қарай", "қысқа мерзім ішінде". ("Биыл", "былтыр" left out: a sentence has them beside
# other facts more often than as its answer; measured on the tuning sets.)
RELATIVE_TIME = re.compile(
    r"\b(?:жыл|ай|апта|күн)\w*\s+(?:кейін|бері|бастап|қарай|ішінде|бұрын|соң)\b"
    r"|\b(?:жыл|ай)\s+(?:соңына|басынан|басында|соңында|ортасында)\b"
    r"|\bмерзім\s+ішінде\b"
    # ... or the end of the event: "Іс-шара соңында" (its opening or "екінші бөлімінде" answer
    # "when was it founded/held" wrongly: measured).
    r"|\b(?:іс-шара|форум|жиын|кездесу)\w*\s+соңында\b",
    re.IGNORECASE,
)
# People named by their office alone ("облыс әкімі", "партия хатшысы"), and bodies that act
# ("Саяси кеңес Бюросы ұсыныс жасады", "филиалдың ұйымдастыруымен").
OFFICES = frozenset(
    word_key(w)
    for w in (
        "әкімі",
        "хатшысы",
        "төрағасы",
        "орынбасары",
        "басшысы",
        "министрі",
        "прокуроры",
        "Президент",
    )
)
# ... and the bodies and groups that act ("Жол карталарындағы көрсеткіштерге жауапты
# депутаттар айқындалды" answers "кім жауапты").
ROLES = OFFICES | frozenset(
    word_key(w)
    for w in ("Бюросы", "филиалы", "қауымдастығы", "ұйымы", "басқармасы", "әкімдігі", "депутаттары")
)
# People of a kind, named as a group ("депутаттар", "мүшелері", "өкілдері", "ардагерлер"), and
# who took the initiative ("«AMANAT» партиясының бастамасымен ұйымдастырылды").
PEOPLE = frozenset(
    word_key(w)
    for w in (
        "депутаттар",
        "мүшелері",
        "өкілдері",
        "ардагерлер",
        "белсенділері",
        "бастамасымен",
        # "кімге беріледі": "келесі мұқтаж отбасыларға беру көзделген"
        "отбасылар",
    )
)
# Shares in words: "үштен бірі" (a third), "төрттен үші", "жартысы" (half).
FRACTION = re.compile(
    r"\b(?:екі|үш|төрт|бес|он)(?:ден|тен|нан|нен)\s+(?:бірі|екісі|үші|төрті)\b|\bжартысы",
    re.IGNORECASE,
)
# "не деді", "дейді", "айтты", "сөзінше", "пікірі", "по словам", "говорил", "said", "say":
# the question asks what someone said (folded stems).
SPEECH_WORDS = (
    "dedi",
    "deidi",
    "aitt",
    "sozinshe",
    "aituinsha",
    "pikir",
    "slovam",
    "govori",
    "skaza",
    "mneni",  # по мнению
    "opredel",  # по определению
    "atadi",  # не деп атады (what did he call it)
    "kall",  # what did he call it
    "akkording",  # according to
)
SPEECH_EXACT = frozenset(("sai", "sais", "said"))  # say, says, said (not "sailau")
# "... екенін айтты", "атап өтті", "тоқталды": a line reporting what its person said.
REPORTED = frozenset(keys("айтты атап тоқталды"))
SPEAKER_ROLES = ROLES | {word_key("ардагері")}
# ... and "the name of" an office ("what is the name of the Zhambyl oblast akim").
WHO_WORDS = frozenset(("kim", "kto", "uho", "name"))  # "who" folds to "uho"
PLACE_NOUNS_FOLDED = ("audan", "auil", "kala", "oblis", "okrug")
LOCATIVE_CASE = ("da", "de", "ta", "te")  # folded -да/-де/-та/-те, -нда/-нде
# Money asked about: the articles' words, and the lexicon's for деньги/funding/cost.
MONEY = frozenset(
    k
    for w in ("қаражат", "қаржы", "ақша", "бюджет", "теңге")
    for k in (word_key(w), *keys(w))
    if len(k) >= 4  # not "ten" (keys("теңге"))
)
MONTH_WORDS = ("mesiats", "month")
# "how long", "как долго", "сколько времени", "қанша уақыт" (folded pairs): a duration is
# counted, in the articles' units of time.
DURATION_WORDS = frozenset(
    (("hou", "long"), ("kak", "dolgo"), ("skolko", "vremeni"), ("kansha", "uakit"))
)
# ... or how long something lasted: "сколько длился", "неше күнге созылды", "how many days
# has it lasted".
DURATION_VERBS = ("dlil", "sozil", "prodoljal", "lasted")  # not "last" (last year)
TIME_UNITS = frozenset(("жыл", "ай", "апта", "күн", "сағат", "минут"))
# "how old" (the lexicon's age concept keeps "old" as content): a number of years of age.
AGE_WORDS = frozenset((("hou", "old"),))
AGE_UNITS = frozenset(("жас",))
# "каким должен быть аким", "what should akims do", "қандай болуы керек" (folded beginnings):
# what must be is asked, and a sentence saying "керек", "тиіс", "қажет" tells it.
MODAL_WORDS = ("doljen", "doljn", "should", "must", "ought", "kerek", "tiis")
MODAL_KEYS = frozenset(("kerek", "tiis", "kajet"))
DAY_NOUNS = frozenset(("kun", "kuni", "kuninde", "den", "dai", "dnia"))  # қай күні, в какой день
DAY_WORDS = frozenset(("chisla", "date"))  # какого числа, what date


MONTH_NOUNS = frozenset(("ai", "aida", "aidan", "aiinda", "aiga", "aiinan"))  # қай айда ...
# The offices that head something: "кім басқарады", "кто возглавляет", "who heads/leads"
# (folded verb stems).
HEADS = frozenset(word_key(w) for w in ("төрағасы", "басшысы", "әкімі"))
HEAD_VERBS = ("baskara", "baskard", "baskarip", "vozglav", "rukovodi", "heads", "headed", "leads")
# Where a sentence's coordinated clauses part: a semicolon, or a comma before "and", "as
# well as", "but" (a comma alone often only ends a converb, "азамат өзін-өзі ұсынып, сайлауда
# жеңіске жетті", and a dash joins a subject to what it is: "әкімдердің 154-і – мүшелері");
# and a parenthesis, whose numbers count what it lists ("депутаттарға округтер (... 11 аумақ,
# ... 153 ауылдық округ ...) бекітілді": districts, not deputies).
CLAUSE_BREAK = re.compile(
    r";|[()]|,\s+(?=(?:сондай-ақ|сонымен қатар|және|ал|бірақ|әрі|а также|и|но|and|but)\b)",
    re.IGNORECASE,
)
# "-лық/-лік" (folded) makes a noun of a quality or an office: "депутаттық" (deputyship) is no
# deputy, "партиялық" (the party's) no party.
DERIVED_ENDINGS = ("lik", "dik", "tik")
# A number that is a part of the word before it, in the genitive: "әкімдердің 154-і",
# "Аталған ... әкімдерінің 122-сін".
PARTITIVE = re.compile(r"^[\d.,]+-[а-яәғқңөұүһі]+$", re.IGNORECASE)
# The words of a whole before its part: up to three, with only spaces between them, ending
# right before the number ("ауыл әкімдерінің 80%-ы").
WHOLE_BEFORE = re.compile(r"(?:[^\W\d_][\w-]*\s+){0,2}[^\W\d_][\w-]*\s+$")
# ... or a pronoun standing for the sentence before's subject: "Оның 74%-ы".
PRONOUN_WHOLES = frozenset(("onin", "olardin"))
WHOLE_REACH = 100  # characters before a part in which its whole is looked for
# Words that open a clause of their own after an office ("the secretary that came", "аким,
# который"): what the office belongs to is named before them.
CLAUSE_WORDS = ("that", "uho", "uhich", "uhen", "uhere", "kotor", "chto", "kogda", "gde")
# "кімдер", "кімдерге", "кого пригласили": who as a group of people, not one person's name.
GROUP_WHO = ("kimder", "kimge", "kogo", "komu")
DEFINING = ("degen",)  # "деген", "дегеніміз": what is called X
# "что такое X", "what is a X", "X деген не": what a thing is (folded word pairs).
WHAT_IT_IS = frozenset((("chto", "takoe"), ("uhat", "is"), ("degen", "ne"), ("degenimiz", "ne")))


def asks_what_it_is(words: list[str]) -> bool:
    """Whether the question asks what something is: "что такое", "what is a/an X" (the
    article: a kind of thing, not "what is the population"), "X деген не"."""
    for n, pair in enumerate(pairwise(words)):
        if pair in WHAT_IT_IS and (
            pair != ("uhat", "is") or words[n + 2 : n + 3] in (["a"], ["an"])
        ):
            return True
    return False


DEFINITION = re.compile(r"^[«\"]?([А-ЯӘҒҚҢӨҰҮҺІа-яәғқңөұүһі-]+)\s+[–—]\s")
# Who did it, named by the agent of a deed ("«AMANAT» партиясының бастамасымен
# ұйымдастырылды", "облыстық филиалдың ұйымдастыруымен"): a party or a branch answers "кто
# организовал" as a person would.
AGENT = re.compile(r"\w+(?:ның|нің|дың|дің|тың|тің)\s+(?:бастамасымен|ұйымдастыруымен)\b")
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
        "негізделген",
    )
)


@lru_cache(maxsize=16_384)
def span_keys(text: str) -> frozenset[str]:
    """The keys of a fact's words (facts recur: each is keyed once)."""
    return frozenset(word_key(w) for w in fold(text).split())


def counted_apart(sentence: Sentence, counted: set[str]) -> bool:
    """Whether the thing a count asks about is named only in a clause of the sentence
    without a number, while its numbers count other things ("үш жаңа мектеп салынғанын,
    сондай-ақ ... Ақсеңгір тұрғындары ..." for the residents)."""
    numbers = [s for s in sentence.facts if s.kind in ("count", "money")]
    if any(s.unit and not counted.isdisjoint(key_set(s.unit)) for s in numbers):
        return False
    apart = False
    for start, end, clause_keys in _clauses(sentence.text):
        if not counted.isdisjoint(clause_keys):
            if any(start <= s.start < end for s in numbers):
                return False  # named beside a number of its clause
            apart = True
    return apart


@lru_cache(maxsize=4096)
def _clauses(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """A sentence's clauses: where each starts and ends, and its keys (kept: the candidates
    of questions about the same things are the same sentences)."""
    clauses = []
    start = 0
    for end in [*(m.start() for m in CLAUSE_BREAK.finditer(text)), len(text)]:
        clauses.append((start, end, frozenset(keys(text[start:end]))))
        start = end
    return tuple(clauses)


def counts_owners(
    sentence: Sentence, span: FactSpan, counted: set[str], head: frozenset[str]
) -> bool:
    """Whether a number counts the owners of the thing asked: its unit is in the genitive and
    the asked thing comes right after it ("алты партияның мүшелері", the members of six
    parties, is a count of parties), while the question's first counted word (`head`: its
    keys) is not that unit ("сколько членов партии", "сколько членов Аманата": members; "неше
    партияның мүшелері", members of how many parties, does count the parties)."""
    if not span.unit or not head.isdisjoint(key_set(span.unit)):
        return False
    words = raw_words(span.text)
    if len(words) < 2 or not fold(words[-1]).endswith(GENITIVE_ENDINGS):
        return False
    after = raw_words(sentence.text[span.end : span.end + 40])[:1]
    return bool(after) and word_key(after[0]) in counted


def part_of_asked(
    sentence: Sentence, span: FactSpan, counted: set[str], query_keys: set[str]
) -> bool:
    """Whether a partitive counts only a part of the thing asked: its whole is what the
    question counts, and the rest of the sentence, which says what the part is, has none of
    the question's words ("Халық таңдаған әкімдердің 154-і – «AMANAT» партиясының мүшелері"
    for "жамбылда халық неше ауыл әкімін өзі таңдады": the members among them, not the akims
    chosen), with no other number of the whole ("228 мәслихат депутатының 190-і")."""
    if not (span.kind == "count" and span.unit and PARTITIVE.match(span.text)):
        return False
    if counted.isdisjoint(key_set(span.unit)):
        return False
    for other in sentence.facts:
        if (
            other.kind == "count"
            and other is not span
            and other.unit
            and not PARTITIVE.match(other.text)
            and not counted.isdisjoint(keys(other.unit))
        ):
            return False
    return query_keys.isdisjoint(keys(sentence.text[span.end :]))


def named_as_derived(sentence: Sentence, counted: set[str]) -> bool:
    """Whether the sentence names the thing asked only by a noun derived from it with
    "-лық/-лік" ("200-ге жуық азамат депутаттыққа үміткер", candidates for deputyship: no
    deputies are counted), both being the lexicon's words for the asked concept."""
    named = counted.intersection(sentence.keys)
    return bool(named) and all(
        any(key == base + ending for base in counted for ending in DERIVED_ENDINGS) for key in named
    )


def whole_of(
    sentence: Sentence, span: FactSpan, before: Callable[[], Sequence[str]] | None = None
) -> frozenset[str] | None:
    """The keys of the whole a number is a part of: the words up to the genitive just before
    it ("Халық таңдаған әкімдердің 154-і", "әкім атанғандардың 4,5 пайызы"), and for a
    partitive count its unit ("228 мәслихат депутатының 190-і"); for a pronoun ("Оның 74%-ы")
    the sentence before's keys (`before()`). None when the number is no part of a whole named
    before it ("... 58 пайызды құраса, 41 пайызы")."""
    partitive = bool(span.kind == "count" and span.unit and PARTITIVE.match(span.text))
    if not partitive and span.kind != "percent":
        return None
    phrase = WHOLE_BEFORE.search(sentence.text, max(0, span.start - WHOLE_REACH), span.start)
    if phrase is None:
        return None
    words = raw_words(phrase.group())
    last = fold(words[-1])
    if not last.endswith(GENITIVE_ENDINGS):
        return None
    whole = set(keys(phrase.group()))
    if last in PRONOUN_WHOLES and before is not None:
        whole.update(before())
    if partitive and span.unit:
        whole.update(keys(span.unit))
    return frozenset(whole)


def parts_of_another_whole(
    sentence: Sentence,
    query_keys: set[str],
    before: Callable[[], Sequence[str]] | None = None,
) -> bool:
    """Whether the sentence's figures are parts of wholes the question does not name
    ("әкімдердің 154-і", "228 мәслихат депутатының 190-і", "Оның 74%-ы" for "сколько членов
    в партии Аманат"), and none of its numbers counts a thing the question names (`before`:
    the keys of the sentence before, for a whole named by a pronoun)."""
    wholes = []
    for span in sentence.facts:
        if span.kind == "count" and span.unit and not query_keys.isdisjoint(key_set(span.unit)):
            return False
        whole = whole_of(sentence, span, before)
        if whole is not None:
            wholes.append(whole)
    return bool(wholes) and all(query_keys.isdisjoint(whole) for whole in wholes)


# "әкімдердің нешеуі", "депутаттарының қаншасы" (how many of them, folded beginnings): a
# part of a whole is counted, the part being what the words after it say.
PARTITIVE_WORDS = ("nesheu", "kanshasi", "neshesi")


# "әкімдердің 154-і", "әкімдерінің 122-сін", "Оның 817-інің": a number of a part of what the
# word before it (in the genitive) names; the part is what the words after it say.
PART_NUMBER = re.compile(r"^\d[\d,.\s]*%?-с?[ыі]")


def part_counted(sentence: Sentence, span: FactSpan) -> str | None:
    """What a sentence's partitive number counts, as written after it to the end of its
    clause ("Халық таңдаған әкімдердің 154-і – «AMANAT» партиясының мүшелері": the members);
    None for a number that is not of a part ("165 ауыл әкімі сайланды")."""
    if not PART_NUMBER.match(span.text):
        return None
    if not fold(word_before_raw(sentence.text, span.start)).endswith(GENITIVE_ENDINGS):
        return None
    rest = sentence.text[span.end :]
    cut = CLAUSE_BREAK.search(rest)
    return rest[: cut.start()] if cut else rest


def word_before_raw(text: str, start: int) -> str:
    """The word just before character `start` of a sentence, as written ("" if none)."""
    before = raw_words(text[max(0, start - 40) : start])
    return before[-1] if before else ""


def partitive_part(query: Query, words: list[str]) -> list[int]:
    """The question's groups (by their place in query.groups) that say which part a Kazakh
    partitive count asks the number of ("сайланған әкімдердің нешеуі аманаттан":
    аманаттан); none when the count is not of a part ("неше әкім", "әкімдер нешеу")."""
    at = next(
        (
            n
            for n, w in enumerate(words)
            if n > 0 and w.startswith(PARTITIVE_WORDS) and words[n - 1].endswith(GENITIVE_ENDINGS)
        ),
        None,
    )
    if at is None:
        return []
    return [n for n, g in enumerate(query.groups) if g.start > at]


# A Kazakh verb in the negative ("таппаған", "шешілмеген", "қатыспады"; folded): the stem,
# the negation "-ма/-ме/-ба/-бе/-па/-пе", a participle or past ending.
NEGATIVE = re.compile(r"^(\w{3,}?)(?:ma|me|ba|be|pa|pe)(?:gan|gen|kan|ken|di)")
NEGATIVE_KEY = re.compile(r"\w{3,}(?:ma|me|ba|be|pa|pe)")  # "істеме-" (істемеген)
NOT = word_key("емес")  # "жаман емес" (not bad)
NEGATIONS = frozenset(("ne", "not", "never"))  # не решили, not resolved
# ... but not "не только", "не менее 100", "not only", "not less than" (folded beginnings).
NOT_NEGATING = ("tolko", "menee", "bolee", "only", "less", "more")
# "Қалғандарына ...", "Өзгелері ..." (the rest, the others): a sentence about those the sentence
# before leaves out.
REST = ("kalgan", "ozgeleri", "baskalari")


def negated(query: Query, words: list[str]) -> dict[int, str]:
    """The question's groups (by their place in query.groups) that ask about what did not
    happen, each with the key of its verb in the positive ("" when the negation is a word of
    its own): "оң шешім таппағандарға" (тап-), "шешілмеген" (шешіл-), "которые не решили
    положительно" (the verb, and the words of its concept after it), "not resolved"."""
    found: dict[int, str] = {}
    negated_at: set[int] = set()
    starts = sorted({g.start for g in query.groups})
    for n, word in enumerate(words):
        if (
            word in NEGATIONS
            and query.language != "kk"
            and (n + 1 == len(words) or not words[n + 1].startswith(NOT_NEGATING))
        ):
            # the next content word, past an auxiliary ("не были решены", "not been resolved")
            after = next((p for p in starts if p > n), None)
            if after is not None and after <= n + 2 and not words[after][:1].isdigit():
                negated_at.add(after)
    concepts = {c for g in query.groups if g.start in negated_at for c in g.concepts}
    for n, group in enumerate(query.groups):
        if query.language == "kk":
            match = NEGATIVE.match(group.word)
            if match and not group.concepts:
                found[n] = word_key(match.group(1))
        elif group.start in negated_at or (
            group.start - 1 in negated_at and not concepts.isdisjoint(group.concepts)
        ):
            found[n] = ""
    return found


# "қашаннан (бастап)", "қай айдан бері", "since when", "с каких пор", "начиная с" (folded
# words, or pairs): a time something began is asked ...
SINCE_WORDS = frozenset(("kashannan", "bastap", "beri", "sinke", "nachinaia"))
SINCE_PAIRS = frozenset((("s", "kakogo"), ("s", "kakih"), ("s", "kakoi"), ("s", "tekh")))
# ... and a date followed by "бастап"/"бері" (from, since) gives one ("Наурыз айынан бастап",
# "2021 жылғы қыркүйек айынан бастап", "2021 жылдан бері").
SINCE = re.compile(r"^(?:\s+\S+){0,2}?\s+(?:бастап|бері)\b", re.IGNORECASE)


# "когда будут/состоится/пройдут", "when will", "қашан өтеді/болады/өткізіледі", "next",
# "келесі", "алдағы" (folded words or their beginnings): a time to come is asked.
FUTURE_WORDS = tuple(
    fold(w)
    for w in (
        "будут", "будет", "состоится", "состоятся", "пройдут", "пройдет", "пройдёт",
        "планиру", "следующ", "предстоящ", "will", "next", "upcoming", "болады", "өтеді",
        "өткізіледі", "өткізілмек", "келесі", "алдағы",
    )
)  # fmt: skip
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def future_asked(words: list[str]) -> bool:
    """Whether a question asks when something is to happen (`words`: its folded words)."""
    return any(w.startswith(FUTURE_WORDS) for w in words)


# A predicate in the past tense ("асырдық", "өтті", "сайланды"; not "болады", "келеді", whose
# "-ды/-ді" follows a vowel): the sentence's last word.
PAST_PREDICATE = re.compile(
    r"[^\W\dаеәоөұүуыіиэяюё](?:ды|ді|ты|ті)(?:қ|к|м|ңыз|ңіз|ң)?\W*$", re.IGNORECASE
)


def told_as_past(text: str) -> bool:
    """Whether a sentence tells what happened (its predicate in the past tense)."""
    return PAST_PREDICATE.search(text) is not None


def year_before(text: str, year: int) -> bool:
    """Whether a time (a fact's text) names a year before `year`."""
    return any(int(m.group(1)) < year for m in _YEAR.finditer(text))


def since_asked(words: list[str]) -> bool:
    """Whether a question asks since when (`words`: its folded words)."""
    return not SINCE_WORDS.isdisjoint(words) or not SINCE_PAIRS.isdisjoint(pairwise(words))


# The nouns that count people ("адам", "азамат", "тұрғын": person, citizen, resident), any
# of them a number of "адам" (a person, the word people are counted by).
PERSONS = frozenset(word_key(w) for w in ("адам", "азамат", "тұрғын", "кісі"))
PERSON = word_key("адам")


def units_asked(words: list[str]) -> frozenset[str]:
    """The units a count question asks its number in: of time ("how long", "сколько
    длился"), of age ("how old"); none for a plain count."""
    pairs = set(pairwise(words))
    if not DURATION_WORDS.isdisjoint(pairs) or any(w.startswith(DURATION_VERBS) for w in words):
        return TIME_UNITS
    if not AGE_WORDS.isdisjoint(pairs):
        return AGE_UNITS
    return frozenset()


def counts(sentence: Sentence, counted: set[str], money: bool) -> bool:
    """Whether one of the sentence's numbers counts the asked thing (its unit is it), or is
    the sum of money asked ("қанша қаражат", "how much money")."""
    return any(
        (money and span.kind == "money")
        or (span.unit and not counted.isdisjoint(key_set(span.unit)))
        for span in sentence.facts
    )


@lru_cache(maxsize=8192)
def word_before(text: str, start: int) -> str:
    """The key of the word just before character `start` of a sentence ("" if none)."""
    before = raw_words(text[max(0, start - 40) : start])
    return word_key(before[-1]) if before else ""


_AFTER_DASH = re.compile(r"\s*[–—-]\s*[«\"]?(\w+)")


def word_after_dash(text: str, end: int) -> str:
    """The key of the word after a dash just after character `end` ("" if none): what a
    share is of ("әкім атанғандардың 4,5 пайызы – әйел азаматтары": the women)."""
    found = _AFTER_DASH.match(text, end)
    return word_key(found.group(1)) if found else ""


def role_names(role: str, query_keys: set[str]) -> int:
    """How many of the question's keys a role has, or ends a word of ("партияфилиалының
    төрағасы" has "филиал", written glued to "партия")."""
    role_keys = span_keys(role)
    return sum(
        1
        for q in query_keys
        if q in role_keys or (len(q) >= 4 and any(k.endswith(q) for k in role_keys))
    )


def holds_another_role(role: str, query_keys: set[str]) -> bool:
    """Whether a question word is in the role only as what the role belongs to: "облыс
    әкімінің орынбасары" is a deputy (its last word), asked "облыс әкімі кім"."""
    role_keys = [word_key(w) for w in fold(role).split()]
    return role_keys[-1] not in query_keys and not query_keys.isdisjoint(role_keys[:-1])


def places_asked(words: list[str]) -> set[str]:
    """The kinds of place a "where" question asks for, named after its "which" ("қай
    қалада" → қала, "in which city"); not a place noun of its topic ("ауыл әкімдеріне")."""
    asked = {
        noun
        for which, word in pairwise(words)
        if which.startswith(WHICH_WORDS)
        for stem, noun in PLACE_ASKED.items()
        if word.startswith(stem)
    }
    if "ауыл" in asked:
        asked.add("округ")  # a village's level: "ауылдық округ"
    return asked


def place_named(asked: frozenset[str], sentence: Sentence) -> tuple[float, FactSpan | None]:
    """How well a sentence names the place a "where" question asks for (0: not at all), and
    the place named: a named place, or a list of them of the asked kind ("қай аудандарда");
    less, when no kind is asked ("қайда"), a place noun ("ауылдан шыққан", "барлық
    аудандарында"), which names no place to answer with."""
    text = sentence.text
    for place in PLACE.finditer(text):
        if not asked or place.group(1) is None or place.group(1) in asked:
            # "Қонаевта"; "Тараз қаласында" for "қай қалада", not "облысында"
            return PLACE_BONUS, _place_span(place)
    listed = PLACE_LIST.search(text)
    if listed and (not asked or listed.group(1) in asked):
        return PLACE_BONUS, _place_span(listed)
    if asked:
        named = next((m for m in NAMED_PLACE.finditer(text) if m.group(1) in asked), None)
        if named is not None:
            return PLACE_BONUS, _place_span(named)
    return (PLACE_NOUN_BONUS if not asked and PLACE_NOUN.search(text) else 0.0), None


def _place_span(match: re.Match[str]) -> FactSpan:
    """The matched place, to the end of its last word ("Ақсеңгір ауылдық", not "... ауылд")."""
    text = match.string
    end = match.end()
    while end < len(text) and (text[end].isalpha() or text[end] == "-"):
        end += 1
    return FactSpan("place", text[match.start() : end], match.start(), end)


def office_asked(query: Query, words: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The office a "who" question asks the holder of: the word before "кім" ("облыс әкімі
    кім", "prokurory kım") or the first after "кто"/"who" ("кто аким", "who is the chairman"),
    when it is an office (`words`: the question's folded words); and the keys of what it
    belongs to, the word before it in Kazakh ("партиясының төрағасы кім"), the next few after
    it in Russian or English ("председатель партии Аманат", "chairman of the Amanat party");
    for a head, what is headed ("облысын кім басқарады", "кто возглавляет филиал")."""
    none: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    at = next((n for n, w in enumerate(words) if w in WHO_WORDS), None)
    if at is None or (at > 0 and words[at - 1].endswith(LOCATIVE_ENDINGS)):
        return none  # "әкімдігінен кім келді": who came from the akimat
    if at + 1 < len(words) and words[at + 1] in ("iz", "from"):
        return none  # "кто из облакимата был", "who from the akimat": not its akim
    ordered = sorted(query.groups, key=lambda g: g.start)
    kazakh = query.language == "kk"
    verb = next(
        (n for n in range(at + 1, at + 3) if n < len(words) and words[n].startswith(HEAD_VERBS)),
        None,
    )
    if verb is not None:
        # "филиалын кім басқарады", "кто возглавляет", "who heads"; a place headed ("облысын
        # қазір кім басқарады") is headed by its akim, not by a branch's chairman there (an
        # event's chair is no owner of a role: "жиынды кім басқарды").
        span = range(at - 2, at) if kazakh else range(verb + 1, verb + 5)
        places = frozenset(
            word_key(words[p])
            for p in span
            if 0 <= p < len(words) and words[p].startswith(PLACE_NOUNS_FOLDED)
        )
        return HEADS, places | owner_keys([], words, span, query.groups)
    before = [g for g in ordered if g.start == at - 1]
    # ... the first word after it, every group of it ("chairman of the Amanat" is one
    # lexicon phrase, read as the party's and the chairman's words)
    first = next((g.start for g in ordered if g.start > at), None)
    after = [g for g in ordered if g.start == first]
    for group in before if kazakh else after:
        found = OFFICES.intersection(group.keys)
        if found:
            if kazakh:
                span = range(group.start - 1, group.start)
            else:
                # ... the next few after the office's words ("is in charge of the Amanat
                # branch"), up to a clause of its own ("the party secretary that came to ...")
                after_office = group.start + len(group.word.split())
                end = min(after_office + 5, len(words))
                cut = next(
                    (p for p in range(after_office, end) if words[p].startswith(CLAUSE_WORDS)),
                    end,
                )
                span = range(after_office, cut)
            # A lexicon phrase's other words own the office too ("председатель партии
            # Аманат" is read as the party's and the chairman's words).
            phrase = {
                k
                for g in ordered
                if g.start == group.start and g is not group and OFFICES.isdisjoint(g.keys)
                for k in g.keys
            }
            return frozenset(found), owner_keys(ordered, words, span) | phrase
    return none


def owner_keys(
    ordered: list[Group], words: list[str], span: range, phrases: Sequence[Group] = ()
) -> frozenset[str]:
    """The keys of the question's words at positions `span`: what an office belongs to. A
    region's place noun is no group, and counts too: "Алматы облысының әкімі", "аким
    Алматинской области" ask the oblast's akim, not a rural district's; not so a place word
    opening a lexicon phrase (of `phrases`, the question's groups) that means another thing
    ("областным филиалом": the regional branch, headed by its chairman, not the oblast)."""
    owner = {k for g in ordered if g.start in span for k in g.keys}
    other_things = {g.start: g.keys for g in phrases if " " in g.word}
    owner.update(
        word_key(noun)
        for p in span
        if 0 <= p < len(words)
        for stem, noun in PLACE_ASKED.items()
        if words[p].startswith(stem)
        and (p not in other_things or word_key(noun) in other_things[p])
    )
    return frozenset(owner)


def belongs_elsewhere(role: str, owners: frozenset[str]) -> bool:
    """Whether a role's office belongs to something other than what the question names:
    "Жамбыл облыстық филиалының төрағасы" (the branch's), asked "партиясының төрағасы"; the
    named owner may be any word before the office, or end one ("партияфилиалының")."""
    role_keys = [word_key(w) for w in fold(role).split()][:-1]
    return bool(role_keys) and not any(k.endswith(o) for o in owners for k in role_keys)


def named_thing(query: Query, words: list[str]) -> set[str]:
    """The keys of the thing whose name is asked: the words just before "атауы"/"қалай
    аталады" ("бағдарламасы қалай аталады"), or those after "name of" (the question's last
    words); empty when no name is asked."""
    at = next((n for n, w in enumerate(words) if w.startswith(NAME_WORDS)), None)
    if at is None or not query.groups:
        return set()
    before = [g for g in query.groups if at - 3 <= g.start < at]
    # ... or every word after it ("как называется предвыборная программа Аманат": the
    # programme, or Amanat; a name the question gives is no answer, see names_in_quotes).
    chosen = before or [g for g in query.groups if g.start > at] or list(query.groups)
    return {k for g in chosen for k in g.keys}


def names_in_quotes(text: str, named: set[str], asked: set[str]) -> bool:
    """Whether a sentence gives the asked thing's name in quotation marks: «Халықпен
    бірге!» сайлауалды бағдарламасы (the thing's word follows the name); not a name the
    question gives itself («Amanat» партиясы, asked the name of Amanat's programme)."""
    for quote in QUOTED.finditer(text):
        after = keys(text[quote.end() : quote.end() + NAME_REACH])[:2]
        if not named.isdisjoint(after) and asked.isdisjoint(keys(quote.group(1))):
            return True
    return False


def place_names(query: Query, words: list[str]) -> set[int]:
    """The positions of the Kazakh words that name a place the question is about: the word
    before a place noun in the locative ("Байзақ ауданында"), which the answer must name too
    (not "Тоқаев ауыл әкімдерін": the noun is no place there)."""
    return {
        g.start
        for g in query.groups
        if not g.concepts
        and g.word[:1].isalpha()
        and 0 <= g.start < len(words) - 1
        and not words[g.start].startswith(PLACE_NOUNS_FOLDED)
        and words[g.start + 1].startswith(PLACE_NOUNS_FOLDED)
        and words[g.start + 1].endswith(LOCATIVE_CASE)
    }
