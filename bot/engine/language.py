"""Which language a question is in, and how it was typed."""

from __future__ import annotations

import re

from bot.corpus.models import Language
from bot.engine.vocabulary import Vocabulary

_KAZAKH_CYRILLIC = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
# Letters only Kazakh Latin has, in the 2021 alphabet and the 2018 one with acutes (case
# listed by hand: IGNORECASE would let "ı" match "i").
_KAZAKH_LATIN = re.compile(r"[äğñöūüışáǵńóúýÄĞÑÖŪÜİŞÁǴŃÓÚÝ]")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
# Russian word endings that Kazakh words rarely have.
_RUSSIAN_ENDINGS = re.compile(
    r"(?:ого|ему|ой|ый|ий|ая|яя|ое|ые|ых|их|ов|ев|ам|ям|ами|ями|ость|ться|тся|ешь|ишь)$"
)

_CYRILLIC_WORD = re.compile(r"[а-яё]+")
_WORD = re.compile(r"\w+")
_RUSSIAN_ONLY_LETTER = re.compile(r"[ьъщё]")
_INFORMAL_LATIN_K = re.compile(r"q(?!u)")

STYLES = ("kk_cyr", "kk_kbd", "kk_lat", "ru", "en")


def detect_style(text: str, folded: list[str], vocab: Vocabulary) -> str:
    """kk_cyr | kk_kbd | kk_lat | ru | en: the language and the way it was typed."""
    if _KAZAKH_CYRILLIC.search(text):
        return "ru" if _russian_around_kazakh_names(text, folded, vocab) else "kk_cyr"
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic == 0 and latin == 0:
        return "kk_cyr"
    kk = float(_markers(folded, vocab, "kk"))
    if cyrillic >= latin:
        ru = float(_markers(folded, vocab, "ru"))
        lowered = text.lower()
        words = _CYRILLIC_WORD.findall(lowered)
        ru += sum(1 for w in words if len(w) > 3 and _RUSSIAN_ENDINGS.search(w)) * 0.5
        ru += 0.5 * len(_RUSSIAN_ONLY_LETTER.findall(lowered))
        return "kk_kbd" if kk > ru else "ru"
    if _KAZAKH_LATIN.search(text):
        return "kk_lat"
    en = float(_markers(folded, vocab, "en"))
    # "qansha", "qazaq": q without u is how informal Latin Kazakh writes қ.
    kk += 0.5 * len(_INFORMAL_LATIN_K.findall(text.lower()))
    return "kk_lat" if kk > en else "en"


def _russian_around_kazakh_names(text: str, folded: list[str], vocab: Vocabulary) -> bool:
    """Whether the Kazakh letters are only in names in a Russian question ("кто такой
    Тоқаев", "где находится Қонаев"): every word having them is capitalised, and the words
    say Russian more than Kazakh."""
    if any(not w[0].isupper() for w in _WORD.findall(text) if _KAZAKH_CYRILLIC.search(w)):
        return False
    return _markers(folded, vocab, "ru") > _markers(folded, vocab, "kk")


def _markers(folded: list[str], vocab: Vocabulary, language: str) -> int:
    """How many of the words are that language's markers."""
    markers = vocab.markers.get(language, ())
    return sum(1 for w in folded if w in markers)


def language_of(style: str) -> Language:
    if style.startswith("kk"):
        return "kk"
    return "ru" if style == "ru" else "en"
