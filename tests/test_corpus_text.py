"""From published page text to what the bot quotes: debris removed, sentences split where
a reader would split them, figures and people found, a short summary."""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.corpus.articles import parse_article_file
from bot.corpus.clean import clean_body
from bot.corpus.facts import extract_facts, parse_number
from bot.corpus.models import ArticleFile, FactSpan
from bot.corpus.sentences import split_sentences
from bot.corpus.summary import summarize

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"
REGIONS = frozenset({"zhambyl", "almaty", "kazakhstan"})

# Page chrome seen on the seed pages: none of it may reach a sentence.
DEBRIS = (
    "Суббота",
    "23 ноября",
    "date 2025-11-28",
    "Басты бет",
    "БетЖаңалықтар",
    "RELATED ARTICLES",
    "ЖАУАП ҚАЛДЫРУ",
    "Пікіріңізді енгізіңіз",
    "атыңызды енгізіңіз",
    "Advertisment",
    "Most Popular",
    "Recent Comments",
    "ҚАРАСАЕВА",
    "AR-AY",
    "Ұқсас жаңалықтар",
    "жастарға арналған басылым",
    "жастар газеті",
    "ашық дереккөз",
    "ПАРТИЯСЫНЫҢ ЖҰМЫСЫ",
    "\u00a0",
)
DEBRIS_LINES = ("Байланыс", "Автор")


@cache
def seed(prefix: str) -> ArticleFile:
    (path,) = SEEDS.glob(f"{prefix}_*.md")
    return parse_article_file(path, REGIONS)


@cache
def cleaned(prefix: str) -> str:
    article = seed(prefix)
    return clean_body(article.body, article.title)


@cache
def sentences(prefix: str) -> tuple[str, ...]:
    return tuple(split_sentences(cleaned(prefix)))


PREFIXES = ("000", "001", "002", "003", "004")


def all_sentences() -> list[str]:
    return [s for prefix in PREFIXES for s in sentences(prefix)]


def sentence_with(fragment: str) -> str:
    (match,) = [s for s in all_sentences() if fragment in s]
    return match


def facts_in(fragment: str) -> list[FactSpan]:
    return extract_facts(sentence_with(fragment))


def fact(fragment: str, kind: str) -> FactSpan:
    """The one fact of `kind` whose text contains `fragment`."""
    (match,) = [f for f in facts_in(fragment) if f.kind == kind and fragment in f.text]
    return match


# --- cleaning ----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_page_debris_survives_cleaning(prefix: str) -> None:
    text = cleaned(prefix)
    for debris in DEBRIS:
        assert debris not in text
    lines = text.split("\n")
    for line in DEBRIS_LINES:
        assert line not in lines
    assert all(line == line.strip() and line for line in lines)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_title_is_not_repeated_as_a_paragraph(prefix: str) -> None:
    title_words = re.findall(r"\w+", seed(prefix).title.casefold())
    for line in cleaned(prefix).split("\n"):
        assert re.findall(r"\w+", line.casefold()) != title_words


def test_real_content_next_to_debris_is_kept() -> None:
    # 001: the subtitle under the repeated headline is the article's own line
    assert (
        cleaned("001").split("\n")[0] == "Іс-шара «AMANAT» партиясының бастамасымен ұйымдастырылды"
    )
    # 003: the clock is cut off the first line, the lead stays
    assert cleaned("003").split("\n")[0] == (
        "Президент Қасым-Жомарт Тоқаев ауыл әкімдерінің диалог-платформасында сөз сөйледі, "
        "деп хабарлайды BAQ.KZ."
    )
    # 002: the first line is the headline itself, the second one is the lead
    assert cleaned("002").split("\n")[0].startswith("Форум халық қалаулылары")
    # 004: the article's single paragraph is there in full, ending with its last sentence
    assert cleaned("004").startswith("«Amanat» партиясы облыстық филиалының")
    assert cleaned("004").endswith("ұсыныс жасайтын болады.")
    # 001 and 000 end with their last sentences, not with widgets
    assert cleaned("001").endswith("Оның 74%-ы «AMANAT» партиясының мүшелері.")
    assert cleaned("000").endswith("шешу жолдарын қарастырды.")


