"""Folding and keys: the forms of one word meet, different words stay apart."""

from __future__ import annotations

import pytest

from bot.text.fold import word_key


@pytest.mark.parametrize(
    "forms",
    [
        ("шешім", "шешімі", "шешімін", "шешімдер"),  # decision
        ("сенім", "сенімі", "сенімін", "сеніміне"),  # trust
        ("басым", "басымы"),  # predominant
        ("береміз", "беремиз", "береді"),  # we give / gives: -міз after a vowel
        ("партиямыз", "партия", "партиясы"),  # our party
        ("Талдықорған", "Taldyqorghan", "Taldyqorgan"),  # informal Latin "gh" is ғ
        # "-стан" is no ablative "-тан": the country's forms were three keys
        ("Қазақстан", "Қазақстанда", "Қазақстанның", "Qazaqstandağy", "Kazakstandy"),
        # a participle's "н" is no case ending's: "болғанда" was "болға", "болғаны" "болға"
        ("болған", "болғанда", "болғаны", "болғанын", "болғанына", "болу"),
        ("салынған", "салынғанын"),
        ("айтқан", "айтқаны", "айтқанда", "айтты"),
        ("республика", "республиканың", "республикада"),  # a noun's "ка" stays
        ("халық", "халқы", "халқының", "халыққа"),  # a vowel dropped before a possessive
        ("ауыз", "аузы"),
        ("беру", "беріледі"),  # the passive's present "-іле/-ыла"
        ("ескеру", "ескеріле", "ескеріледі"),
        ("айту", "айтылады"),
        # the possessive "-сы" and the accusative "-н" after a vowel: "картасын" was "kartas"
        ("карта", "картасын", "картасы"),
        ("жоба", "жобасын", "жобасы"),
        ("бас", "басын"),  # too short for "-сын": "-ын"
        # "-лық/-лік" voiced before a vowel: "басымдығы" was "basimdig"
        ("басымдық", "басымдығы", "басымдыққа"),
        ("ынтымақтастық", "ынтымақтастығын", "ынтымақтастықты"),
        ("көпшілік", "көпшілігі"),
    ],
)
def test_forms_of_one_word_share_a_key(forms: tuple[str, ...]) -> None:
    assert len({word_key(f) for f in forms}) == 1, {f: word_key(f) for f in forms}


@pytest.mark.parametrize(
    ("one", "other"),
    [("сенім", "сен"), ("шешім", "шеш"), ("басым", "бас"), ("Қасым", "қас")],
)
def test_nouns_ending_in_im_are_not_cut_to_another_word(one: str, other: str) -> None:
    assert word_key(one) != word_key(other)


def test_ng_is_not_folded_to_the_ng_letter() -> None:
    # "сайланған" has н+ғ: "sailangan" must stay that word, not "сайлаңан".
    assert word_key("sailangan") == word_key("сайланған")
    assert word_key("engizdi") == word_key("енгізді")


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("oblysynyng", "облысының"), ("Qazaqstannyng", "Қазақстанның"), ("myng", "мың")],
)
def test_final_yng_is_the_ng_letter(latin: str, cyrillic: str) -> None:
    assert word_key(latin) == word_key(cyrillic)


def test_loanwords_ending_in_ing_keep_their_g() -> None:
    assert word_key("reiting") == word_key("рейтинг")


@pytest.mark.parametrize(
    "forms",
    [
        ("мақсат", "мақсаты", "мақсатын"),  # aim: the "т" is the word's, "-ы" the ending
        ("қаражат", "қаражаты"),
        ("карта", "картасы", "картасында"),  # "-та" follows only a voiceless consonant
        ("халық", "халыққа", "халықтың"),  # ... and after one it is still cut
        ("Тоқаев", "Тоқаевпен"),
    ],
)
def test_voiceless_endings_only_after_a_voiceless_consonant(forms: tuple[str, ...]) -> None:
    assert len({word_key(f) for f in forms}) == 1, {f: word_key(f) for f in forms}


def test_again_is_not_which() -> None:
    assert word_key("қайта") != word_key("қай")
