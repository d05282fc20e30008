"""Reading `seeds/articles/*.md`: YAML front matter, then the article text as published.

Every problem is an ArticleError naming the file and, where it can, the line, so that an
operator can fix a broken file without reading a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

import yaml

from bot.corpus.front_matter import read_simple_front_matter
from bot.corpus.models import ArticleFile

FENCE = "---"
REQUIRED_TEXT_FIELDS = ("title", "source")
OPTIONAL_TEXT_FIELDS = ("url", "author", "summary")


class ArticleError(Exception):
    """A file that cannot be loaded: `str(err)` is "path:line: reason" (or "path: reason")."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.reason}"
        return f"{self.path}:{self.line}: {self.reason}"


def parse_article_file(path: Path, known_regions: Collection[str]) -> ArticleFile:
    """Parse one article file; raises ArticleError on anything an operator must fix."""
    name = str(path)
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as exc:
        raise ArticleError(name, None, f"cannot read file: {exc.strerror or exc}") from exc
    text = _decode(name, raw)
    lines = text.split("\n")

    if not lines or lines[0].rstrip("\r").strip() != FENCE:
        raise ArticleError(name, 1, "no YAML front matter: the file must start with a '---' line")
    closing = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip("\r").strip() == FENCE), None
    )
    if closing is None:
        raise ArticleError(name, 1, "front matter is not closed by a '---' line")

    front_text = "\n".join(lines[1:closing])
    meta, key_lines = _load_front_matter(name, front_text)
    front_line = 2  # the front matter's first line in the file; yaml marks count from 0

    def field_line(key: str) -> int:
        return key_lines[key] + front_line if key in key_lines else 1

    values: dict[str, str] = {}
    for key in REQUIRED_TEXT_FIELDS:
        if key not in meta or meta[key] is None:
            raise ArticleError(name, 1, f"missing {key} in the front matter")
        value = meta[key]
        if not isinstance(value, str) or not value.strip():
            raise ArticleError(name, field_line(key), f"{key} must be non-empty text")
        values[key] = value.strip()

    region = meta.get("region")
    if region is None:
        raise ArticleError(name, 1, "missing region in the front matter")
    if not isinstance(region, str) or region.strip() not in known_regions:
        raise ArticleError(name, field_line("region"), f"unknown region {str(region)!r}")

    date = _parse_date(meta.get("date"), name, field_line("date"))

    optional: dict[str, str | None] = {}
    for key in OPTIONAL_TEXT_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise ArticleError(name, field_line(key), f"{key} must be text")
        optional[key] = (value.strip() or None) if isinstance(value, str) else None

    body_line = closing + 2  # 1-based line after the closing fence
    body_lines = lines[closing + 1 :]
    body = "\n".join([line.rstrip("\r") for line in body_lines] if "\r" in text else body_lines)
    if not body.strip():
        raise ArticleError(name, body_line, "empty article text")

    return ArticleFile(
        path=name,
        article_id=(path if isinstance(path, Path) else Path(path)).stem,
        title=values["title"],
        region=region.strip(),
        source=values["source"],
        body=body,
        body_line=body_line,
        date=date,
        url=optional["url"],
        author=optional["author"],
        summary=optional["summary"],
        checksum=hashlib.sha256(raw).hexdigest(),
    )


