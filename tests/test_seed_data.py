"""The seed data the answer engine matches with: regions, intents, the concept lexicon."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.corpus.regions import REQUIRED_REGION_IDS, RegionsError, load_regions
from bot.engine.models import QUESTION_INTENTS, SMALL_TALK
from bot.text.fold import folded_words

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LANGS = ("kk", "ru", "en")
ARTICLE_REGIONS = ("zhambyl", "almaty", "kazakhstan")
# Russian-keyboard spelling of Kazakh letters (the one the intents lists must contain).
KEYBOARD = str.maketrans("әіөұүқғңһ", "аиоуукгнх")


def _yaml(name: str) -> Any:
    return yaml.safe_load((SEEDS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regions() -> dict[str, Any]:
    return load_regions(SEEDS / "regions.yaml")


@pytest.fixture(scope="module")
def intents() -> dict[str, Any]:
    return _yaml("intents.yaml")


@pytest.fixture(scope="module")
def concepts() -> dict[str, dict[str, list[str]]]:
    return _yaml("lexicon.yaml")["concepts"]


def _phrases(block: dict[str, list[str]]) -> list[str]:
    return [phrase for lang in LANGS for phrase in block[lang]]


# ---- regions.yaml -------------------------------------------------------------------------


def test_regions_are_exactly_the_fixed_ids(regions: dict[str, Any]) -> None:
    assert sorted(regions) == sorted(REQUIRED_REGION_IDS)
    assert len(regions) == 21


def test_every_region_has_names_in_three_languages_and_a_kind(regions: dict[str, Any]) -> None:
    for region in regions.values():
        assert all(region.names[lang].strip() for lang in LANGS), region.id
        assert region.kind in ("oblast", "city", "country")
        assert (region.centre is not None) == (region.kind == "oblast"), region.id
        assert region.command == f"/{region.id}"


def test_no_alias_names_two_regions(regions: dict[str, Any]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for region in regions.values():
        for alias in region.aliases:
            owners[alias.lower()].add(region.id)
    shared = {alias: ids for alias, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_no_two_regions_fold_to_the_same_alias(regions: dict[str, Any]) -> None:
    """The engine compares folded words (Актобе, Ақтөбе, Aqtobe are one): still unambiguous."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for region in regions.values():
        for alias in region.aliases:
            owners[tuple(folded_words(alias))].add(region.id)
    assert not {alias: ids for alias, ids in owners.items() if len(ids) > 1}


@pytest.mark.parametrize("word", ["семей", "семьи", "оралды", "елді", "мекен", "ел", "республика"])
def test_everyday_words_are_not_region_names(regions: dict[str, Any], word: str) -> None:
    folded = tuple(folded_words(word))
    assert all(
        tuple(folded_words(alias)) != folded
        for region in regions.values()
        for alias in region.aliases
    )


def test_regions_have_enough_aliases(regions: dict[str, Any]) -> None:
    for region in regions.values():
        assert len(region.aliases) >= 8, region.id
        assert all(alias.strip() == alias and alias for alias in region.aliases), region.id
    for region_id in ARTICLE_REGIONS:
        assert len(regions[region_id].aliases) >= 25, region_id


def test_every_typing_style_of_zhambyl_is_known(regions: dict[str, Any]) -> None:
    aliases = {alias.lower() for alias in regions["zhambyl"].aliases}
    for spelling in (
        "жамбыл облысында",  # Kazakh
        "жамбылской области",  # Russian
        "джамбульская",  # Russian, old name
        "zhambyl region",  # English
        "jambyl oblysy",  # Kazakh Latin
        "тараз",  # the centre city
        "таразда",
    ):
        assert spelling in aliases, spelling