def test_clean_body_on_a_page_from_a_new_site() -> None:
    body = "\n".join(
        [
            "Главная » Новости » Регионы",
            "Понедельник, 2 декабря, 2024",
            "14:05",
            "ФОРУМ ӨТТІ!",
            "23 ноября 2024 года в Алматы прошел форум.",
            "Бүгін форум өтті.",
            "Бүгін форум өтті.",
            "Фото: пресс-қызмет",
            "Айгүл НҰРЛАНҚЫЗЫ",
            "Поделиться",
        ]
    )
    assert clean_body(body, "Форум өтті") == (
        "23 ноября 2024 года в Алматы прошел форум.\nБүгін форум өтті."
    )


def test_prose_that_starts_like_a_header_is_kept() -> None:
    body = "\n".join(
        [
            " date 2025-11-28 Президент сөйледі.",
            "2025-11-28 күні форум өтті.",
            "Басты беттегі жаңалық оқылды.",
            "Суббота, 23 ноября, 2024 Жиын өтті.",
        ]
    )
    assert clean_body(body, "Басқа тақырып").split("\n") == [
        "Президент сөйледі.",
        "2025-11-28 күні форум өтті.",
        "Басты беттегі жаңалық оқылды.",
        "Жиын өтті.",
    ]


# --- sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ends", "starts"),
    [
        ("Қаражат көлемі 2 трлн 342,4 млрд теңгеніқұрайды.", "AMANAT партиясының саяси"),
        ("ынтымақтастықты нығайту.", "Өйткені депутаттар"),
        ("1 мыңнан аса адамды қабылдаған.", "Оның 817-інің өтініші"),
    ],
)
def test_a_full_stop_without_a_space_still_ends_a_sentence(ends: str, starts: str) -> None:
    found = all_sentences()
    index = next(i for i, s in enumerate(found) if s.endswith(ends))
    assert found[index + 1].startswith(starts)


def test_attribution_after_a_quotation_stays_with_it() -> None:
    found = all_sentences()
    assert sentence_with("– деп атап өтті Ержан Жылқыбаев.").startswith("Сондықтан «AMANAT»")
    assert sentence_with("жатыр», – деді ол.").startswith("Бұл бастамада")
    for sentence in found:
        assert not re.match(r"^[–-]?\s*(деді|деп|дейді|деген)\b", sentence), sentence


@pytest.mark.parametrize(
    "whole",
    [
        "1,5 млн адамды",
        "2 600 орынға",
        "4,6 триллион теңгеге",
        "80%-ы",
        "2023-2027 жылдарға",
        "2 трлн 342,4 млрд",
        "4,5 пайызы",
        "деп хабарлайды BAQ.KZ.",
        "«Халықпен бірге!» сайлауалды бағдарламасы",
    ],
)
def test_numbers_and_names_are_not_split(whole: str) -> None:
    assert sentence_with(whole)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Бидай, арпа т.б. дақылдар егілді. Жиын аяқталды.", 2),
        ("Ол 2020 ж. Қазан айында келді.", 1),
        ("Бюджет 5 млн. 200 мың теңге. Келесі жыл.", 2),
        ("Қ.Тоқаев сөйледі. Қ. Тоқаев тағы сөйледі.", 2),
        ("Толығырақ Arainfo.kz сайтында. Www.Akorda.kz сайты.", 2),
        ("Ол келді!Біз қуандық. Неге? Себебі уақыт.", 4),
        ("«Бәрі жақсы.» – деді ол. Жиын аяқталды.", 2),
        ("«Бәрі жақсы.» – Марат Сұлтанғазиев. Жиын аяқталды.", 2),
        ("1. Бірінші тармақ.", 1),
    ],
)
def test_sentence_boundaries_on_hard_cases(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected, split_sentences(text)


def test_sentences_are_stripped_collapsed_and_never_empty() -> None:
    assert split_sentences("  Бір.   Екі  \u00a0 үш.\n\n – Төрт. \n") == [
        "Бір.",
        "Екі үш.",
        "Төрт.",
    ]
    for sentence in all_sentences():
        assert sentence == " ".join(sentence.split()) and sentence


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="абҚӘ 12,.!?«»–-\nAbK", max_size=80))
def test_splitting_never_loses_or_reorders_words(text: str) -> None:
    result = split_sentences(text)
    assert "".join(c for c in text if c.isalnum()) == "".join(
        c for s in result for c in s if c.isalnum()
    )
    assert all(s and s == s.strip() for s in result)


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4,5", 4.5),
        ("4.5", 4.5),
        ("2 600", 2600),
        ("2334", 2334),
        ("1,5 млн", 1_500_000),
        ("8,3 миллиард", 8.3e9),
        ("4,6 триллион", 4.6e12),
        ("2 трлн 342,4 млрд", 2342.4e9),
        ("1 мыңнан", 1000),
        ("екі жүзге", 200),
        ("үш", 3),
        ("1.500.000", 1_500_000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "оның", "онда", "ауыл", "млн"])