def find_article_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders searched recursively for *.md. Sorted, each file once.

    Inside folders, hidden files and folders and README.md files are skipped: they are
    notes for people, not articles. A path that does not exist is kept, so that parsing
    it reports the missing file by name like any other broken one.
    """
    found: dict[str, Path] = {}
    identity = _Identities()
    for given in paths:
        given = given if isinstance(given, Path) else Path(given)
        if identity.is_dir(given):
            for candidate in given.rglob("*.md"):
                relative = candidate.relative_to(given)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if candidate.name.lower() == "readme.md" or not identity.is_file(candidate):
                    continue
                found.setdefault(identity(candidate), candidate)
        else:
            found.setdefault(identity(given), given)
    return sorted(found.values(), key=_path_order)


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


class _Identities:
    """What tells two paths to one file apart, and is_file() and is_dir(), for many files at
    once: one lstat a file instead of one per folder on its path, and plain strings where
    pathlib would parse each path again (20,000 files took half a second before the first
    one was read). A file that is no link resolves to its resolved folder plus its name.
    Links, and anything lstat cannot read, take the plain way."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}  # folder as given -> resolved
        self._modes: dict[str, int | None] = {}  # lstat's st_mode, None for links and errors

    def __call__(self, path: Path) -> str:
        """The file's identity: its resolved path, as the file system compares paths."""
        name = os.fspath(path)
        folder_name, base = os.path.split(name)
        if self._mode(name) is None or base in ("", ".", ".."):
            return os.path.normcase(os.fspath(_identity(path)))
        folder = self._folders.get(folder_name)
        if folder is None:
            folder = os.fspath(_identity(Path(folder_name or os.curdir)))
            self._folders[folder_name] = folder
        return os.path.normcase(os.path.join(folder, base))

    def is_file(self, path: Path) -> bool:
        mode = self._mode(os.fspath(path))
        return path.is_file() if mode is None else stat.S_ISREG(mode)

    def is_dir(self, path: Path) -> bool:
        mode = self._mode(os.fspath(path))
        return path.is_dir() if mode is None else stat.S_ISDIR(mode)

    def _mode(self, name: str) -> int | None:
        if name not in self._modes:
            try:
                mode: int | None = os.lstat(name).st_mode
            except (OSError, ValueError):
                mode = None
            self._modes[name] = None if mode is None or stat.S_ISLNK(mode) else mode
        return self._modes[name]


def _path_order(path: Path) -> tuple[str, ...]:
    """The order of sorted(paths), without Path's slow comparisons: by parts, case-folded
    where the file system ignores case (as PureWindowsPath compares)."""
    parts = path.parts
    return tuple(part.lower() for part in parts) if os.name == "nt" else parts


def _decode(name: str, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleError(name, line, "not UTF-8 text") from exc
    return text.removeprefix("\ufeff")


def _load_front_matter(name: str, front_text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The front matter as a dict, and each top-level key's 0-based line inside it."""
    simple = read_simple_front_matter(front_text)
    if simple is not None:
        return simple
    # libyaml's loader, where installed, parses front matter about ten times faster (ingest
    # at 20,000 articles); it reports the same marks.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(front_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if exc.context_mark is not None and (mark is None or mark.index >= len(front_text)):
            # An unclosed quote or bracket is found at the end of the front matter; the
            # line to fix is where it was opened.
            mark = exc.context_mark
        line = mark.line + 2 if mark is not None else 1
        problem = ", ".join(part for part in (exc.context, exc.problem) if part) or "unreadable"
        raise ArticleError(name, line, f"bad YAML front matter: {problem}") from exc
    except yaml.YAMLError as exc:
        raise ArticleError(name, 1, f"bad YAML front matter: {exc}") from exc
    except ValueError as exc:
        # PyYAML's date constructor raises ValueError for e.g. 2025-13-45.
        line, written = _date_line(front_text)
        raise ArticleError(name, line, f"bad date {written!r}: {exc}") from exc
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(name, 2, "front matter must be a mapping of 'key: value' lines")
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_lines[str(key_node.value)] = key_node.start_mark.line
    return data, key_lines


def _date_line(front_text: str) -> tuple[int, str]:
    """The file line of the `date:` key and the value as written there."""
    for number, line in enumerate(front_text.split("\n")):
        if line.startswith("date:"):
            return number + 2, line[len("date:") :].split("#")[0].strip()
    return 1, ""


def _parse_date(value: object, name: str, line: int) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ArticleError(name, line, f"bad date {value!r}: expected YYYY-MM-DD")