def test_the_almaty_rule(regions: dict[str, Any]) -> None:
    """A bare "Алматы" is the city; with an oblast word, or Қонаев, it is the oblast."""
    city = {alias.lower() for alias in regions["almaty_city"].aliases}
    oblast = {alias.lower() for alias in regions["almaty"].aliases}
    assert {"алматы", "алматыда", "almaty", "в алматы", "алматы қаласы"} <= city
    assert {"алматы облысы", "алматы облысында", "алматинской области", "almaty region"} <= oblast
    assert {"қонаев", "конаев", "qonaev", "қонаевта"} <= oblast
    assert "алматы" not in oblast


def test_country_aliases_cover_nationwide_phrasing(regions: dict[str, Any]) -> None:
    aliases = {alias.lower() for alias in regions["kazakhstan"].aliases}
    for phrase in ("еліміз бойынша", "елімізде", "по стране", "в казахстане", "nationwide"):
        assert phrase in aliases, phrase


def test_every_article_names_a_known_region(regions: dict[str, Any]) -> None:
    for article in sorted((SEEDS / "articles").glob("*.md")):
        front = article.read_text(encoding="utf-8").split("---")[1]
        assert yaml.safe_load(front)["region"] in regions, article.name


def test_regions_keep_file_order(regions: dict[str, Any]) -> None:
    listed = [entry["id"] for entry in _yaml("regions.yaml")["regions"]]
    assert list(regions) == listed


# ---- load_regions errors -------------------------------------------------------------------


def _write_regions(tmp_path: Path, entries: list[dict[str, Any]]) -> Path:
    path = tmp_path / "regions.yaml"
    path.write_text(yaml.safe_dump({"regions": entries}, allow_unicode=True), encoding="utf-8")
    return path


def _entry(region_id: str) -> dict[str, Any]:
    return {
        "id": region_id,
        "kind": "oblast",
        "centre": "X",
        "names": {"kk": region_id, "ru": region_id, "en": region_id},
        "aliases": [region_id],
    }


def _valid_entries() -> list[dict[str, Any]]:
    return [_entry(region_id) for region_id in REQUIRED_REGION_IDS]


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda entries: entries.pop(), "missing: kazakhstan"),
        (lambda entries: entries.append(_entry("zhambyl")), "'zhambyl' appears twice"),
        (lambda entries: entries[0]["names"].pop("ru"), "no 'ru' name"),
        (lambda entries: entries[0].__setitem__("aliases", "Абай"), "list of non-empty strings"),
        (lambda entries: entries[0].__setitem__("aliases", ["Абай", ""]), "non-empty strings"),
        (lambda entries: entries[0].__setitem__("kind", "village"), "kind 'village'"),
        (lambda entries: entries[0].pop("id"), "has no 'id'"),
    ],
)
def test_broken_regions_file_is_named_with_its_problem(
    tmp_path: Path, mutate: Any, problem: str
) -> None:
    entries = _valid_entries()
    mutate(entries)
    path = _write_regions(tmp_path, entries)
    with pytest.raises(RegionsError) as caught:
        load_regions(path)
    message = str(caught.value)
    assert str(path) in message and problem in message
    assert "\n" not in message


def test_missing_or_unparsable_regions_file(tmp_path: Path) -> None:
    with pytest.raises(RegionsError, match="does not exist"):
        load_regions(tmp_path / "nope.yaml")
    bad = tmp_path / "regions.yaml"
    bad.write_text("regions: [\n  - id: abai\n", encoding="utf-8")
    with pytest.raises(RegionsError, match="not valid YAML"):
        load_regions(bad)


def test_a_minimal_valid_file_loads(tmp_path: Path) -> None:
    regions = load_regions(_write_regions(tmp_path, _valid_entries()))
    assert list(regions) == list(REQUIRED_REGION_IDS)
    assert regions["abai"].aliases == ("abai",)


# ---- intents.yaml --------------------------------------------------------------------------


def _assert_language_block(block: Any, where: str) -> None:
    assert isinstance(block, dict) and set(block) == set(LANGS), where
    for lang in LANGS:
        words = block[lang]
        assert isinstance(words, list) and words, f"{where}.{lang}"
        for word in words:
            assert isinstance(word, str) and word.strip() == word and word, f"{where}.{lang}"


