"""Removing web-page debris (clocks, breadcrumbs, menus, comment forms, author boxes) from
article text copied from news sites, keeping every line of the article itself.

The debris lists below are data: when a new site brings new widgets, add its lines here.
"""

from __future__ import annotations

import re

# Whole lines that are page chrome on the sites the corpus comes from (compared after
# case-folding and dropping punctuation, so "- Advertisment -" matches "advertisment").
DEBRIS_LINES: tuple[str, ...] = (
    # menus and headings of widgets
    "Байланыс",
    "Басты бет",
    "Жаңалықтар",
    "RELATED ARTICLES",
    "Most Popular",
    "Recent Comments",
    "Latest News",
    "Ұқсас жаңалықтар",
    "Қатысты жаңалықтар",
    "Соңғы жаңалықтар",
    "Тағы оқыңыз",
    "Похожие новости",
    "Последние новости",
    "Читайте также",
    "Популярное",
    # comment forms
    "ЖАУАП ҚАЛДЫРУ",
    "Пікір қалдыру",
    "Пікірлер",
    "Пікіріңізді енгізіңіз!",
    "мұнда сіздің атыңызды енгізіңіз",
    "Оставить комментарий",
    "Комментарии",
    "Leave a Reply",
    # advertising and sharing
    "- Advertisment -",
    "- Advertisement -",
    "Жарнама",
    "Реклама",
    "Бөлісу",
    "Поделиться",
    "Share",
    # author boxes and site slogans
    "Автор",
    "AR-AY",
    "ашық дереккөз",
    "Arainfo.kz - жастарға арналған басылым",
    "Arainfo.kz жастар газеті",
    "Барлық құқықтар қорғалған",
    "Все права защищены",
)

# Line families rather than single lines (matched against the line's folded key).
DEBRIS_PATTERNS: tuple[str, ...] = (
    r"(\d+ )?(пікір|комментари\w*|comments?)",
    r"(фото|photo|видео|video|сурет)( \w+){0,4}",  # captions and credits
    r"(теги|тегтер|tags)( \w+)*",
)

