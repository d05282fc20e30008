"""The numbers a question names, and whether a sentence has them in the same sense."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.corpus.models import Sentence
from bot.engine.query import Query
from bot.text.fold import raw_words

NUMBER = re.compile(r"\d+(?:\.\d+)?")
PERCENT_WORDS = ("%", "paiiz", "protsent", "perkent")  # "percent" folds to "perkent"
# "10 million", "10 млн", "5 мың": the asked number is itself scaled (folded spellings).
SCALE_WORDS = ("min", "mln", "mill", "mlrd", "trln", "trill", "bill", "thous", "tis")


def numbers_asked(query: Query) -> set[str]:
    """The numbers a question names ("2024 жылы"), not a phrase starting with one ("2021 году"
    read as a concept)."""
    return {g.word for g in query.groups if NUMBER.fullmatch(g.word)}


def scaled_only(sentence: Sentence, numbers: set[str]) -> bool:
    """Whether an asked number appears in the sentence only as the start of a bigger one:
    "165 деген не" is not answered by "165 мың теңге" (165,000)."""
    for number in numbers:
        try:
            asked = float(number)
        except ValueError:
            continue
        values = [
            span.value
            for span in sentence.facts
            if span.value is not None and raw_words(span.text)[:1] == [number]
        ]
        if values and all(value != asked for value in values):
            return True
    return False


def percents_asked(words: list[str], numbers: set[str]) -> set[float]:
    """The asked numbers said as a share: "74 пайыз", "41%", "84 percent" (`words`: the
    question's folded words)."""
    return {
        float(word)
        for word, after in pairwise(words)
        if word in numbers and after.startswith(PERCENT_WORDS)
    }


def percents_present(sentence: Sentence, percents: set[float]) -> bool:
    """Whether every asked share is a share here too: "41 пайыз" is not "41 жылға"."""
    found = {span.value for span in sentence.facts if span.kind == "percent"}
    return percents.issubset(found)


def scaled(words: list[str]) -> bool:
    """Whether the question's folded words scale its numbers ("10 million", "5 мың")."""
    return any(w.startswith(SCALE_WORDS) for w in words)