def test_intents_file_has_every_section(intents: dict[str, Any]) -> None:
    asked = [name for name in QUESTION_INTENTS if name != "empty"]  # "empty" needs no words
    assert set(intents["intents"]) == set(asked)
    assert set(intents["small_talk"]) == set(SMALL_TALK)
    for name, block in {**intents["intents"], **intents["small_talk"]}.items():
        _assert_language_block(block, name)
    for section in ("followup", "stopwords", "language_markers"):
        _assert_language_block(intents[section], section)


def test_question_words_people_type_are_there(intents: dict[str, Any]) -> None:
    words = intents["intents"]
    assert {"қанша", "канша", "qansha", "kansha", "неше"} <= set(words["count"]["kk"])
    assert {"сколько", "how many"} <= set(words["count"]["ru"] + words["count"]["en"])
    assert {"қашан", "кашан", "qashan"} <= set(words["when"]["kk"])
    assert {"кім", "ким", "kim"} <= set(words["who"]["kk"])
    assert {"какой", "какая", "какие", "каких", "каком"} <= set(words["which"]["ru"])
    assert {"кого", "кем", "чей"} <= set(words["who"]["ru"])
    assert {"неше пайыз", "какой процент", "what share"} <= set(_phrases(words["percent"]))


def test_kazakh_phrases_come_with_their_keyboard_spelling(intents: dict[str, Any]) -> None:
    blocks = {**intents["intents"], **intents["small_talk"]}
    for name, block in blocks.items():
        spelled = {word.lower() for word in block["kk"]}
        for word in block["kk"]:
            assert word.lower().translate(KEYBOARD) in spelled, (name, word)


def test_language_markers_tell_languages_apart(intents: dict[str, Any]) -> None:
    """The engine folds markers like the question, so they must differ after folding."""
    markers = {
        lang: {" ".join(folded_words(w)) for w in intents["language_markers"][lang]}
        for lang in LANGS
    }
    assert not markers["kk"] & markers["ru"]
    assert not markers["kk"] & markers["en"]
    # Kazakh typed without Kazakh letters is still recognisable.
    typed = {w.lower() for w in intents["language_markers"]["kk"]}
    assert {"канша", "кашан", "кандай", "облысында", "сайланды", "kansha", "qashan"} <= typed


def test_stopwords_never_swallow_question_words(intents: dict[str, Any]) -> None:
    for lang in LANGS:
        stop = {w.lower() for w in intents["stopwords"][lang]}
        asked = {w.lower() for block in intents["intents"].values() for w in block[lang]}
        assert not stop & asked, lang


# ---- lexicon.yaml --------------------------------------------------------------------------


def test_lexicon_structure(concepts: dict[str, dict[str, list[str]]]) -> None:
    assert len(concepts) >= 200
    for name, concept in concepts.items():
        assert set(concept) <= {"kk", "kk_alt", "kk_syn", "ru", "en"}, name
        assert concept.get("kk"), name
        # A concept bridges Russian or English to the articles, or Kazakh synonyms (kk_syn).
        assert concept.get("ru") or concept.get("en") or concept.get("kk_syn"), name
        for lang, words in concept.items():
            assert isinstance(words, list), (name, lang)
            for word in words:
                assert isinstance(word, str) and word.strip() == word and word, (name, lang)
            if lang in ("ru", "en"):  # stems are compared with lowercased question words
                assert all(word == word.lower() for word in words), (name, lang)


def test_what_the_engine_looks_for_is_a_short_plain_phrase(
    concepts: dict[str, dict[str, list[str]]],
) -> None:
    """The first kk entry is searched word by word: no hyphens, at most three words."""
    for name, concept in concepts.items():
        canonical = concept["kk"][0]
        assert "-" not in canonical, name
        assert 1 <= len(canonical.split()) <= 3, name


