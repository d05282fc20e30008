"""Fold every way of typing Kazakh into one alphabet, and cut words down to matching keys.

Measured in ../shared/notes/kazakh-matching.md: folding both sides (ә,э→a; і,ы,и,й→i; қ→k ...)
makes proper Cyrillic, Russian-keyboard Kazakh and both Latin alphabets meet, and stripping
suffixes after folding merges inflected forms (әкімдерінің → akim) without a real stemmer.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Bump when folding or keying changes: keys stored at ingest are recomputed on mismatch.
KEYING_VERSION = 16

# Informal Latin writes ғ as "gh" ("Taldyqorghan", "alghys"); г+һ never meets in Kazakh.
# "ng" is left alone: it is н+г/ғ as often as ң ("sailangan", "engizdi", "reitingi").
_MULTI = (("zh", "j"), ("sh", "ш"), ("ch", "ч"), ("kh", "h"), ("gh", "g"))
_CHAR_MAP = {
    # Kazakh letters and how they are typed without them
    "ә": "a",
    "э": "a",
    "ä": "a",
    "á": "a",  # the 2018 Latin alphabet writes ә ғ ң ө ү у with an acute: á ǵ ń ó ú ý
    "і": "i",
    "ы": "i",
    "и": "i",
    "й": "i",
    "y": "i",
    "ı": "i",
    "ї": "i",
    "ь": "",
    "ъ": "",
    "қ": "k",
    "q": "k",
    "к": "k",
    "c": "k",
    "ғ": "g",
    "ğ": "g",
    "ǵ": "g",
    "г": "g",
    "ң": "n",
    "ñ": "n",
    "ń": "n",
    "н": "n",
    "ө": "o",
    "ö": "o",
    "ó": "o",
    "о": "o",
    "ұ": "u",
    "ү": "u",
    "ü": "u",
    "ū": "u",
    "ú": "u",
    "ý": "u",
    "w": "u",
    "у": "u",
    "һ": "h",
    "х": "h",
    "x": "h",
    "ж": "j",
    "ш": "sh",
    "щ": "sh",
    "ş": "sh",
    "ч": "ch",
    "ç": "ch",
    "ц": "ts",
    # the rest of Cyrillic, letter for letter
    "а": "a",
    "б": "b",
    "в": "v",
    "д": "d",
    "е": "e",
    "ё": "e",
    "з": "z",
    "л": "l",
    "м": "m",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ф": "f",
    "ю": "iu",
    "я": "ia",
}
_FOLD_TABLE = str.maketrans(_CHAR_MAP)  # the same mapping, applied by str.translate
# Informal Latin writes ң as "ng" at a word's end after ы: the genitive "-nyng" ("oblysynyng"),
# "myng" (мың). Inside a word "ng" is н+г as often ("sailangan"), and "-ing", "-ting" end
# loanwords ("reiting", "holding"), so only a final "yng" is read as "ың".
_FINAL_YNG = re.compile(r"(?<=[a-z])yng\b")
_WORD = re.compile(r"\d+(?:[.,]\d+)?|%|[^\W\d_]+", re.UNICODE)
# "2 600" and "2 334" are one number; "4,5" and "4.5" are the same number.
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})[\s\u00a0\u202f](?=\d{3}(?!\d))")
# What _THOUSANDS needs to find anything: most sentences have none, and this scan is quicker.
_THOUSANDS_HINT = re.compile(r"\d[\s\u00a0\u202f]\d")


# Suffixes in folded spelling, stripped in the order Kazakh stacks them from the end of a word:
# case, then possessive, then plural, then a verbal ending; each layer at most once.
def _longest_first(*suffixes: str) -> tuple[str, ...]:
    return tuple(sorted(set(suffixes), key=len, reverse=True))


_CASE = _longest_first(
    "nin",
    "din",
    "tin",
    "ga",
    "ge",
    "ka",
    "ke",
    "na",
    "ne",
    "da",
    "de",
    "ta",
    "te",
    "nda",
    "nde",
    "dan",
    "den",
    "tan",
    "ten",
    "nan",
    "nen",
    "di",
    "ti",
    "ni",
    "in",
    "men",
    "ben",
    "pen",
    "dagi",
    "degi",
    "tagi",
    "tegi",
    "ndagi",
    "ndegi",
)
# No "-ым/-ім" (my): it is rare in news and questions, and cut from nouns that end so it
# made "сенім" (trust) "сен" (you), "шешім" (decision) "шеш", "басым" (most) "бас" (head),
# and "шешім" a key other than "шешімі", "шешімдер".
_POSSESSIVE = _longest_first("i", "si", "imiz", "iniz", "sin", "in", "miz")
_PLURAL = _longest_first("lar", "ler", "dar", "der", "tar", "ter")
# ... and the passive's present "-іле/-ыла" ("беріледі", "ескеріле ме" are "беру", "ескеру").
_VERBAL = _longest_first("gan", "gen", "kan", "ken", "u", "ui", "ip", "atin", "etin", "ile", "ila")
_LAYERS = (_CASE, _POSSESSIVE, _PLURAL, _VERBAL)
_MIN_KEY = 3
# Possessive -сы/-сі follows a vowel (партия+сы), -ы/-і a consonant (облыс+ы). After folding
# ы is "i" too, so "-si" is taken only after a, e, o, u.
_SI_AFTER = frozenset("aeou")
# -қа/-ке, -та/-те, -тың/-тің, -тан/-тен, -тар/-тер, -пен, -қан/-кен follow a voiceless
# consonant (and a devoiced final б, г, д, в in loanwords: "Тоқаевпен"): after a vowel or a
# sonorant the letters are the word's own ("карта", "мақсаты" is "мақсат", "қайта" is not
# "қай", "республика" keeps its "ка").
_VOICELESS = frozenset("kpstfhbgdv")
# First person plural -мыз/-міз after a vowel: "береміз" (we give) is "береді", "партиямыз"
# (our party) "партия"; after a consonant it is -ымыз/-іміз, "imiz" above.
_AFTER_VOWEL = frozenset({"si", "sin", "miz"})


# Names ending in "-стан" (country): its "тан" is no ablative ending, and "Қазақстан",
# "Қазақстанда", "Қазақстанның" were three keys ("kazaks", "kazaksta", "kazakstan"). A word
# beginning with one of them is keyed to it.
_STAN_NAMES = (
    "kazakstan",
    "kazahstan",
    "turkistan",
    "turkestan",
    "ozbekstan",
    "uzbekistan",
    "kirgizstan",
    "tatarstan",
    "tajikstan",
    "tadjikistan",
    "pakistan",
    "auganstan",
    "afganistan",
)


# Nouns that drop their last vowel before a possessive: "халық" / "халқы", "ауыз" / "аузы",
# "нарық" / "нарқы", "қалып" / "қалпы", "мұрын" / "мұрны" (folded, the contracted key → the
# full one). ("орын" / "орны" left out: "орында" is keyed "ori", see SearchIndex.expand.)
_CONTRACTED = {"halk": "halik", "auz": "auiz", "nark": "narik", "kalp": "kalip", "murn": "murin"}


_VOICED_LIK = ("lig", "dig", "tig")


def fold(text: str) -> str:
    """Lowercase and map every script and typing style onto one Latin-like alphabet."""
    lowered = text.lower()
    for pair, repl in _MULTI:
        lowered = lowered.replace(pair, repl)
    if "yng" in lowered:
        lowered = _FINAL_YNG.sub("yñ", lowered)
    return lowered.translate(_FOLD_TABLE)


def normalize_numbers(text: str) -> str:
    """'2 600' → '2600', '4.5' and '4,5' stay one token each (tokens() maps both to '4.5')."""
    return _THOUSANDS.sub(r"\1", text) if _THOUSANDS_HINT.search(text) else text


def raw_words(text: str) -> list[str]:
    """Words and numbers as written (numbers with thousands joined, decimal comma as a point)."""
    # Only numbers can hold a comma, and _WORD reads "," and "." alike: swapping them in the
    # whole text first gives the same words as swapping inside each number.
    return _WORD.findall(normalize_numbers(text).replace(",", "."))


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The matching key of one word: folded, suffixes stripped, at least three letters kept."""
    key = fold(word)
    if not key or not key[0].isalpha():
        return key
    if key.startswith(_STAN_NAMES):
        return next(name for name in _STAN_NAMES if key.startswith(name))
    for layer in _LAYERS:
        for suffix in layer:
            if not key.endswith(suffix) or len(key) - len(suffix) < _MIN_KEY:
                continue
            stem = key[: -len(suffix)]
            if suffix in _AFTER_VOWEL and stem[-1] not in _SI_AFTER:
                continue
            if suffix[0] in "ktp" and stem[-1] not in _VOICELESS:
                continue
            if (
                layer is _CASE
                and suffix == "in"
                and stem.endswith("s")
                and stem[-2:-1] in _SI_AFTER
                and len(stem) - 1 >= _MIN_KEY
            ):
                continue  # "картасын", "жобасын": the possessive "-сы" and "-н", not "-ын"
            if suffix[0] == "n" and _participle_before(stem):
                # "болғанда", "болғаны", "салынғанын": the н is the participle's (-ған), and
                # what follows it the ending (-да, the possessive -ы, -ы+н).
                rest = suffix[1:]
                stem = stem + "n" + ("" if rest in _CASE else rest)
            key = stem
            break
    if key.endswith(_VOICED_LIK) and len(key) < len(fold(word)):
        # "-лық/-лік" voiced before an ending: "басымдығы", "ынтымақтастығын", "көпшілігі" are
        # "басымдық", "ынтымақтастық", "көпшілік".
        return key[:-1] + "k"
    return _CONTRACTED.get(key, key)