def test_parse_number_says_none_for_words(text: str) -> None:
    assert parse_number(text) is None


# --- facts from the seeds ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "value"),
    [("4,5 пайызы", 4.5), ("13 пайызы", 13), ("80%-ы", 80), ("42%", 42), ("84 пайызы", 84)],
)
def test_percentages(fragment: str, value: float) -> None:
    found = fact(fragment, "percent")
    assert (found.text, found.value, found.unit) == (fragment, value, "percent")


@pytest.mark.parametrize(
    ("fragment", "text", "value"),
    [
        ("8,3 миллиард", "8,3 миллиард теңгеге", 8.3e9),
        ("10 миллион", "10 миллион теңге", 1e7),
        ("4,6 триллион", "4,6 триллион теңгеге", 4.6e12),
        ("2 трлн", "2 трлн 342,4 млрд теңге", 2342.4e9),
    ],
)
def test_money(fragment: str, text: str, value: float) -> None:
    found = fact(fragment, "money")
    assert (found.text, found.unit) == (text, "теңге")
    assert found.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("fragment", "value"),
    [("2021 жылдан", 2021), ("2020 жылы", 2020), ("2023-2027 жылдарға", 2023)],
)
def test_years(fragment: str, value: int) -> None:
    assert fact(fragment, "year").value == value


@pytest.mark.parametrize("fragment", ["30 мамырға", "қыркүйек айынан", "Наурыз айынан"])
def test_dates(fragment: str) -> None:
    assert fact(fragment, "date").text == fragment


@pytest.mark.parametrize(
    ("fragment", "value", "unit"),
    [
        ("165 ауыл әкімі", 165, "ауыл әкімі"),
        ("2 600 орынға", 2600, "орын"),
        ("1,5 млн адамды", 1_500_000, "адам"),
        ("228 мәслихат депутатының", 228, "мәслихат депутаты"),
        ("1091 шағын несие", 1091, "шағын несие"),
        ("131 ауылдық округ", 131, "ауылдық округ"),
        ("154-і", 154, "әкім"),
        ("122-сін", 122, "әкім"),
        ("190-і", 190, "мәслихат депутаты"),
        ("888-і", 888, "іс-шара"),
        ("517 қабылдау", 517, "қабылдау"),
        ("1500-ден астам өкілі", 1500, "өкіл"),
        ("700-ден астам азамат", 700, "азамат"),
        ("200-ге жуық азамат", 200, "азамат"),
        ("43 жас", 43, "жас"),
        ("18 жыл", 18, "жыл"),
        ("үш жаңа мектеп", 3, "мектеп"),
        ("алты партияның", 6, "партия"),
        ("екі жүзге жуық жаңа жұмыс орны", 200, "жұмыс орны"),
        ("4 спорт нысаны", 4, "спорт нысаны"),
        ("1 мыңнан аса адамды", 1000, "адам"),
    ],
)
def test_counts_with_what_they_count(fragment: str, value: float, unit: str) -> None:
    found = fact(fragment, "count")
    assert (found.text, found.value, found.unit) == (fragment, value, unit)


def test_2334_village_akims_in_both_sentences_of_003() -> None:
    counts = [
        f
        for s in sentences("003")
        for f in extract_facts(s)
        if f.kind == "count" and f.value == 2334
    ]
    assert [(f.text, f.unit) for f in counts] == [("2334 ауыл әкімі", "ауыл әкімі")] * 2