def test_every_concept_name_is_written_once() -> None:
    """YAML keeps the last of two equal keys without a word: a concept added under a name
    already taken would silently replace the other."""
    names = [
        line.strip().rstrip(":")
        for line in (SEEDS / "lexicon.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":")
    ]
    assert len(names) == len(set(names)), sorted(n for n in set(names) if names.count(n) > 1)


def _concepts_for(concepts: dict[str, dict[str, list[str]]], lang: str, phrase: str) -> set[str]:
    """The documented rule: a word matches an entry it starts with, phrases word by word."""
    words = phrase.lower().split()
    found: set[str] = set()
    for name, concept in concepts.items():
        for entry in concept.get(lang, []):
            parts = entry.split()
            for start in range(len(words) - len(parts) + 1):
                window = words[start : start + len(parts)]
                if all(w.startswith(p) for w, p in zip(window, parts, strict=True)):
                    found.add(name)
    return found


def _kk_for(concepts: dict[str, dict[str, list[str]]], lang: str, phrase: str) -> set[str]:
    return {kk for name in _concepts_for(concepts, lang, phrase) for kk in concepts[name]["kk"]}


@pytest.mark.parametrize(
    ("lang", "question_words", "article_word"),
    [
        ("ru", "сколько голов скота", "қой"),
        ("ru", "овец", "қой"),
        ("ru", "выдвинули себя сами", "өзін өзі ұсынып"),
        ("ru", "самовыдвиженцев", "өзін өзі ұсынып"),
        ("ru", "месяц", "ай"),
        ("ru", "проголосовали", "сайланды"),
        ("ru", "избраны", "сайланды"),
        ("ru", "глава села", "ауыл әкімі"),
        ("ru", "местная власть", "әкімдік"),
        ("ru", "жители доверяют", "сенім"),
        ("ru", "опрос", "сауалнама"),
        ("ru", "питьевая вода", "ауыз су"),
        ("ru", "кредитов", "несие"),
        ("ru", "средства", "қаражат"),
        ("ru", "школ построено", "мектеп"),
        ("ru", "женщин", "әйел"),
        ("en", "village head", "ауыл әкімі"),
        ("en", "microcredit loans", "шағын несие"),
        ("en", "livestock", "ірі қара"),
        ("en", "self-nominated", "өзін өзі ұсынып"),
        ("en", "average age", "орташа жасы"),
        ("en", "residents trust", "сенім"),
        ("en", "female", "әйел"),
        # Russian verb forms: past and singular ("повлияли", "живет", "строится", "дал").
        ("ru", "повлияли", "әсер"),
        ("ru", "живет", "тұрады"),
        ("ru", "строится", "салынды"),
        ("ru", "дал", "берді"),
        ("ru", "давал", "берді"),
        ("ru", "меньше", "азайды"),
        ("en", "nominated by", "ұсынып"),
        ("ru", "запустить", "бастау беру"),
        ("ru", "задачи поставил", "міндеттерді алға қойды"),
    ],
)
def test_questions_people_ask_reach_the_article_words(
    concepts: dict[str, dict[str, list[str]]], lang: str, question_words: str, article_word: str
) -> None:
    assert article_word in _kk_for(concepts, lang, question_words)


@pytest.mark.parametrize(
    ("paraphrase", "article_word"),
    [
        ("дауыс берді", "сайланды"),
        ("басшы", "әкім"),
        ("жергілікті билік", "әкімдік"),
        ("ақша", "қаражат"),
        ("кредит", "несие"),
    ],
)
def test_kazakh_paraphrases_reach_the_article_words(
    concepts: dict[str, dict[str, list[str]]], paraphrase: str, article_word: str
) -> None:
    assert any(
        paraphrase in concept.get("kk_alt", []) and article_word in concept["kk"]
        for concept in concepts.values()
    )
