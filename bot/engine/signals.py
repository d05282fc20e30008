"""What the words say: the question words that steer the ranking (who, where, how long,
what someone said ...) and what a sentence offers them (a place, an office and whose it is,
the number of the thing counted), as word lists, patterns and plain functions of a question
or a sentence. The ranker (rank.py) weighs what these find.

Question words are matched in their folded form (bot/text/fold.py: "who" is "uho").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from bot.corpus.models import FactSpan, Sentence
from bot.engine.query import LOCATIVE_ENDINGS, Group, Query
from bot.text.fold import fold, keys, raw_words, word_key

# "атауы", "қалай аталады", "name", "называется", "название": a name is asked, and names of
# programmes and projects are written in quotation marks.
NAME_WORDS = ("ataui", "ataladi", "atalat", "name", "kalled", "naziva", "nazva")  # not "аталған"
QUOTED = re.compile(r"«([^«»]+)»")
NAME_REACH = 40  # characters after a quoted name in which the named thing's word is looked for
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
# "қашаннан бері/бастап", "с каких пор", "since when" (folded): when something began, which
# the articles tell as a time "since": "Наурыз айынан бастап", "2021 жылдан бері".
SINCE_WORDS = frozenset(("kashannan", "sinke"))
SINCE_PAIRS = frozenset((("s", "kakih"), ("s", "kakogo"), ("s", "kakoi")))
SINCE_TIME = re.compile(
    r"(?:\b(?:ай|жыл)\w*|\d-?)(?:нан|нен|дан|ден|тан|тен)\s+(?:бастап|бері)\b", re.IGNORECASE
)


def since_asked(words: list[str]) -> bool:
    """Whether a "when" question asks since when (`words`: the question's folded words)."""
    return any(w in SINCE_WORDS for w in words) or any(
        pair in SINCE_PAIRS for pair in pairwise(words)
    )


MONTH_NOUNS = frozenset(("ai", "aida", "aidan", "aiinda", "aiga", "aiinan"))  # қай айда ...
# The offices that head something: "кім басқарады", "кто возглавляет", "who heads/leads"
# (folded verb stems).
HEADS = frozenset(word_key(w) for w in ("төрағасы", "басшысы", "әкімі"))
HEAD_VERBS = ("baskara", "baskard", "baskarip", "vozglav", "rukovodi", "heads", "headed", "leads")
# Where a sentence's coordinated clauses part: a semicolon, or a comma before "and", "as
# well as", "but" (a comma alone often only ends a converb, "азамат өзін-өзі ұсынып, сайлауда
# жеңіске жетті", and a dash joins a subject to what it is: "әкімдердің 154-і – мүшелері").
CLAUSE_BREAK = re.compile(
    r";|,\s+(?=(?:сондай-ақ|сонымен қатар|және|ал|бірақ|әрі|а также|и|но|and|but)\b)",
    re.IGNORECASE,
)
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


@lru_cache(maxsize=16_384)
def span_keys(text: str) -> frozenset[str]:
    """The keys of a fact's words (facts recur: each is keyed once)."""
    return frozenset(word_key(w) for w in fold(text).split())


def counted_apart(sentence: Sentence, counted: set[str]) -> bool:
    """Whether the thing a count asks about is named only in a clause of the sentence
    without a number, while its numbers count other things ("үш жаңа мектеп салынғанын,
    сондай-ақ ... Ақсеңгір тұрғындары ..." for the residents)."""
    numbers = [s for s in sentence.facts if s.kind in ("count", "money")]
    if any(s.unit and not counted.isdisjoint(keys(s.unit)) for s in numbers):
        return False
    text = sentence.text
    apart = False
    start = 0
    for end in [*(m.start() for m in CLAUSE_BREAK.finditer(text)), len(text)]:
        if not counted.isdisjoint(keys(text[start:end])):
            if any(start <= s.start < end for s in numbers):
                return False  # named beside a number of its clause
            apart = True
        start = end
    return apart


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
        (money and span.kind == "money") or (span.unit and not counted.isdisjoint(keys(span.unit)))
        for span in sentence.facts
    )


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
        return HEADS, places | owner_keys([], words, span)
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


def owner_keys(ordered: list[Group], words: list[str], span: range) -> frozenset[str]:
    """The keys of the question's words at positions `span`: what an office belongs to. A
    region's place noun is no group, and counts too: "Алматы облысының әкімі", "аким
    Алматинской области" ask the oblast's akim, not a rural district's."""
    owner = {k for g in ordered if g.start in span for k in g.keys}
    owner.update(
        word_key(noun)
        for p in span
        if 0 <= p < len(words)
        for stem, noun in PLACE_ASKED.items()
        if words[p].startswith(stem)
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