def test_a_duration_is_not_a_calendar_year() -> None:
    assert [f.kind for f in facts_in("18 жыл") if "18" in f.text] == ["count"]
    assert [f.kind for f in facts_in("5 жылдың") if "5 жыл" in f.text] == ["count"]


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Марат Сұлтанғазиев", "Алматы облысының әкімі"),
        ("Марат Сұлтанғазиев", "облыс әкімі"),
        ("Ержан Жылқыбаев", "партиясының хатшысы"),
        ("Қанатбек Мәдібек", "Жамбыл облысы әкімінің орынбасары"),
        ("Қасым-Жомарт Тоқаевтың", "Президент"),
        ("Қасым-Жомарт Тоқаевтың", "Мемлекет басшысы"),
        ("Тамара Дүйсенова", "Премьер-министрінің орынбасары"),
        ("Ержан Қасымшалов", "Ақсеңгір ауылдық округінің әкімі"),
        ("Дауыл Бейсенқұлов", "Жамбыл облыстық филиалының төрағасы"),
        ("Дауыл Бейсенқұлов", "облыстық филиалының атқарушы хатшысы"),
        ("Қуат Байғоджаев", "партияфилиалының төрағасы"),
        ("Асыл Байтулақов", "ардагері"),
        ("Қасым-Жомарт Кемелұлы Тоқаевтың", "Партия Төрағасы"),
    ],
)
def test_people_with_their_roles(name: str, role: str) -> None:
    people = {(f.text, f.role) for s in all_sentences() for f in extract_facts(s)}
    assert (name, role) in people


def test_people_without_a_role_are_still_found() -> None:
    names = {f.text for s in all_sentences() for f in extract_facts(s) if f.kind == "person"}
    assert {"Дауыл Ынтықбайұлы", "Дауыл Ынтықбайұлының", "Қасым-Жомарт Тоқаев"} <= names


def test_places_and_titles_are_not_people() -> None:
    people = [f.text for s in all_sentences() for f in extract_facts(s) if f.kind == "person"]
    for text in people:
        for not_a_name in ("облыс", "басшысы", "Қонаев", "AMANAT", "Алматы", "Жамбыл", "Жол"):
            assert not_a_name not in text, text


def test_fact_spans_point_into_the_sentence_and_never_overlap() -> None:
    for sentence in all_sentences():
        facts = extract_facts(sentence)
        for f in facts:
            assert sentence[f.start : f.end] == f.text
        for a, b in itertools.pairwise(facts):
            assert a.end <= b.start


@pytest.mark.parametrize(
    ("sentence", "kind", "text"),
    [
        ("Форум 23 ноября 2024 года өтті.", "date", "23 ноября 2024 года"),
        ("Жиын 2025-11-28 күні өтті.", "date", "2025-11-28"),
        ("Жоспардың 42% орындалды.", "percent", "42%"),
        ("Бюджет 5 млрд. теңге болды.", "money", "5 млрд. теңге"),
    ],
)
def test_facts_in_other_spellings(sentence: str, kind: str, text: str) -> None:
    assert [(f.kind, f.text) for f in extract_facts(sentence)] == [(kind, text)]


def test_the_article_one_is_not_a_count() -> None:
    assert extract_facts("Бұл – бір мүддеге тоғысқан серіктестердің кездесуі.") == []


# --- summaries -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_summary_is_short_and_made_of_the_articles_sentences(prefix: str) -> None:
    found = sentences(prefix)
    summary = summarize(seed(prefix).title, found)
    assert 0 < len(summary) <= 400
    words = set(re.findall(r"\w+", " ".join(found)))
    assert set(re.findall(r"\w+", summary)) <= words
    assert 1 <= len(split_sentences(summary)) <= 3


def test_summary_carries_the_main_facts() -> None:
    assert "2334 ауыл әкімі" in summarize(seed("003").title, sentences("003"))
    assert "131 ауылдық округ" in summarize(seed("001").title, sentences("001"))
    rhetoric = "Ауыл – қазақтың алтын бесігі."
    assert rhetoric not in summarize(seed("000").title, sentences("000"))


@pytest.mark.parametrize("limit", [1, 10, 50, 120])
def test_summary_never_exceeds_the_limit(limit: int) -> None:
    for prefix in PREFIXES:
        summary = summarize(seed(prefix).title, sentences(prefix), max_chars=limit)
        assert 0 < len(summary) <= limit
        if not summary.endswith((".", "!", "?", "»")):
            assert summary.endswith("…")


def test_summary_without_sentences_falls_back_to_the_title() -> None:
    assert summarize("Форум өтті", []) == "Форум өтті"
