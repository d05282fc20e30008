"""Quotations and who says them (bot/corpus/quotations.py)."""

from __future__ import annotations

from bot.corpus.models import FactSpan, Sentence
from bot.corpus.quotations import attribute, speaker_keys


def _sentence(n: int, text: str, person: str | None = None, role: str | None = None) -> Sentence:
    facts: tuple[FactSpan, ...] = ()
    if person:
        start = text.index(person)
        facts = (FactSpan("person", person, start, start + len(person), role=role),)
    return Sentence(n, "a", n, text, (), facts)


def test_a_quotation_belongs_to_the_person_named_before_or_after_it() -> None:
    article = [
        _sentence(0, "Облыс әкімі Марат Сұлтанғазиев сөз сөйледі.", "Марат Сұлтанғазиев"),
        _sentence(1, "«Ауыл – алтын бесік."),
        _sentence(2, "Біз ауылдан шықтық», – деді ол."),
        _sentence(3, "Форум өтті."),
        _sentence(4, "«Міндетіміз – ресурс беру."),
        _sentence(5, "Жұмыс жалғасады», – дейді Қуат Байғоджаев.", "Қуат Байғоджаев"),
        _sentence(6, "Жылқыбаевтың айтуынша, бәрі жақсы.", "Жылқыбаевтың"),
    ]
    assert attribute(article) == {1: 0, 2: 0, 4: 5}


def test_an_unmarked_speech_runs_back_to_its_speaker() -> None:
    article = [
        _sentence(
            0, "Президент Қасым-Жомарт Тоқаев сөз сөйледі.", "Қасым-Жомарт Тоқаев", "Президент"
        ),
        _sentence(1, "Ауыл – ел тірегі."),
        _sentence(2, "Әкім – қызметші, - деді ол."),
    ]
    assert attribute(article) == {1: 0, 2: 0}
    assert {"tokaev", "prezident"} <= speaker_keys(article[0])
