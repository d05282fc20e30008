"""Facts inside one sentence: numbers with what they count, percentages, money, years,
dates, and named people with their roles.

Kazakh is agglutinative, so a unit is written inflected ("орынға", "адамды",
"депутатының"); a small table of case endings, checked against the sound that precedes
them, turns it back into a short unit string ("орын", "адам", "мәслихат депутаты").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from bot.corpus.models import FactKind, FactSpan

# The helpers below are pure functions of one word (or a few), and a corpus repeats its words
# endlessly: remembering their answers makes fact extraction several times faster at ingest.
WORD_CACHE = 1 << 16
_per_word = lru_cache(maxsize=WORD_CACHE)


def _word_set(text: str) -> frozenset[str]:
    """A word list written as one string: easier to read and extend than a list literal."""
    return frozenset(text.split())


def _class_chars(spec: str) -> frozenset[str]:
    """The characters a regex class body such as "A-ZА-ЯЁ" stands for."""
    chars: set[str] = set()
    index = 0
    while index < len(spec):
        if spec[index + 1 : index + 2] == "-" and index + 2 < len(spec):
            chars.update(map(chr, range(ord(spec[index]), ord(spec[index + 2]) + 1)))
            index += 3
        else:
            chars.add(spec[index])
            index += 1
    return frozenset(chars)


LOWER = "a-zа-яёәғқңөұүһі"
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LETTERS = LOWER + UPPER
VOWELS = frozenset("аәеёиоөұүыіэюяуaeiou")
VOICELESS = frozenset("пкқстшщфхцчһбвгд")  # б, в, г, д: devoiced at the end of loanwords
BACK_VOWELS = frozenset("аоұыяёуu")

# --- numbers ---------------------------------------------------------------------------

SCALES: dict[str, float] = {
    "трлн": 1e12, "триллион": 1e12, "trillion": 1e12,
    "млрд": 1e9, "миллиард": 1e9, "billion": 1e9,
    "млн": 1e6, "миллион": 1e6, "million": 1e6,
    "мың": 1e3, "тыс": 1e3, "тысяч": 1e3, "thousand": 1e3,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
    "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100,
}  # fmt: skip
# Endings a number word may carry ("жүзге жуық", "үштен бірі").
NUMBER_WORD_ENDINGS = (
    "", "ге", "ға", "ке", "қа", "не", "на", "ден", "дан", "тен", "тан", "нен", "нан",
    "дің", "дың", "тің", "тың", "нің", "ның", "ді", "ды", "ті", "ты", "ні", "ны",
    "де", "да", "те", "та", "еу", "ау", "і", "ы", "сі", "сы",
)  # fmt: skip
ABLATIVE_ENDINGS = ("ден", "дан", "тен", "тан", "нен", "нан")
TEN_ENDINGS = ("", "ға", "нан", "ның", "еу")

_DIGITS = r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?(?!\d)"
_SCALE = rf"(?:{'|'.join(sorted(SCALES, key=len, reverse=True))})[{LOWER}]*"
# "1,5 млн", "2 трлн 342,4 млрд", "1 мыңнан", "2 600"
_NUMBER = rf"{_DIGITS}(?:\s+{_SCALE})?(?:\s+{_DIGITS}\s+{_SCALE})*"
_TOKEN_RE = re.compile(rf"\d+(?:[ \u00a0\u202f]\d{{3}})*(?:[.,]\d+)*|[{LETTERS}]+")


@_per_word
def parse_number(text: str) -> float | None:
    """The number a phrase states: "4,5" → 4.5, "2 600" → 2600, "1,5 млн" → 1.5e6,
    "2 трлн 342,4 млрд" → 2.3424e12, "1 мыңнан" → 1000, "екі жүзге" → 200,
    "үштен бірі" → 1/3. None when the phrase does not start with a number."""
    tokens = _TOKEN_RE.findall(text.casefold())
    total = 0.0
    current: float | None = None
    seen = False
    denominator: float | None = None
    for token in tokens:
        if token[0].isdigit():
            if current is not None:
                break
            current = _digits_value(token)
        elif (scale := _scale_of(token)) is not None:
            if not seen and current is None:
                break
            total += (current if current is not None else 1.0) * scale
            current = None
        elif (word := _number_word(token)) is not None:
            word_value, ending = word
            if word_value == 100:
                current = (current or 1.0) * 100
            elif current is not None and current % 10 != 0 and word_value < 10:
                break  # "бес алты" is not a number
            else:
                current = (current or 0.0) + word_value
            if ending in ABLATIVE_ENDINGS and denominator is None and not total:
                denominator, current = current, None  # "үштен бірі": one of three
                continue
        else:
            break
        seen = True
    if not seen:
        return None
    value = total + (current or 0.0)
    if denominator:
        value = value / denominator if value else 0.0
        if not value:
            return None
    return float(f"{value:.12g}")  # 8,3 × 10⁹ is 8300000000, not 8300000000.000001


_GROUP_SPACE = re.compile(r"[ \u00a0\u202f]")


def _digits_value(token: str) -> float:
    token = _GROUP_SPACE.sub("", token)
    if token.count(".") > 1:  # "1.500.000": dots group thousands
        token = token.replace(".", "")
    return float(token.replace(",", "."))


def _scale_of(word: str) -> float | None:
    for stem, scale in SCALES.items():
        if word.startswith(stem) and (len(stem) > 3 or word == stem or stem == "мың"):
            return scale
    return None


_NUMBER_WORD_RE = re.compile(
    f"({'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})"
    f"({'|'.join(sorted((e for e in NUMBER_WORD_ENDINGS if e), key=len, reverse=True))})?"
)


@_per_word
def _number_word(word: str) -> tuple[int, str] | None:
    """ "жүзге" → (100, "ге"); `word` is case-folded."""
    match = _NUMBER_WORD_RE.fullmatch(word)
    if match is None:
        return None
    stem, ending = match.group(1), match.group(2) or ""
    if stem == "он" and ending not in TEN_ENDINGS:
        return None  # "оны", "онда" are pronouns
    return NUMBER_WORDS[stem], ending


@_per_word
def _number_word_as_written(word: str) -> tuple[int, str] | None:
    return _number_word(word.casefold())


# --- Kazakh endings ----------------------------------------------------------------------

# Case endings, longest first, with the sounds allowed before them.
_CASE_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ының", "cons"), ("інің", "cons"), ("сының", "vowel"), ("сінің", "vowel"),
    ("ында", "cons"), ("інде", "cons"), ("ына", "cons"), ("іне", "cons"),
    ("ынан", "cons"), ("інен", "cons"),
    ("ның", "vowel_nasal"), ("нің", "vowel_nasal"), ("дың", "voiced"), ("дің", "voiced"),
    ("тың", "voiceless"), ("тің", "voiceless"),
    ("нан", "vowel_nasal"), ("нен", "vowel_nasal"), ("дан", "voiced"), ("ден", "voiced"),
    ("тан", "voiceless"), ("тен", "voiceless"),
    ("нда", "vowel"), ("нде", "vowel"), ("мен", "any"), ("бен", "any"), ("пен", "any"),
    ("ға", "voiced"), ("ге", "voiced"), ("қа", "voiceless"), ("ке", "voiceless"),
    ("на", "vowel"), ("не", "vowel"),
    ("ны", "vowel"), ("ні", "vowel"), ("ды", "voiced"), ("ді", "voiced"),
    ("ты", "voiceless"), ("ті", "voiceless"),
    ("да", "voiced"), ("де", "voiced"), ("та", "voiceless"), ("те", "voiceless"),
)  # fmt: skip
_PLURAL_ENDINGS = ("лар", "лер", "дар", "дер", "тар", "тер")
_GENITIVE_ENDINGS = ("ның", "нің", "дың", "дің", "тың", "тің")
_VERB_ENDINGS = (
    "ған", "ген", "қан", "кен", "ғанын", "генін", "ып", "іп", "лды", "лді", "нды", "нді",
    "атын", "етін", "йтын", "йтін", "ады", "еді", "са", "се",
)  # fmt: skip
VERB_LOOKALIKES = _word_set("мекен қорған тәртіп кеден")
# Function words, qualifiers and verbs that end a unit ("1500-ден астам өкілі").
QUALIFIERS = _word_set("астам аса артық жуық шамасында шақты кем көп ғана қана")
STOP_WORDS = _word_set(
    "және мен пен бен немесе яғни ал бұл осы сол ол олар үшін дейін бойынша кейін бұрын бері "
    "ішінде арасында де да те та ғой ма ме ба бе бар жоқ болды болып деп деді дейді еді етіп "
    "етті бастап сайын рет ретте тағы әр әрбір барлық түрлі өзі өзін өзін-өзі өздері"
)
LEXICALISED = _word_set("отбасы")  # looks possessive, is not: "отбасыға" → "отбасы"
# Adjectives that describe rather than name what is counted ("үш жаңа мектеп").
UNIT_DROP = _word_set("жаңа")
ADJECTIVES = _word_set("жаңа шағын ірі үлкен кіші асыл аз көп атқарушы")
_ADJECTIVE_ENDINGS = ("лық", "лік", "дық", "дік", "тық", "тік", "ғы", "гі", "қы", "кі")
_MAYBE_ADJECTIVE_ENDINGS = ("лы", "лі", "ды", "ді", "ты", "ті")  # "елді мекен", "тұқымды"
PRONOUN_GENITIVES = _word_set(
    "оның олардың бұның мұның соның осының біздің сіздің менің еліміздің олардың"
)


def _sound_fits(stem: str, rule: str) -> bool:
    if len(stem) < 2:
        return False
    last = stem[-1]
    if rule == "any":
        return True
    if rule == "vowel":
        return last in VOWELS
    if rule == "cons":
        return last not in VOWELS
    if rule == "vowel_nasal":
        return last in VOWELS or last in "мнң"
    if rule == "voiced":
        return last in VOWELS or (last not in VOICELESS)
    return last in VOICELESS  # voiceless


@_per_word
def strip_case(word: str, prefer_possessive: bool = False) -> tuple[str, str]:
    """("депутатының") → ("депутаты", "ның"): one case ending off, if the sounds allow it.

    "нысаны" is either possessive (нысан + ы) or accusative (ныса + ны); with
    prefer_possessive, as for the second word of "спорт нысаны", it stays whole."""
    for ending, rule in _CASE_ENDINGS:
        if prefer_possessive and ending in ("ны", "ні") and is_possessive(word):
            continue
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if len(stem) >= 2 and _sound_fits(stem, rule):
                if rule == "cons" or ending.startswith("сы") or ending.startswith("сі"):
                    # "отырысында" = отырыс + ы + нда: give back the possessive vowel
                    vowel = ending[0] if ending[0] in "ыі" else ending[:2]
                    return stem + vowel, ending[len(vowel) :]
                return stem, ending
    return word, ""


@_per_word
def is_possessive(word: str) -> bool:
    """ "әкімі", "депутаты", "орны", "мүшесі": a third-person possessive ending, as in the
    second word of "ауыл әкімі". Past-tense verbs ("берілді", "тапты") look alike and are
    told apart by the sounds before the vowel."""
    if len(word) < 3 or word[-1] not in "ыі":
        return False
    before = word[-2]
    if before == "с" and word[-3] in VOWELS:
        return True
    if before in VOWELS or before == "д":
        return False
    return not (before == "т" and word[-3] not in VOWELS)


@_per_word
def _is_verb_like(word: str) -> bool:
    if word in STOP_WORDS:
        return True
    if word in VERB_LOOKALIKES or strip_case(word)[0] in VERB_LOOKALIKES:
        return False
    if any(word.endswith(e) for e in _VERB_ENDINGS) and len(word) > 4:
        return True
    # past tense: "сайланды", "берілді", "құрады", "қатысты"
    return word[-2:] in ("ды", "ді", "ты", "ті") and not is_possessive(word) and len(word) > 4


@_per_word
def _is_adjective(word: str, following: str | None) -> bool:
    if word in ADJECTIVES or word.endswith(_ADJECTIVE_ENDINGS):
        return True
    if (
        word.endswith(_MAYBE_ADJECTIVE_ENDINGS)
        and not word.endswith(("лды", "лді", "нды", "нді"))  # "сайланды" is a verb
        and not is_possessive(word)  # "өкілі" is a noun
        and following is not None
    ):
        return not _is_verb_like(following) and following not in QUALIFIERS
    return False


def _add_possessive(stem: str) -> str:
    if stem[-1] in VOWELS:
        return stem + ("сы" if _is_back(stem) else "сі")
    return stem + ("ы" if _is_back(stem) else "і")


def _is_back(word: str) -> bool:
    for char in reversed(word):
        if char in VOWELS:
            return char in BACK_VOWELS
    return True


@_per_word
def _base_noun(word: str, prefer_possessive: bool = False) -> str:
    """ "әкімдерінің" → "әкім", "орынға" → "орын", "өкілі" → "өкіл", "отбасыға" → "отбасы"."""
    word, _ = strip_case(word, prefer_possessive)
    if word in LEXICALISED:
        return word
    if word.endswith(("сы", "сі")) and len(word) > 4 and word[-3] in "ыі":
        word = word[:-1]  # "отырысы", "кеңесі": the stem ends in с
    elif word.endswith(("сы", "сі")) and len(word) > 4 and word[-3] in VOWELS:
        word = word[:-2]  # "мүшесі" → "мүше"
    elif is_possessive(word):
        word = word[:-1]
    for ending in _PLURAL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _unit_text(words: list[str]) -> str:
    """The counted thing in a short dictionary form: "ауыл әкімі", "орын", "ауылдық округ"."""
    words = [w.casefold() for w in words]
    kept = [w for w in words if w not in UNIT_DROP] or words
    *modifiers, head = kept
    izafet = bool(modifiers) and not _is_adjective(modifiers[-1], head)
    base = _base_noun(head, prefer_possessive=izafet)
    if izafet and is_possessive(strip_case(head, prefer_possessive=True)[0]):
        base = _add_possessive(base)  # "мәслихат депутатының" → "мәслихат депутаты"
    return " ".join([*modifiers, base])


# --- finding facts -----------------------------------------------------------------------

_MONTHS = (
    "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан|"
    "январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_KK_MONTHS = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
_YEAR = r"(?:19[89]\d|20[0-3]\d)"
_DATE_RES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?<![\d-])\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])",
        r"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{4}(?!\d)",
        rf"(?<![\w.,])(?:0?[1-9]|[12]\d|3[01])\s+(?:{_MONTHS})[{LOWER}]*"
        rf"(?:,?\s+{_YEAR}(?:\s+(?:жыл[{LOWER}]*|года|г\.))?)?(?![{LETTERS}])",
        rf"(?<![\w-])(?:{_KK_MONTHS})\s+ай[{LOWER}]*",
        rf"(?<![\w-])(?:{_MONTHS})[{LOWER}]*\s+{_YEAR}(?!\d)",
    )
)
_YEAR_RE = re.compile(
    rf"(?<![\w.,])({_YEAR})(?:\s*[-–]\s*{_YEAR})?\s+(?:жыл[{LOWER}]*|жж?\.|год[{LOWER}]*|гг?\.)",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(
    rf"({_NUMBER})\s*(?:%(?:-[{LOWER}]+)?|(?:пайыз|процент|percent)[{LOWER}]*)", re.IGNORECASE
)
_MONEY_RE = re.compile(
    rf"({_NUMBER})\.?\s+(теңге(?:(?:лік|нің|ні|ге|ден|мен|де|сі|сін)(?![{LETTERS}]))?|тг\b|₸"
    rf"|рубл[{LOWER}]*|доллар[{LOWER}]*|долл\b|евро|usd\b|kzt\b)",
    re.IGNORECASE,
)
_CURRENCIES = (
    ("теңге", "теңге"), ("тг", "теңге"), ("₸", "теңге"), ("kzt", "теңге"),
    ("рубл", "рубль"), ("долл", "доллар"), ("usd", "доллар"), ("евро", "евро"),
)  # fmt: skip
_DIGITS_RE = re.compile(rf"{_NUMBER}(?:-[{LOWER}]+)?", re.IGNORECASE)
# Speed: the patterns that start with a digit (all but the month-name dates) can only match
# where a run of digits starts, since each refuses a digit before it. Trying them only there
# finds exactly what scanning every position would, several times faster. The other two
# are tried only in sentences that have what they need.
_DIGIT_RUN = re.compile(r"\d+")
_ANY_YEAR = re.compile(_YEAR)
_KK_MONTH_DAY = re.compile(r"\sай", re.IGNORECASE)  # "наурыз айында" (as _DATE_RES[3] reads it)
_DATE_FROM_DIGITS = _DATE_RES[:3]
_WORD_RE = re.compile(rf"[{LETTERS}]+(?:-[{LETTERS}]+)*")
_HYPHEN_ENDING = re.compile(rf"-([{LOWER}]+)$")
_MONTH_LETTER = re.compile(rf"[{LOWER}]", re.IGNORECASE)  # a letter as _DATE_RES[4] reads it
# Up to five words after a position, each after exactly one space: _words_after(...) in one
# match (a word is greedy and the next one optional, so no word ever comes out shorter).
_FIVE_WORDS_AFTER = re.compile(
    f" ({_WORD_RE.pattern})" + f"(?: ({_WORD_RE.pattern})" * 4 + ")?" * 4
)
# What a number written in words needs: a word (which never follows a letter) that starts
# with a number word. Most sentences have none, and one scan is quicker than looking up every
# word. The lookahead for a first letter lets the scan skip most positions at once.
_NUMBER_WORD_HINT = re.compile(
    rf"(?=[{''.join(sorted({w[0] for w in NUMBER_WORDS}))}])(?<![{LETTERS}])"
    rf"(?:{'|'.join(NUMBER_WORDS)})",
    re.IGNORECASE,
)
# What a person needs: a capitalised name word and, after one space, another one. (The
# capital comes first, before the look back at the letter before it: a pattern that starts
# with a class of characters is scanned for much faster.)
_NAME_PAIR_HINT = re.compile(
    rf"[{UPPER}](?<![{LETTERS}].)[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)? [{UPPER}][{LOWER}]"
)


def extract_facts(sentence: str) -> list[FactSpan]:
    """Every fact in the sentence, in order of position; spans never overlap."""
    return list(_extract_facts(sentence))


def facts_of(sentence: str) -> tuple[FactSpan, ...]:
    """extract_facts as a tuple, shared with other callers (no copy): for read-only use."""
    return _extract_facts(sentence)


# Ingest extracts facts per sentence and then summarizes the same sentences: the cache
# makes the second pass free. It is as large as it is for the sentences that sites (and the
# bench's templated corpus far more) repeat from article to article: a few tens of MB.
SENTENCE_CACHE = 1 << 16


@lru_cache(maxsize=SENTENCE_CACHE)
def _extract_facts(sentence: str) -> tuple[FactSpan, ...]:
    found: list[FactSpan] = []

    def add(
        kind: FactKind,
        start: int,
        end: int,
        value: float | None = None,
        unit: str | None = None,
        role: str | None = None,
    ) -> None:
        if _is_free(found, start, end):
            found.append(FactSpan(kind, sentence[start:end], start, end, value, unit, role))

    runs = [m.start() for m in _DIGIT_RUN.finditer(sentence)]
    if runs:  # no digits: none of the patterns that start with one can match
        for pattern in _DATE_FROM_DIGITS:
            for m in _matches_from(pattern, sentence, runs):
                add("date", m.start(), m.end())
    if _KK_MONTH_DAY.search(sentence):
        for m in _DATE_RES[3].finditer(sentence):
            add("date", m.start(), m.end())
    if runs:
        if _ANY_YEAR.search(sentence) is not None:
            for m in _month_year_matches(sentence, runs):
                add("date", m.start(), m.end())
            for m in _matches_from(_YEAR_RE, sentence, runs):
                add("year", m.start(), m.end(), value=float(m.group(1)))
        for m in _matches_from(_MONEY_RE, sentence, runs):
            money = m.group(2).casefold()
            currency = next(u for prefix, u in _CURRENCIES if money.startswith(prefix))
            add("money", m.start(), m.end(), value=parse_number(m.group(1)), unit=currency)
        for m in _matches_from(_PERCENT_RE, sentence, runs):
            add("percent", m.start(), m.end(), value=parse_number(m.group(1)), unit="percent")
        for m in _matches_from(_DIGITS_RE, sentence, runs):
            if _is_free(found, m.start(), m.end()):
                count = _count_at(sentence, m.start(), m.end(), found)
                if count is not None and _is_free(found, count.start, count.end):
                    found.append(count)
    has_number_words = _NUMBER_WORD_HINT.search(sentence) is not None
    has_names = _NAME_PAIR_HINT.search(sentence) is not None
    if has_number_words or has_names:  # most sentences have neither: no need for their words
        words = list(_WORD_RE.finditer(sentence))
        if has_number_words:
            for start, end, value in _number_word_phrases(sentence, words):
                if _is_free(found, start, end):
                    count = _count_at(sentence, start, end, found, value=value)
                    if (
                        count is not None
                        and count.unit is not None
                        and _is_free(found, count.start, count.end)
                    ):
                        found.append(count)
        if has_names:
            for person in _persons(sentence, words):
                if _is_free(found, person.start, person.end):
                    found.append(person)
    if len(found) > 1:
        found.sort(key=_start_of)
    return tuple(found)


def _is_free(found: list[FactSpan], start: int, end: int) -> bool:
    """Whether start..end overlaps none of the facts found so far."""
    for fact in found:  # noqa: SIM110 - a loop, not all(): called for every candidate fact
        if start < fact.end and fact.start < end:
            return False
    return True


def _start_of(fact: FactSpan) -> int:
    return fact.start


def _matches_from(
    pattern: re.Pattern[str], text: str, starts: list[int]
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), for a pattern that can only match at one of `starts` (in
    order): the same matches, without trying every other position."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)) is not None:
            yield m
            end = m.end()


def _month_year_matches(sentence: str, runs: list[int]) -> list[re.Match[str]]:
    """_DATE_RES[4].finditer(sentence) ("наурыз 2024"), tried only where such a date can
    start: at the word before the spaces before a run of digits (`runs`). The same matches,
    without trying three dozen month names at every position of the sentence."""
    found: list[re.Match[str]] = []
    end = 0
    for run in runs:
        gap = run
        while gap > 0 and sentence[gap - 1].isspace():
            gap -= 1
        if gap == run:  # the digits follow no space
            continue
        start = gap
        while start > 0 and _MONTH_LETTER.match(sentence, start - 1):
            start -= 1
        if start == gap or start < end:  # no word before the space, or inside the last date
            continue
        m = _DATE_RES[4].match(sentence, start)
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def _words_after(sentence: str, position: int, limit: int = 5) -> list[re.Match[str]]:
    """Words that follow with nothing but spaces between (punctuation ends the phrase)."""
    words: list[re.Match[str]] = []
    while len(words) < limit:
        m = (
            _WORD_RE.match(sentence, position + 1)
            if sentence[position : position + 1] == " "
            else None
        )
        if m is None:
            break
        words.append(m)
        position = m.end()
    return words


def _word_before(sentence: str, position: int) -> re.Match[str] | None:
    if position < 2 or sentence[position - 1] != " ":
        return None
    start = position - 1
    while start > 0 and (sentence[start - 1].isalpha() or sentence[start - 1] == "-"):
        start -= 1
    return _WORD_RE.fullmatch(sentence, start, position - 1)


def _count_at(
    sentence: str, start: int, end: int, found: list[FactSpan], value: float | None = None
) -> FactSpan | None:
    number_text = sentence[start:end]
    if value is None:
        value = parse_number(number_text)
    if value is None:
        return None
    ending_match = _HYPHEN_ENDING.search(number_text)
    ending = ending_match.group(1) if ending_match else ""
    if (ending and ending[0] in "ыі") or ending.startswith(("сы", "сі")):
        # "әкімдердің 154-і": the counted thing is the genitive word before the number
        return FactSpan(
            "count", number_text, start, end, value, _partitive_unit(sentence, start, found)
        )
    following = _FIVE_WORDS_AFTER.match(sentence, end)
    if following is None:
        return FactSpan("count", number_text, start, end, value, None)
    # what _words_after(sentence, end) finds, as one match: its groups are the words
    last, unit = _unit_after(tuple(filter(None, following.groups())))
    if unit is None:
        return FactSpan("count", number_text, start, end, value, None)
    unit_end = following.end(last + 1)
    return FactSpan("count", sentence[start:unit_end], start, unit_end, value, unit)


@_per_word  # the words after a number: a few thousand phrases make up most of a corpus
def _unit_after(words: tuple[str, ...]) -> tuple[int, str | None]:
    """What the number before `words` counts: the index of the unit's last word and the unit
    ("ауыл әкімі"), or (-1, None)."""
    position = 0
    while position < len(words) and words[position].casefold() in QUALIFIERS:
        position += 1
    unit_words: list[int] = []
    for index in range(position, min(position + 3, len(words))):
        word = words[index]
        folded = word.casefold()
        following = words[index + 1].casefold() if index + 1 < len(words) else None
        if word[0].isupper() or folded in STOP_WORDS or parse_number(folded) is not None:
            break
        if (
            unit_words
            and _is_verb_like(folded)
            and not is_possessive(strip_case(folded)[0])
            and not _is_adjective(folded, following)
        ):
            break
        if not unit_words and _is_verb_like(folded) and not _looks_like_object(folded):
            break
        unit_words.append(index)
        if _is_adjective(folded, following) and following is not None:
            continue
        bare = strip_case(folded)[1] == "" and not is_possessive(folded)
        head = strip_case(following, prefer_possessive=True)[0] if following else ""
        if (
            bare
            and following
            and is_possessive(head)
            and not following.endswith(("мен", "бен", "пен"))
            and not _is_verb_like(head)
        ):
            unit_words.append(index + 1)  # "ауыл әкімі", "спорт нысаны"
        break
    if not unit_words:
        return -1, None
    return unit_words[-1], _unit_text([words[i] for i in unit_words])


def _looks_like_object(word: str) -> bool:
    """ "адамды": a noun in the accusative right after a number, not a verb."""
    if word.endswith(("лды", "лді", "нды", "нді")):  # "сайланды", "берілді"
        return False
    stem, ending = strip_case(word)
    return ending in ("ды", "ді", "ты", "ті", "ны", "ні") and not _is_verb_like(stem)


def _partitive_unit(sentence: str, start: int, found: list[FactSpan]) -> str | None:
    before = _word_before(sentence, start)
    if before is None:
        return None
    word = before.group().casefold()
    if word in PRONOUN_GENITIVES or not word.endswith(_GENITIVE_ENDINGS):
        return None
    for fact in found:  # "228 мәслихат депутатының 190-і": reuse "мәслихат депутаты"
        if fact.kind == "count" and fact.end == before.end() and fact.unit:
            return fact.unit
    return _base_noun(word)


def _number_word_phrases(
    sentence: str, words: list[re.Match[str]]
) -> Iterator[tuple[int, int, float]]:
    """ "үш жаңа мектеп", "екі жүзге жуық": numbers written as words (`words` are the
    sentence's _WORD_RE matches). A lone "бір" is the article "a" far more often than the
    number one, so it is left out."""
    index = 0
    while index < len(words):
        first = words[index]
        if _number_word_as_written(first.group()) is None:  # most words: no phrase starts here
            index += 1
            continue
        if first.start() > 0 and sentence[first.start() - 1] == "-":
            index += 1
            continue
        last = index
        while last < len(words) and _number_word(words[last].group().casefold()) is not None:
            if last > index and sentence[words[last - 1].end() : words[last].start()] != " ":
                break
            _, ending = _number_word(words[last].group().casefold()) or (0, "")
            last += 1
            if ending:
                break
        if last == index:
            index += 1
            continue
        phrase = words[index:last]
        text = sentence[phrase[0].start() : phrase[-1].end()]
        folded = [w.group().casefold() for w in phrase]
        ending = (_number_word(folded[-1]) or (0, ""))[1]
        value = parse_number(text)
        multiplier_only = all((_number_word(w) or (0, ""))[0] == 100 for w in folded)
        next_words = _words_after(sentence, phrase[-1].end(), 1)
        qualified = bool(next_words) and next_words[0].group().casefold() in QUALIFIERS
        if (
            value is not None
            and folded != ["бір"]
            and not multiplier_only
            and (ending == "" or qualified)
        ):
            yield phrase[0].start(), phrase[-1].end(), value
        index = last


# --- people ------------------------------------------------------------------------------

_NAME_WORD = re.compile(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?")
_NAME_INITIALS = _class_chars(UPPER)
_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ова|ева|ёва|ин|ина|ұлы|қызы|улы|кызы|ский|ская|цкий|цкая|енко|вич|вна)$"
)
_PATRONYMIC = re.compile(r"(?:ұлы|қызы|улы|кызы|вич|вна)$")
_NAME_ENDINGS = (
    "тың", "тің", "ның", "нің", "дың", "дің", "қа", "ке", "ға", "ге", "на", "не", "ты", "ті",
    "ны", "ні", "мен", "пен", "бен", "нан", "нен", "тан", "тен", "дан", "ден", "та", "те",
    "да", "де", "а", "у", "ым", "ом",
)  # fmt: skip
ROLE_STEMS = (
    "әкім", "хатшы", "төраға", "орынбасар", "басшы", "президент", "министр", "депутат",
    "ардагер", "прокурор", "директор", "бастығ", "жетекші", "спикер", "ректор", "сенатор",
    "аким", "секретар", "председател", "заместител", "губернатор", "мэр", "глава",
)  # fmt: skip
ROLE_STOP_WORDS = STOP_WORDS | PRONOUN_GENITIVES | _word_set("сондай-ақ мәселен мысалы")
ROLE_MAX_WORDS = 4
NOT_FIRST_NAMES = _word_set("бүгін ал сондай-ақ партия президент мемлекет облыс ауыл форум жиынға")


def _is_name_word(word: str) -> bool:
    return bool(_NAME_WORD.fullmatch(word))


@_per_word
def _is_surname(word: str) -> bool:
    if _SURNAME.search(word):
        return True
    return any(
        word.endswith(e) and len(word) - len(e) >= 4 and _SURNAME.search(word[: -len(e)])
        for e in _NAME_ENDINGS
    )


@_per_word
def _is_role_word(word: str) -> bool:
    return any(part.startswith(ROLE_STEMS) for part in word.casefold().split("-"))


def _persons(sentence: str, words: list[re.Match[str]]) -> Iterator[FactSpan]:
    index = 0
    while index < len(words) - 1:
        if sentence[words[index].start()] not in _NAME_INITIALS:  # not a name: skip it quickly
            index += 1
            continue
        person = _person_at(sentence, words, index)
        if person is None:
            index += 1
            continue
        span, used = person
        yield span
        index += used


def _joined(sentence: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return sentence[a.end() : b.start()] == " "


def _person_at(
    sentence: str, words: list[re.Match[str]], index: int
) -> tuple[FactSpan, int] | None:
    """A first name at `index`, then (a patronymic and) a surname: "Қасым-Жомарт Тоқаевтың",
    "Қасым-Жомарт Кемелұлы Тоқаевтың"; or any two capitalised words right after a role
    ("орынбасары Қанатбек Мәдібек")."""
    first = words[index]
    if not _is_name_word(first.group()) or _is_role_word(first.group()):
        return None
    if first.group().casefold() in NOT_FIRST_NAMES:
        return None
    names = [first]
    for following in words[index + 1 : index + 3]:
        if not (_joined(sentence, names[-1], following) and _is_name_word(following.group())):
            break
        names.append(following)
        if not _PATRONYMIC.search(following.group()) or len(names) == 3:
            break
    if len(names) < 2:
        return None
    last = names[-1].group()
    role = _role_before(sentence, words, index)
    if not (_is_surname(last) or role is not None):
        return None
    if _is_role_word(last):
        return None
    start, end = first.start(), names[-1].end()
    return FactSpan("person", sentence[start:end], start, end, role=role), len(names)


def _role_before(sentence: str, words: list[re.Match[str]], index: int) -> str | None:
    """ "Алматы облысының әкімі", "партиясының хатшысы": up to four words before the name,
    the nearest one a role word, reaching back through genitives, izafet and adjectives."""
    if index == 0 or not _joined(sentence, words[index - 1], words[index]):
        return None
    nearest = words[index - 1]
    if not _is_role_word(nearest.group()):
        return None
    role = [nearest]
    position = index - 1
    while position > 0 and len(role) < ROLE_MAX_WORDS:
        previous = words[position - 1]
        if not _joined(sentence, previous, words[position]):
            break
        if not _belongs_to_role(previous.group()):
            break
        role.insert(0, previous)
        position -= 1
    return sentence[role[0].start() : role[-1].end()]


@_per_word
def _belongs_to_role(word: str) -> bool:
    folded = word.casefold()
    if folded in ROLE_STOP_WORDS or parse_number(folded) is not None:
        return False
    if _is_role_word(word) or (word[0].isupper() and not strip_case(folded)[1]):
        return True
    _, ending = strip_case(folded)
    if ending in _GENITIVE_ENDINGS:
        return True
    if ending:
        return False  # "Форумға", "жобаға", "форумда": the role phrase starts after it
    return not _is_verb_like(folded)