def _participle_before(stem: str) -> bool:
    """Whether a stem ends in a participle's "-ға/-ге" (after any letter) or "-қа/-ке" (after a
    voiceless consonant) whose "н" a case ending seemed to begin: "болға|нда" is "болған|да";
    "республика|ның" keeps its "ка"."""
    if stem.endswith(("ga", "ge")):
        return len(stem) >= 5
    return stem.endswith(("ka", "ke")) and len(stem) >= 5 and stem[-3] in _VOICELESS


def keys(text: str) -> list[str]:
    """Matching keys of every word of a text, in order (duplicates kept)."""
    return list(map(word_key, raw_words(text)))


@lru_cache(maxsize=16_384)
def key_set(text: str) -> frozenset[str]:
    """The keys of a short text that recurs (a number's unit, a person's role) as a set
    (measured: "ауыл әкімі" 2.6 µs keyed anew, 0.3 µs kept)."""
    return frozenset(keys(text))


# Words recur (question words, the units and roles of facts, candidates' words): one folded
# once is a lookup after (measured: fold() of a word 1.3 µs, a cache hit 0.1 µs).
_fold_word = lru_cache(maxsize=65_536)(fold)


def folded_words(text: str) -> list[str]:
    """Folded words without suffix stripping: for phrase lists (question words, aliases)."""
    return list(map(_fold_word, raw_words(text)))
