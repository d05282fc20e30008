"""Kazakh synonyms among the articles' own words (lexicon kk_syn): a question that says
"келді" (came) where the article says "қатысты" (attended), "жиын" (gathering) where it says
"форум", "ауыл басшысы" where it says "ауыл әкімі", still reaches the article's sentence; a
question about something the articles lack is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.engine import Engine
from bot.engine.query import KNOWN_SYNONYM_WEIGHT, analyze
from bot.engine.regions import RegionMatcher
from bot.engine.vocabulary import Vocabulary, load_vocabulary


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "келді" for "қатысты", in three typing styles: the literal "келді" of "жұмыс атқарып
        # келді" (has been working) must not win.
        ("Жамбылдағы форумға кімдер келді", "басқарма басшылары қатысты"),
        ("jambyldağy forumğa kımder keldı", "басқарма басшылары қатысты"),
        ("жамбылдагы форумга кимдер келди", "басқарма басшылары қатысты"),
        # "жиын" (gathering) is the forum; "келіпті" is "келді" told second-hand.
        ("жамбылдағы жиынға облыс әкімдігінен кім келді", "басқарма басшылары қатысты"),
        ("Жиынға кімдер келіпті, Қонаев", "Жиынға облыс әкімі Марат Сұлтанғазиев қатысты"),
        # "сөйледі" (spoke) for "тоқталды", "деді" (dwelt on, said).
        ("жамбылдағы форумда облыс әкімдігінен кім сөйледі", "Қанатбек Мәдібек"),
        # "ауыл басшысы" (village head) is "ауыл әкімі"; "сайлап алды" is "сайланды".
        ("бүкіл елде қанша ауыл басшысы сайланды", "2334 ауыл әкімі сайланды"),
        ("Жамбылда халық қанша ауыл әкімін сайлап алды", "165 ауыл әкімі сайланды"),
    ],
)
def test_a_synonym_of_the_articles_word_reaches_its_sentence(
    engine: Engine, question: str, sentence: str
) -> None:
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert sentence in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "2018 жылы жиынға кім келді",  # another year
        "Шымкенттегі жиынға кім келді",  # a city without articles
        "жиынға келген шетелдік қонақтар кімдер",  # foreign guests: not in the articles
        "ауыл басшыларының жалақысы қанша теңге",  # salaries
        "халық қалаулылары қанша жалақы алады",
        "депутаттар 2010 жылы кімді сайлап алды",
        "форумға келгендерге тегін түскі ас берілді ме",  # lunch
        # Left out of kk_syn on purpose: "іс-шара" is also a plan's measures ("106 іс-шара"),
        # "таңдады" (chose) is not always electing.
        "жиын неше сағатқа созылды",
        "жастар қандай мамандықты таңдады",
    ],
)
def test_a_question_the_articles_do_not_answer_stays_refused(engine: Engine, question: str) -> None:
    assert engine.answer(question).facts == []


def _groups(engine: Engine, question: str) -> dict[str, dict[str, float]]:
    query = analyze(
        question, engine.vocab, engine.region_matcher, engine.index.key_ids.__contains__
    )
    return {group.word: group.keys for group in query.groups}


def test_the_question_word_itself_still_counts_most(engine: Engine) -> None:
    keys = _groups(engine, "форумға кім келді")["keldi"]
    assert keys["kel"] == 1.0  # its own key
    assert keys["katis"] == KNOWN_SYNONYM_WEIGHT  # қатысты, a little lower


def test_a_synonym_phrase_lines_up_from_its_head_word(engine: Engine) -> None:
    groups = _groups(engine, "ауыл басшысы қанша")
    assert groups["auil"] == {"auil": 1.0}  # "ауыл" is ауыл already
    assert groups["basshisi"]["akim"] == KNOWN_SYNONYM_WEIGHT  # басшысы: әкімі


def test_a_short_key_matches_only_the_form_written(engine: Engine) -> None:
    # "жиында" (at the gathering) and "жиі" (often) share the key "jii".
    assert "forum" in _groups(engine, "жиында не болды")["jiinda"]
    assert "forum" not in _groups(engine, "депутаттар жиі кездесе ме")["jii"]


def test_another_languages_word_is_not_a_kazakh_synonym(engine: Engine) -> None:
    # "келді" typed inside an English question is no Kazakh question word.
    query = analyze("who keldi to the forum", engine.vocab, engine.region_matcher)
    assert all("katis" not in group.keys for group in query.groups)


def test_the_lexicon_field_is_read_and_lined_up(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yaml").write_text(
        "concepts:\n"
        "  village_akim:\n"
        "    kk: [ауыл әкімі]\n"
        "    kk_syn: [ауыл басшысы, басшы]\n"
        "  attend:\n"
        "    kk: [қатысты]\n"
        "    kk_syn: [келді]\n",
        encoding="utf-8",
    )
    vocab = load_vocabulary(tmp_path)
    query = analyze("ауыл басшысы келді, басшы", vocab, RegionMatcher({}), known=lambda key: True)
    keys = {group.word: group.keys for group in query.groups}
    assert keys["auil"] == {"auil": 1.0}
    assert keys["basshisi"] == {"akim": KNOWN_SYNONYM_WEIGHT, "basshis": 1.0}
    assert keys["keldi"] == {"katis": KNOWN_SYNONYM_WEIGHT, "kel": 1.0}
    # A one-word entry on a two-word concept reaches its head word.
    assert keys["basshi"] == {"akim": KNOWN_SYNONYM_WEIGHT, "bassh": 1.0}


def test_a_vocabulary_built_without_the_field_still_works() -> None:
    vocab = Vocabulary()
    query = analyze("форумға кім келді", vocab, RegionMatcher({}), known=lambda key: True)
    assert all(len(group.keys) == 1 for group in query.groups)
