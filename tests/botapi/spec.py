"""The Bot API spec (tests/botapi/api.json, Bot API 10.1) and checks of calls against it.

api.json: {"version", "methods": {name: {"fields": [{name, types, required, description}],
"returns"}}, "types": {name: {"fields": [...], "subtypes": [...]}}}. A type string is a
primitive ("Integer", "String", "Boolean", "Float", "InputFile"), "Array of X", or a type name;
a type with subtypes is a union (InlineQueryResult, BotCommandScope, ...), told apart by its
`type` field ("must be article") where it has one.

aiogram posts form fields: strings as they are, numbers and booleans as JSON ("123", "true"),
objects and arrays as JSON strings. `decode` turns them back into values using the field's
types, `check` then validates the values. Unknown fields are ignored by Telegram, so they are
reported as non-fatal problems; a missing required field or a wrong type is fatal (400).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("api.json")

# Fields newer than (or dropped from) Bot API 10.1 that aiogram 3.31 sends without the bot
# asking for them. Each entry says why it is tolerated; every other unknown field is a violation.
ALLOWED_NEWER_FIELDS: dict[tuple[str, str], str] = {
    ("sendMessage", "disable_web_page_preview"): (
        "deprecated but still accepted by Telegram; aiogram sends it next to "
        "link_preview_options whenever DefaultBotProperties(link_preview_is_disabled=...) is set"
    ),
    ("editMessageText", "disable_web_page_preview"): "as for sendMessage",
    ("InputTextMessageContent", "disable_web_page_preview"): "as for sendMessage",
}

_PRIMITIVES = {"Integer", "Float", "String", "Boolean", "True", "InputFile"}
_DISCRIMINATOR_RE = re.compile(r"(?:must be|always) [\"“]?([A-Za-z0-9_]+)[\"”]?")
_TRUE_FORMS = {"true": True, "True": True, "1": True, "false": False, "False": False, "0": False}


@dataclass(frozen=True)
class Problem:
    """One way a call departs from the spec. `fatal`: Telegram would refuse the call."""

    path: str
    message: str
    fatal: bool

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class UploadedFile:
    """A multipart file part (InputFile); only its shape is kept."""

    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class FieldSpec:
    name: str
    types: tuple[str, ...]
    required: bool
    description: str


class BotApiSpec:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version: str = data["version"]
        self.methods: dict[str, dict[str, FieldSpec]] = {
            name: _fields(method) for name, method in data["methods"].items()
        }
        self.returns: dict[str, list[str]] = {
            name: list(method.get("returns", [])) for name, method in data["methods"].items()
        }
        self.types: dict[str, dict[str, FieldSpec]] = {
            name: _fields(type_) for name, type_ in data["types"].items()
        }
        self.subtypes: dict[str, list[str]] = {
            name: list(type_["subtypes"])
            for name, type_ in data["types"].items()
            if type_.get("subtypes")
        }
        self._by_lower = {name.lower(): name for name in self.methods}

    def canonical_method(self, name: str) -> str | None:
        """Telegram matches method names case-insensitively."""
        return self._by_lower.get(name.lower())

    # -- decoding form values -------------------------------------------------------------

    def decode(self, method: str, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Form strings back to values, by each field's spec types; unknown fields best-effort."""
        fields = self.methods.get(method, {})
        decoded: dict[str, Any] = {}
        for key, value in raw.items():
            field = fields.get(key)
            if not isinstance(value, str):
                decoded[key] = value
            elif field is None:
                decoded[key] = _json_or_string(value)
            else:
                decoded[key] = self.decode_form_value(value, field.types)
        return decoded

    def decode_form_value(self, value: str, types: tuple[str, ...]) -> Any:
        if all(t == "String" for t in types):
            return value
        if "Boolean" in types and value in _TRUE_FORMS:
            return _TRUE_FORMS[value]
        try:
            parsed = json.loads(value)
        except ValueError:
            return value  # a String (or an InputFile id/URL); a wrong type is flagged by check
        if isinstance(parsed, str) and "String" in types:
            return value  # a quoted string is the string itself, quotes included
        if any(not self.check_value(parsed, (t,), "") for t in types):
            return parsed
        return value if "String" in types or "InputFile" in types else parsed

    # -- checking values ----------------------------------------------------------------

    def check(self, method: str, params: Mapping[str, Any]) -> list[Problem]:
        fields = self.methods[method]
        problems = [
            Problem(name, "required field is missing", fatal=True)
            for name, field in fields.items()
            if field.required and name not in params
        ]
        for key, value in params.items():
            field = fields.get(key)
            if field is not None:
                problems += self.check_value(value, field.types, key)
            elif isinstance(value, UploadedFile):
                continue  # the part an "attach://name" value points to
            elif (method, key) not in ALLOWED_NEWER_FIELDS:
                problems.append(
                    Problem(key, f"unknown field for {method} in {self.version}", fatal=False)
                )
        return problems

    def check_value(self, value: Any, types: tuple[str, ...], path: str) -> list[Problem]:
        """No problems if `value` fits any of `types`; else the problems of the closest fit."""
        best: list[Problem] | None = None
        for type_name in types:
            problems = self._check_one(value, type_name, path)
            if not problems:
                return []
            if best is None or _weight(problems) < _weight(best):
                best = problems
        return best or []

    def _check_one(self, value: Any, type_name: str, path: str) -> list[Problem]:
        if type_name in _PRIMITIVES:
            if _is_primitive(value, type_name):
                return []
            return [Problem(path, f"must be {type_name}, got {_json_kind(value)}", fatal=True)]
        if type_name.startswith("Array of "):
            item_type = type_name.removeprefix("Array of ")
            if not isinstance(value, list):
                return [Problem(path, f"must be {type_name}, got {_json_kind(value)}", fatal=True)]
            problems: list[Problem] = []
            for index, item in enumerate(value):
                problems += self.check_value(item, (item_type,), f"{path}[{index}]")
            return problems
        if type_name in self.subtypes:
            return self._check_union(value, type_name, path)
        if type_name in self.types:
            return self._check_object(value, type_name, path)
        return []  # a type this spec doesn't describe: nothing to check against

    def _check_union(self, value: Any, type_name: str, path: str) -> list[Problem]:
        candidates = self.subtypes[type_name]
        if isinstance(value, dict):
            tagged = [(s, self._discriminator(s)) for s in candidates]
            matching = [s for s, tag in tagged if tag is not None and value.get(tag[0]) == tag[1]]
            if matching:
                candidates = matching
            elif all(tag is not None for _, tag in tagged):
                field = tagged[0][1][0] if tagged[0][1] else "type"
                return [
                    Problem(
                        path,
                        f"{field} {value.get(field)!r} is not one of the {type_name} kinds",
                        fatal=True,
                    )
                ]
        return self.check_value(value, tuple(candidates), path)

    def _check_object(self, value: Any, type_name: str, path: str) -> list[Problem]:
        if not isinstance(value, dict):
            return [Problem(path, f"must be a {type_name} object", fatal=True)]
        fields = self.types[type_name]
        where = f"{path}." if path else ""
        problems = [
            Problem(f"{where}{name}", f"required field of {type_name} is missing", fatal=True)
            for name, field in fields.items()
            if field.required and name not in value
        ]
        for key, item in value.items():
            field = fields.get(key)
            if field is not None:
                problems += self.check_value(item, field.types, f"{where}{key}")
            elif fields and (type_name, key) not in ALLOWED_NEWER_FIELDS:
                problems.append(
                    Problem(f"{where}{key}", f"unknown field of {type_name}", fatal=False)
                )
        return problems

    @cache  # noqa: B019 - the spec lives as long as the process anyway
    def _discriminator(self, type_name: str) -> tuple[str, str] | None:
        for field in self.types.get(type_name, {}).values():
            if field.name in ("type", "source", "status"):
                match = _DISCRIMINATOR_RE.search(field.description)
                if match:
                    return field.name, match.group(1)
        return None


@lru_cache(maxsize=4)
def load_spec(path: Path | None = None) -> BotApiSpec:
    with (path or SPEC_PATH).open(encoding="utf-8") as file:
        return BotApiSpec(json.load(file))


def _fields(entry: Mapping[str, Any]) -> dict[str, FieldSpec]:
    return {
        f["name"]: FieldSpec(f["name"], tuple(f["types"]), bool(f["required"]), f["description"])
        for f in entry.get("fields", [])
    }


def _weight(problems: list[Problem]) -> tuple[int, int]:
    return sum(p.fatal for p in problems), len(problems)


def _is_primitive(value: Any, type_name: str) -> bool:
    if type_name == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "Float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_name == "String":
        return isinstance(value, str)
    if type_name == "Boolean":
        return isinstance(value, bool)
    if type_name == "True":
        return value is True
    return isinstance(value, str | UploadedFile)  # InputFile: file_id, URL, attach:// or a part


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return f"String {value[:40]!r}"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    return type(value).__name__


def _json_or_string(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value
