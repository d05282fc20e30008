"""The shortcuts that make ingest fast find exactly what the plain definitions find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.corpus import clean as clean_module
from bot.corpus import facts as facts_module
from bot.corpus import sentences as sentences_module

PIECES = (
    "бір", "Бір", "екі", "ЕКІ", "үш", "Үш", "он", "оны", "онға", "жүзге", "жүз", "үштен", "бес",
    "Марат", "Сұлтанғазиев", "Қасым-Жомарт", "Тоқаевтың", "Кемелұлы", "Айгүл", "Омарова",
    "облыс", "әкімінің", "орынбасары", "әкімі", "ауыл", "мектеп", "AMANAT", "Алматы", "x", "A",
    "1", "2 600", "15", "2024", "%", "-", "–", "«", "»", '"', ")", "]", ".", "!", "?", "…",
)  # fmt: skip
TEXT = st.one_of(
    st.lists(
        st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", "  ", ".", ", ", "-"])),
        max_size=8,
    ).map(lambda parts: "".join(piece + gap for piece, gap in parts)),
    st.text(max_size=20),
)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_a_sentence_without_a_number_word_hint_has_no_number_words(text: str) -> None:
    if facts_module._NUMBER_WORD_HINT.search(text) is None:
        words = list(facts_module._WORD_RE.finditer(text))
        assert all(facts_module._number_word_as_written(w.group()) is None for w in words)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_a_sentence_without_a_name_pair_hint_names_nobody(text: str) -> None:
    if facts_module._NAME_PAIR_HINT.search(text) is None:
        words = list(facts_module._WORD_RE.finditer(text))
        assert list(facts_module._persons(text, words)) == []


@settings(max_examples=500, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=30))
def test_the_words_after_a_number_are_read_in_one_match(text: str, position: int) -> None:
    position = min(position, len(text))
    words = facts_module._words_after(text, position)
    match = facts_module._FIVE_WORDS_AFTER.match(text, position)
    found = [] if match is None else [g for g in match.groups() if g]
    assert found == [w.group() for w in words]
    if match is not None:
        assert [match.end(k + 1) for k in range(len(found))] == [w.end() for w in words]


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_a_line_ends_as_a_sentence_exactly_when_the_pattern_says_so(text: str) -> None:
    assert clean_module._is_sentence(text) == bool(clean_module._SENTENCE_END.search(text))


def test_the_name_pair_hint_sees_a_name_at_the_very_start() -> None:
    assert facts_module._NAME_PAIR_HINT.search("Марат Сұлтанғазиев сөйледі.")
    assert not facts_module._NAME_PAIR_HINT.search("xМарат Сұлтанғазиев")
    assert re.search(facts_module._NUMBER_WORD_HINT, "Үш мектеп")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20), st.integers(min_value=0, max_value=20))
def test_the_sentence_splitters_character_tests_are_the_plain_ones(text: str, at: int) -> None:
    assert sentences_module._has_letter(text) == any(c.isalpha() for c in text)
    assert bool(sentences_module._ALNUM.search(text)) == any(c.isalnum() for c in text)
    skipped = sentences_module._DASHES + sentences_module._OPENERS + sentences_module._CLOSERS
    plain = next((c for c in text[at:] if c.isalnum() or not (c.isspace() or c in skipped)), "")
    assert sentences_module._next_significant(text, at) == plain


def test_digits_of_other_kinds_are_not_letters() -> None:
    assert not sentences_module._has_letter("² ½ ٣ _")
    assert sentences_module._has_letter("½a")
    assert sentences_module._ALNUM.search("½") and not sentences_module._ALNUM.search("_ «»")


MONTH_PIECES = (
    "қаңтар", "ҚАҢТАР", "наурызда", "мая", "May", "january", "Декабря", "ма", "x", "-", "2024",
    "1990", "20245", "2039", "1979", "1", " ", "  ", "\u00a0", "\n", ".", ",", "«", "жыл",
    "\u212a", "İ",
)  # fmt: skip
MONTH_TEXT = st.lists(st.sampled_from(MONTH_PIECES), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(MONTH_TEXT)
def test_month_and_year_dates_are_tried_only_before_a_run_of_digits(text: str) -> None:
    runs = [m.start() for m in facts_module._DIGIT_RUN.finditer(text)]
    shortcut = [m.span() for m in facts_module._month_year_matches(text, runs)]
    assert shortcut == [m.span() for m in facts_module._DATE_RES[4].finditer(text)]
