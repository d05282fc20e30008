"""The Dockerfile, read as Docker reads it (no Docker engine needed): a slim Python 3.11 image
that runs `python -m bot run` as an unprivileged user, with the seeds baked in and the SQLite
file on a volume."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    found: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        keyword, _, arguments = line.partition(" ")
        found.append((keyword.upper(), arguments.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return found


def arguments_of(keyword: str) -> list[str]:
    return [a for k, a in instructions() if k == keyword]


def environment() -> dict[str, str]:
    env: dict[str, str] = {}
    for arguments in arguments_of("ENV"):
        for item in shlex.split(arguments):
            name, _, value = item.partition("=")
            env[name] = value
    return env


def test_the_base_is_slim_python_3_11() -> None:
    (image,) = arguments_of("FROM")
    name, _, tag = image.partition(":")
    assert name in ("python", "docker.io/library/python")
    assert tag.startswith("3.11") and "slim" in tag


def test_the_bot_runs_as_an_unprivileged_user() -> None:
    steps = instructions()
    users = [i for i, (k, _) in enumerate(steps) if k == "USER"]
    assert users, "no USER: the bot would run as root"
    user = steps[users[-1]][1].split(":")[0]
    assert user not in ("root", "0")
    cmd = next(i for i, (k, _) in enumerate(steps) if k == "CMD")
    assert users[-1] < cmd


def test_the_command_is_the_bot_in_exec_form() -> None:
    (cmd,) = arguments_of("CMD")
    assert json.loads(cmd) == ["python", "-m", "bot", "run"]  # exec form: signals reach Python
    assert not arguments_of("ENTRYPOINT")


def test_the_database_lives_on_a_volume() -> None:
    volumes = [
        v
        for a in arguments_of("VOLUME")
        for v in (json.loads(a) if a.startswith("[") else a.split())
    ]
    database = environment()["DATABASE_PATH"]
    assert any(database.startswith(v.rstrip("/") + "/") for v in volumes), (database, volumes)
    assert "/app/data" in volumes


def test_the_seeds_are_baked_in_where_seeds_dir_points() -> None:
    copies = [shlex.split(a) for a in arguments_of("COPY")]
    seeds = [c for c in copies if c[0].rstrip("/") == "seeds"]
    assert seeds, "the seeds are not copied into the image"
    workdir = arguments_of("WORKDIR")[-1]
    destination = seeds[0][-1]
    baked = destination if destination.startswith("/") else f"{workdir}/{destination}"
    assert Path(baked).as_posix().rstrip("/") in (
        environment()["SEEDS_DIR"].rstrip("/"),
        "/app/seeds",
    )


def test_the_project_is_installed_without_dev_extras() -> None:
    runs = " ".join(arguments_of("RUN"))
    install = re.search(r"pip install ([^&;]*)", runs)
    assert install, "the project is not installed with pip"
    assert "[dev]" not in install.group(1) and " -e" not in f" {install.group(1)}"
    copied = {shlex.split(a)[0] for a in arguments_of("COPY")} | {
        s for a in arguments_of("COPY") for s in shlex.split(a)[:-1]
    }
    readme = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"].get("readme")
    for needed in ("pyproject.toml", "bot", readme):
        if needed:
            assert needed in copied, f"pip install . needs {needed} in the image"
    for source in copied:
        assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"


def _ignored(path: str) -> bool:
    patterns = [
        p.strip()
        for p in DOCKERIGNORE.read_text("utf-8").splitlines()
        if p.strip() and not p.startswith("#")
    ]
    return any(
        fnmatch.fnmatch(path, p)
        or fnmatch.fnmatch(path, p.removeprefix("**/"))
        or path.startswith(p + "/")
        for p in patterns
    )


@pytest.mark.parametrize(
    "path",
    [
        ".venv",
        "data",
        ".git",
        ".env",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".hypothesis",
        "tests",
    ],
)
def test_the_build_context_leaves_out(path: str) -> None:
    assert _ignored(path)


@pytest.mark.parametrize("path", ["bot", "seeds", "pyproject.toml", "README.md"])
def test_the_build_context_keeps(path: str) -> None:
    assert not _ignored(path)
