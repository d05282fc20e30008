"""A synthetic corpus in the seeds' format, to measure the bot at scale.

Articles look like the real ones to every stage of the loader: YAML front matter with a
region from regions.yaml, then web-page debris (clocks, breadcrumbs, widget headings,
captions) around 10–25 Kazakh sentences. The sentences are built from templates over the
corpus's own vocabulary (ауыл әкімі, сайлау, мәслихат, партия, форум, несие, пайыз ...) with
numbers, names and places, so that they compete with the real facts for every question
rather than being noise the index skips.

Deterministic: article i depends only on (seed, i), so a smaller corpus is a prefix of a
larger one made with the same seed, and the same arguments always write the same bytes.

    python -m bot.bench.synthetic --articles 1000 --out data/bench/corpus --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

# Bump when the output changes for the same arguments: cached corpora are rebuilt.
GENERATOR_VERSION = 3
DEFAULT_SEED = 20251128
MIN_SENTENCES = 10
MAX_SENTENCES = 25
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REGIONS = ROOT / "seeds" / "regions.yaml"

PARTIES = ("AMANAT", "Ақ жол", "Respublica", "Ауыл", "Халық", "ЖСДП")
SOURCES = ("BAQ.KZ", "Kazinform", "Arainfo.kz", "El.kz", "Egemen Qazaqstan", "unknown")
FIRST_NAMES = (
    "Ержан", "Марат", "Қанатбек", "Дауыл", "Қуат", "Айгүл", "Гүлнар", "Бауыржан", "Серік",
    "Нұрлан", "Жанар", "Әсел", "Ақмарал", "Берік", "Ерлан", "Талғат", "Сәуле", "Дәурен",
    "Мақсат", "Айдос", "Ләззат", "Бақыт", "Асхат", "Динара",
)  # fmt: skip
# Surnames no real article uses: a synthetic "облыс әкімінің орынбасары Қанатбек Мәдібек"
# would not be a distractor but a second, false answer about a real person.
SURNAMES = (
    "Омаров", "Тұрсынов", "Ахметов", "Сейітқали", "Нұрпейісов", "Әбдірахманов", "Қасымов",
    "Серікбаев", "Жұмабеков", "Оспанов", "Төлеуов", "Исаев", "Мұқанов", "Ермеков",
    "Бекболатов", "Сапаров", "Нұрланов", "Әлімжанов", "Тілеубаев", "Құдайбергенов",
)  # fmt: skip
ROLES = (
    "облыс әкімінің орынбасары", "аудан әкімі", "ауыл әкімі", "мәслихат хатшысы",
    "партия филиалының төрағасы", "облыстық мәслихат депутаты", "басқарма басшысы",
    "партия хатшысы", "ауылдық округ әкімі",
)  # fmt: skip
DISTRICTS = (
    "Байзақ", "Жуалы", "Талас", "Сарысу", "Мерке", "Шу", "Қордай", "Еңбекшіқазақ", "Талғар",
    "Іле", "Қарасай", "Балқаш", "Райымбек", "Ұйғыр", "Сайрам", "Созақ", "Отырар", "Бәйдібек",
    "Мақтаарал", "Қазығұрт", "Аршалы", "Бурабай", "Ерейментау", "Қарғалы", "Мұғалжар",
    "Жаңақала", "Теректі", "Бөкей ордасы", "Шет", "Абай", "Жаңаарқа", "Қармақшы", "Тайынша",
)  # fmt: skip
VILLAGES = (
    "Ақсу", "Қарабұлақ", "Көктерек", "Жаңатұрмыс", "Бірлік", "Ынтымақ", "Саты", "Шолаққорған",
    "Ақтөбе", "Бесқайнар", "Үшарал", "Қызылжар", "Жаңаталап", "Тұрар", "Көкбастау",
    "Алғабас", "Ақкөл", "Бостандық", "Достық", "Қаракемер", "Талдыбұлақ", "Төле би",
)  # fmt: skip
TOPICS = (
    "ауыл шаруашылығы", "кәсіпкерлік", "білім беру", "денсаулық сақтау", "жол құрылысы",
    "ауыз су", "жастар саясаты", "тұрғын үй", "әлеуметтік сала", "мал шаруашылығы",
)  # fmt: skip
UNITS = (
    "мектеп", "балабақша", "медициналық пункт", "спорт алаңы", "мәдениет үйі", "көпқабатты үй",
    "жұмыс орны", "шағын кәсіпорын",
)  # fmt: skip

# Templates: {loc} the place in the locative ("Жамбыл облысында"), {district}, {village},
# {party}, {person}, {role}, {year}, {n}, {m} small counts, {p} a percentage, {money} an
# amount in теңге, {topic}, {unit}, {age}.
SENTENCES = (
    "{loc} {year} жылы {n} ауыл әкімі сайланды.",
    "{district} ауданында {m} ауылдық округ әкімінің сайлауы өтті.",
    "Сайлауға {m} үміткер қатысып, сайлаушылардың {p} пайызы дауыс берді.",
    "«{party}» партиясы {loc} {m} үміткерді ауыл әкімі сайлауына ұсынды.",
    "Сайланған ауыл әкімдерінің {n}-і – «{party}» партиясының мүшелері.",
    "Жаңа әкімдердің {p} пайызы бұрын мемлекеттік қызметте болмаған.",
    "Әкімдердің орташа жасы – {age} жас.",
    "{loc} «{party}» партиясының ауыл әкімдері форумы өтті.",
    "Форумға {n} адам қатысып, {topic} мәселелері талқыланды.",
    "Жиынға {role} {person} қатысты.",
    "{role} {person} форумда сөз сөйледі.",
    "Оның айтуынша, {year} жылы өңірде {m} {unit} салынады.",
    "Олардың {p} пайызы – әйел азаматтары.",
    "Облыстық мәслихаттың {m} депутаты «{party}» партиясының мүшесі.",
    "Аудандық мәслихат депутаттарының {p} пайызы алғаш рет сайланды.",
    "Мәслихат депутаттары жыл басынан бері {n} азаматты қабылдады.",
    "Оның {m}-інің өтініші оң шешімін тапты.",
    "{village} ауылындағы мектепті жөндеуге {money} теңге бөлінді.",
    "Жергілікті бюджеттен {topic} саласына {money} теңге қаржы қарастырылды.",
    "Шағын бизнесті қолдау бағдарламасы аясында {n} кәсіпкерге {money} теңге несие берілді.",
    "Несие жылдық {p} пайызбен {m} жылға беріледі.",
    "{village} ауылында {m} жаңа {unit} ашылды.",
    "Сауалнамаға сәйкес тұрғындардың {p} пайызы ауыл әкімінің жұмысына көңілі толатынын айтты.",
    "{year} жылдан бері {loc} {n} ауыл әкімі тікелей сайланды.",
    "Бұл – өңір үшін маңызды қадам, деді {person}.",
    "Аталған бағдарлама аясында {n} жұмыс орны ашылады.",
    "Биыл {loc} {m} ауылда жол жөндеуден өтті.",
    "«Ауылдың дамуы – еліміздің тірегі», – деді {role} {person}.",
    "Жастардың {p} пайызы ауылда қалуға ниетті екені анықталды.",
    "Сондай-ақ {district} ауданының {m} ауылына ауыз су тартылды.",
    "Партия филиалы {year} жылы {n} азаматтың өтінішін қарады.",
    "{loc} ауыл халқының саны {n} адамға жетті.",
    "Форум аясында {m} панельдік сессия өтті.",
    "Себебі ауылдағы {topic} мәселесі әлі де шешімін таппаған.",
    "Мектеп түлектерінің {p} пайызы жоғары оқу орнына түсті.",
    "Оларға жалпы сомасы {money} теңге грант берілді.",
)  # fmt: skip
TITLES = (
    "{loc} ауыл әкімдерінің форумы өтті",
    "«{party}» партиясы {loc} депутаттармен кездесу өткізді",
    "{loc} {year} жылы {n} ауыл әкімі сайланды",
    "{district} ауданында жаңа {unit} ашылды",
    "{loc} мәслихат депутаттарының форумы өтті",
    "{loc} кәсіпкерлерге {money} теңге несие берілді",
)  # fmt: skip
# Page chrome the cleaner must remove (compare bot/corpus/clean.py).
WIDGETS = (
    "- Advertisment -", "Most Popular", "Recent Comments", "Ұқсас жаңалықтар", "Пікір қалдыру",
    "Бөлісу", "Жарнама", "Тағы оқыңыз", "Соңғы жаңалықтар", "RELATED ARTICLES",
)  # fmt: skip
WEEKDAYS = ("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі")
MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
    "қазан", "қараша", "желтоқсан",
)  # fmt: skip
_FRONT_VOWELS = frozenset("еіәөүи")
_VOWELS = frozenset("аеёиоуыэюяәіөұү")
_VOICELESS = frozenset("кқптсшщфхцч")


@dataclass(frozen=True, slots=True)
class Place:
    region: str  # the region id
    locative: str  # "Жамбыл облысында"


def locative(name: str) -> str:
    """'Жамбыл облысы' → 'Жамбыл облысында', 'Шымкент' → 'Шымкентте', 'Астана' → 'Астанада'."""
    if name.endswith(("ы", "і")):  # a possessive (облысы, қаласы) takes -нда/-нде
        return name + ("нде" if name[-1] == "і" else "нда")
    last_vowel = next((ch for ch in reversed(name.lower()) if ch in _VOWELS), "а")
    vowel = "е" if last_vowel in _FRONT_VOWELS else "а"
    consonant = "т" if name[-1].lower() in _VOICELESS else "д"
    return f"{name}{consonant}{vowel}"


def load_places(regions_file: Path = DEFAULT_REGIONS) -> list[Place]:
    """Every region of regions.yaml, in file order, with its Kazakh name in the locative."""
    data = yaml.safe_load(regions_file.read_text(encoding="utf-8"))
    return [Place(r["id"], locative(r["names"]["kk"])) for r in data["regions"]]


def article_text(index: int, seed: int, places: Sequence[Place]) -> str:
    """Article number `index` as a whole file: front matter, debris, paragraphs."""
    rng = random.Random(f"{seed}:{index}")
    place = places[index % len(places)]  # round robin: every region gets its share

    def fill(template: str) -> str:
        text = template.format_map(_slots(rng, place))
        return text[:1].upper() + text[1:]

    title = fill(rng.choice(TITLES))
    date = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
    front = {"title": title, "region": place.region, "source": rng.choice(SOURCES)}
    if rng.random() < 0.8:
        front["date"] = date.isoformat()
    if rng.random() < 0.5:
        front["url"] = f"https://example.kz/news/{seed}-{index}"
    lines = ["---", *(f"{k}: {_yaml_value(v)}" for k, v in front.items()), "---"]

    # Debris a page carries before the text: a clock, a breadcrumb, the headline again.
    weekday, month = rng.choice(WEEKDAYS), rng.choice(MONTHS)
    lines.append(f"{weekday}, {date.day} {month}, {date.year}")
    if rng.random() < 0.5:
        lines.append(f"Басты бетЖаңалықтар{title}")
    lines += ["", title, ""]

    count = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
    sentences = [fill(t) for t in rng.sample(SENTENCES, k=min(count, len(SENTENCES)))]
    while len(sentences) < count:
        sentences.append(fill(rng.choice(SENTENCES)))
    while sentences:
        size = rng.randint(2, 5)
        lines.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
        if rng.random() < 0.15:
            lines.append(f"Фото: {rng.choice(DISTRICTS)} әкімдігі")  # a photo credit

    # Debris after the text: widgets, comment counters, a byline.
    lines.append("")
    lines += rng.sample(WIDGETS, k=rng.randint(1, 3))
    if rng.random() < 0.3:
        lines.append(f"{rng.randint(1, 40)} пікір")
    if rng.random() < 0.3:
        lines.append(f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES).upper()}")
    return "\n".join(lines) + "\n"


def _slots(rng: random.Random, place: Place) -> dict[str, str]:
    return {
        "loc": place.locative,
        "district": rng.choice(DISTRICTS),
        "village": rng.choice(VILLAGES),
        "party": rng.choice(PARTIES),
        "person": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
        "role": rng.choice(ROLES),
        "year": str(rng.randint(2019, 2025)),
        "n": _count(rng),
        "m": str(rng.randint(2, 60)),
        "p": _percent(rng),
        "money": _money(rng),
        "topic": rng.choice(TOPICS),
        "unit": rng.choice(UNITS),
        "age": str(rng.randint(32, 55)),
    }


def _count(rng: random.Random) -> str:
    value = rng.randint(10, 9000)
    # News writes thousands with a space ("2 334"); the loader must read both forms.
    return (
        f"{value // 1000} {value % 1000:03d}"
        if value >= 1000 and rng.random() < 0.5
        else str(value)
    )


def _percent(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"{rng.randint(1, 99)},{rng.randint(1, 9)}"
    return str(rng.randint(1, 99))


def _money(rng: random.Random) -> str:
    scale = rng.choice(("мың", "млн", "млрд"))
    if rng.random() < 0.4:
        return f"{rng.randint(1, 99)},{rng.randint(1, 9)} {scale}"
    return f"{rng.randint(2, 950)} {scale}"


def _yaml_value(value: str) -> str:
    if value.replace("_", "").replace("-", "").isalnum() and value.isascii():
        return value  # a region id or a date: unquoted, as the seeds write them
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def file_name(index: int, seed: int) -> str:
    return f"syn_{seed}_{index:06d}.md"


def generate(
    out: Path, articles: int, seed: int = DEFAULT_SEED, *, regions_file: Path = DEFAULT_REGIONS
) -> list[Path]:
    """Write articles 0..articles-1 into `out` (files already there with the same bytes are
    left alone) and return their paths in order."""
    places = load_places(regions_file)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for index in range(articles):
        path = out / file_name(index, seed)
        data = article_text(index, seed, places).encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.synthetic",
        description="Write a synthetic corpus of Kazakh articles in the seeds format.",
    )
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the random seed")
    parser.add_argument(
        "--regions", type=Path, default=DEFAULT_REGIONS, help="regions.yaml to take ids from"
    )
    args = parser.parse_args(argv)
    if args.articles < 0:
        parser.error("--articles must be 0 or more")
    paths = generate(args.out, args.articles, args.seed, regions_file=args.regions)
    print(f"{len(paths)} articles in {args.out} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