WEEKDAYS = (
    "дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі|"
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
MONTHS = (
    "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан|"
    "январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_TIME = r"(?:,?\s*\d{1,2}:\d{2})?"
_DAY_MONTH_YEAR = rf"\d{{1,2}}\s+(?:{MONTHS})\w*,?\s+\d{{4}}(?:\s*(?:ж\.|жыл\w*|г\.|года))?"
_NUMERIC_DATE = r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}"
# A site clock or date stamp at the start of a line: "Суббота, 23 ноября, 2024",
# " date 2025-11-28 ". A day-and-month opening without a weekday may be prose
# ("23 ноября 2024 года в Алматы ..."), so it is only debris when it is the whole line.
_DATE_HEADER = re.compile(
    rf"^\s*(?:(?:date|дата|күні|жарияланды|опубликовано|published)\s*:?\s*)?"
    rf"(?:(?:(?:{WEEKDAYS}),?\s+{_DAY_MONTH_YEAR})|{_NUMERIC_DATE}){_TIME}\s*"
    r"(?=$|(?-i:[«\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]))",  # a stamp, then the line proper: not "2025-11-28 күні"
    re.IGNORECASE,
)
_WHOLE_LINE_DATE = re.compile(
    rf"^(?:(?:{WEEKDAYS}),?\s+)?(?:{_DAY_MONTH_YEAR}|{_NUMERIC_DATE}){_TIME}$|^\d{{1,2}}:\d{{2}}$",
    re.IGNORECASE,
)
# Breadcrumbs: "Басты бетЖаңалықтарАлматы облысында ...", "Главная » Новости » ...".
_BREADCRUMB = re.compile(r"^(?i:Басты бет|Главная|Home)(?:\s*[»›>/|]|\s*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]|\s*$)")
# A site name used as a slogan: "Example.kz - ..." with no sentence in it.
_DOMAIN = re.compile(r"\b[\w-]+\.(?:kz|ru|com|org|net|info|media|news)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][»\"')\]]*$")
_SENTENCE_MARKS = tuple(".!?…")  # _SENTENCE_END's two classes, for reading a line's end
_SENTENCE_CLOSERS = "»\"')]"

_WORD = re.compile(r"\w+")
_DEBRIS_RES = tuple(re.compile(rf"^(?:{p})$") for p in DEBRIS_PATTERNS)
SHORT_LINE_WORDS = 4


def clean_body(body: str, title: str) -> str:
    """The article text without page debris: one paragraph per line, joined by "\\n"."""
    title_key = _key(title)
    kept: list[str] = []
    seen: set[str] = set()
    for raw in body.split("\n"):
        line = _collapse(raw)
        if line:  # a third of the lines are blank
            line = _strip_date_header(line)
        if not line:
            continue
        key = _key(line)
        if _is_debris(line, title_key, key):
            continue
        if key in seen:  # pages repeat headlines and leads; a real paragraph never repeats
            continue
        seen.add(key)
        kept.append(line)
    return "\n".join(_drop_tail_chrome(kept))


def _collapse(line: str) -> str:
    return " ".join(line.split())  # also turns no-break spaces into plain ones


def _key(text: str) -> str:
    """Case-folded words only: quotes, dashes and punctuation do not make a line different."""
    return " ".join(_WORD.findall(text.casefold()))


def _strip_date_header(line: str) -> str:
    if _WHOLE_LINE_DATE.match(line):
        return ""
    match = _DATE_HEADER.match(line)
    if match:
        return line[match.end() :].strip()
    return line


def _is_debris(line: str, title_key: str, key: str) -> bool:
    """`key` is _key(line)."""
    if not key:  # punctuation, bullets, emoji
        return True
    if key == title_key or key in _DEBRIS_KEYS:
        return True
    if _BREADCRUMB.match(line):
        return True
    if _is_short(line, key) and any(pattern.match(key) for pattern in _DEBRIS_RES):
        return True
    # "Example.kz - жастарға арналған басылым": a site name in a line that is not a sentence
    # (the cheap tests first: _DOMAIN scans the whole line)
    return _word_count(key) <= 7 and not _is_sentence(line) and bool(_DOMAIN.search(line))


def _drop_tail_chrome(lines: list[str]) -> list[str]:
    """After the article's last sentence, short title-cased lines are bylines and widgets
    ("Қамар ҚАРАСАЕВА", "AR-AY", "Most Popular"), never article text."""
    last_sentence = max((i for i, line in enumerate(lines) if _is_sentence(line)), default=-1)
    head, tail = lines[: last_sentence + 1], lines[last_sentence + 1 :]
    return head + [line for line in tail if not (_is_short(line) and _is_title_cased(line))]


def _is_sentence(line: str) -> bool:
    """Whether the line ends as a sentence does (_SENTENCE_END), read from its end instead of
    searching the whole paragraph for the pattern."""
    if line.endswith("\n"):  # where $ also matches: never so for a collapsed line
        return bool(_SENTENCE_END.search(line))
    return line.rstrip(_SENTENCE_CLOSERS).endswith(_SENTENCE_MARKS)


def _is_short(line: str, key: str | None = None) -> bool:
    """`key`, if given, is _key(line)."""
    key = _key(line) if key is None else key
    return _word_count(key) <= SHORT_LINE_WORDS and not _is_sentence(line)


def _word_count(key: str) -> int:
    """len(key.split()) for a _key(), whose words are joined by single spaces."""
    return key.count(" ") + 1 if key else 0


def _is_title_cased(line: str) -> bool:
    words = re.findall(r"[^\W\d_][\w-]*", line)
    return bool(words) and all(w[0].isupper() for w in words)


_DEBRIS_KEYS = frozenset(_key(line) for line in DEBRIS_LINES)
