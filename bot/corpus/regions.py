"""Load `seeds/regions.yaml`: every region of Kazakhstan, the country, and how people name them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.corpus.models import LANGUAGES, Region

# DESIGN.md fixes these ids: the slash commands and the articles' front matter rely on them.
REQUIRED_REGION_IDS: tuple[str, ...] = (
    "abai",
    "akmola",
    "aktobe",
    "almaty",
    "atyrau",
    "east_kazakhstan",
    "zhambyl",
    "zhetisu",
    "west_kazakhstan",
    "karaganda",
    "kostanay",
    "kyzylorda",
    "mangystau",
    "pavlodar",
    "north_kazakhstan",
    "turkistan",
    "ulytau",
    "astana",
    "almaty_city",
    "shymkent",
    "kazakhstan",
)
REGION_KINDS: tuple[str, ...] = ("oblast", "city", "country")


class RegionsError(Exception):
    """regions.yaml is missing or malformed: the message names the file and the problem."""


def load_regions(path: Path) -> dict[str, Region]:
    """Read and check regions.yaml; regions keyed by id, in file order."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("regions"), list):
        raise RegionsError(f"{path}: expected a top-level 'regions:' list.")
    regions: dict[str, Region] = {}
    for index, entry in enumerate(raw["regions"], start=1):
        region = _parse_region(path, index, entry)
        if region.id in regions:
            raise RegionsError(f"{path}: region id '{region.id}' appears twice.")
        regions[region.id] = region
    missing = [rid for rid in REQUIRED_REGION_IDS if rid not in regions]
    if missing:
        raise RegionsError(f"{path}: required region ids are missing: {', '.join(missing)}.")
    return regions


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegionsError(f"{path}: the regions file does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegionsError(f"{path}: cannot read the regions file ({exc}).") from None
    try:
        # The C loader where PyYAML has it: ten times quicker on 1,300 aliases.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise RegionsError(f"{path}: not valid YAML{where}.") from None


def _parse_region(path: Path, index: int, entry: object) -> Region:
    if not isinstance(entry, dict):
        raise RegionsError(f"{path}: region #{index} is not a mapping.")
    region_id = entry.get("id")
    if not isinstance(region_id, str) or not region_id.strip():
        raise RegionsError(f"{path}: region #{index} has no 'id'.")
    label = f"{path}: region '{region_id}'"

    kind = entry.get("kind", "oblast")
    if kind not in REGION_KINDS:
        raise RegionsError(f"{label} has kind {kind!r}; expected one of {', '.join(REGION_KINDS)}.")

    names = entry.get("names")
    if not isinstance(names, dict):
        raise RegionsError(f"{label} has no 'names' mapping.")
    for language in LANGUAGES:
        value = names.get(language)
        if not isinstance(value, str) or not value.strip():
            raise RegionsError(f"{label} has no '{language}' name.")

    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(
        isinstance(alias, str) and alias.strip() for alias in aliases
    ):
        raise RegionsError(f"{label}: 'aliases' must be a list of non-empty strings.")

    centre = entry.get("centre")
    if centre is not None and (not isinstance(centre, str) or not centre.strip()):
        raise RegionsError(f"{label}: 'centre' must be a city name or absent.")

    return Region(
        id=region_id,
        names={language: names[language].strip() for language in LANGUAGES},
        aliases=tuple(alias.strip() for alias in aliases),
        kind=kind,
        centre=centre.strip() if centre else None,
    )
