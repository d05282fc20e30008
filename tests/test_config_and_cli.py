"""Configuration mistakes and the `python -m bot` command line, run as an operator runs them:
a subprocess with its own environment, in a folder without a `.env`."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import SEEDS, SETTINGS_VARIABLES, cli_env, one_line_error, run_cli
from tests.html_rules import check_telegram_html

GOOD_TOKEN = "123456789:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ag"
SEED_ARTICLES = sorted((SEEDS / "articles").glob("*.md"))


BAD_VALUES = [
    ("BOT_TOKEN", "not-a-token"),
    ("BOT_TOKEN", "123456789:short"),
    ("BOT_TOKEN", "AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ag"),
    ("BOT_TOKEN", GOOD_TOKEN + " trailing words"),
    ("ADMIN_IDS", "12345,alice"),
    ("ADMIN_IDS", "1;2"),
    ("LOG_LEVEL", "LOUD"),
    ("LOG_LEVEL", "10"),
    ("TELEGRAM_API_URL", "api.telegram.org"),
    ("TELEGRAM_API_URL", "http://127.0.0.1:99999"),
    ("TELEGRAM_API_URL", "http://127.0.0.1:port"),
    ("WEBHOOK_PORT", "eighty"),
]


def _check_one_line(variable: str, value: str, stdout: str, stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("forum-bot: ") and variable in lines[0]
    assert not stdout
    if variable == "BOT_TOKEN":
        assert value.strip() not in stderr and "AAEhBOweik6ad9r" not in stderr


@pytest.mark.parametrize(("variable", "value"), BAD_VALUES)
def test_bad_configuration_stops_with_one_line_naming_the_variable(
    variable: str,
    value: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every bad value, through the entry point in this process (fast)."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)  # no .env here
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, setting in cli_env(DATABASE_PATH=str(tmp_path / "db"), **{variable: value}).items():
        if name in SETTINGS_VARIABLES:
            monkeypatch.setenv(name, setting)
    with pytest.raises(SystemExit) as stopped:
        main(["ask", "x"])
    assert stopped.value.code != 0
    captured = capsys.readouterr()
    _check_one_line(variable, value, captured.out, captured.err)


@pytest.mark.parametrize(
    ("variable", "value"),
    [BAD_VALUES[0], BAD_VALUES[4], BAD_VALUES[6], BAD_VALUES[9]],
)
def test_bad_configuration_stops_the_real_command(
    tmp_path: Path, variable: str, value: str
) -> None:
    """One bad value per kind, as an operator meets it: `python -m bot ask x`."""
    result = run_cli(
        "ask", "x", cwd=tmp_path, DATABASE_PATH=str(tmp_path / "db"), env={variable: value}
    )
    assert result.returncode != 0
    _check_one_line(variable, value, result.stdout, result.stderr)


@pytest.mark.parametrize(
    "where",
    ["a file where the folder should be", "a folder where the file should be"],
)
def test_an_unusable_database_path_stops_with_one_line(tmp_path: Path, where: str) -> None:
    # chmod does not stop root (CI runs as root): these paths defeat root too.
    if where.startswith("a file"):
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        path = blocker / "data" / "bot.sqlite3"
    else:
        path = tmp_path / "data"
        path.mkdir()
    result = run_cli("ask", "x", cwd=tmp_path, DATABASE_PATH=str(path))
    line = one_line_error(result)
    assert "DATABASE_PATH" in line


def test_a_broken_seeds_file_stops_with_one_line(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    lexicon = seeds / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text("utf-8") + "\nbroken: [unclosed\n", "utf-8")
    result = run_cli(
        "ask",
        "x",
        cwd=tmp_path,
        SEEDS_DIR=str(seeds),
        DATABASE_PATH=str(tmp_path / "db"),
        LOG_LEVEL="WARNING",
    )
    line = one_line_error(result)
    assert "SEEDS_DIR" in line and "lexicon.yaml" in line


def test_a_missing_seeds_folder_stops_with_one_line(tmp_path: Path) -> None:
    result = run_cli(
        "ask",
        "x",
        cwd=tmp_path,
        SEEDS_DIR=str(tmp_path / "nowhere"),
        DATABASE_PATH=str(tmp_path / "db"),
    )
    assert "SEEDS_DIR" in one_line_error(result)


# ---- ask --json over standard input --------------------------------------------------------

LINES = [
    "Жамбыл облысында қанша ауыл әкімі сайланды?",
    "",
    "🙂🙂🇰🇿",
    "Сколько сельских акимов избрано в Жамбылской области?",
    "   ",
    "'; DROP TABLE articles; --",
    '<b>how many</b> & "NEAR(x" *',
    "қ" * 4096,
    "тағы",  # "more": no question before it, since no context is carried between lines
    ("How many village akims were elected in Zhambyl? " * 90)[:4096],
    "сәлем",
]


def test_ask_json_answers_every_stdin_line_with_one_object(tmp_path: Path) -> None:
    result = run_cli(
        "ask",
        "--json",
        cwd=tmp_path,
        stdin="\n".join(LINES) + "\n",
        DATABASE_PATH=str(tmp_path / "bot.sqlite3"),
        LOG_LEVEL="WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    outputs = result.stdout.splitlines()
    assert len(outputs) == len(LINES)
    for line, output in zip(LINES, outputs, strict=True):
        answer = json.loads(output)
        assert set(answer) == {"question", "language", "intent", "region", "reply", "facts"}
        assert answer["question"] == line
        assert answer["language"] in ("kk", "ru", "en")
        assert isinstance(answer["intent"], str) and answer["intent"]
        assert answer["region"] is None or isinstance(answer["region"], str)
        check_telegram_html(answer["reply"])
        scores = []
        for fact in answer["facts"]:
            assert set(fact) == {"text", "article_id", "region", "score"}
            assert isinstance(fact["score"], float | int)
            scores.append(fact["score"])
        assert scores == sorted(scores, reverse=True), "facts are best first"
    first = json.loads(outputs[0])
    assert first["facts"] and first["region"] == "zhambyl"
    assert json.loads(outputs[1])["facts"] == []
    # A blank line gets what the bot says to an empty message, like a line of spaces.
    blank, spaces = json.loads(outputs[1]), json.loads(outputs[4])
    assert blank["facts"] == spaces["facts"] == []
    assert (blank["intent"], blank["reply"]) == (spaces["intent"], spaces["reply"])
    more = json.loads(outputs[LINES.index("тағы")])
    assert more["facts"] == [] and "сұрақ" in more["reply"]


def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path: Path) -> None:
    # "python -m bot ask < questions.txt | head -1": the pipe closes under the answers.
    command = [sys.executable, "-m", "bot", "ask"]
    env = cli_env(DATABASE_PATH=str(tmp_path / "bot.sqlite3"), LOG_LEVEL="WARNING")
    with subprocess.Popen(
        command, cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:  # fmt: skip
        assert process.stdout is not None and process.stdin is not None
        process.stdout.close()
        _, errors = process.communicate("жамбылда қанша ауыл әкімі сайланды\n".encode() * 200)
    assert process.returncode == 141
    assert b"Traceback" not in errors and b"Error" not in errors, errors.decode()


def test_ask_with_an_unknown_region_says_which_exist(tmp_path: Path) -> None:
    result = run_cli(
        "ask", "x", "--region", "atlantis", cwd=tmp_path, DATABASE_PATH=str(tmp_path / "db")
    )
    line = result.stderr.strip().splitlines()[-1]
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "atlantis" in line and "zhambyl" in line


# ---- ingest ----------------------------------------------------------------------------------

BROKEN = """---
title: "Жарты мақала"
region: atlantis
source: "BAQ.KZ"
---
Мәтін.
"""


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_ingest_loads_the_good_article_and_names_the_broken_one(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(SEED_ARTICLES[0], folder / "nested" / "good.md")
    (folder / "broken.md").write_text(BROKEN, "utf-8")
    db = tmp_path / "bot.sqlite3"

    result = run_cli("ingest", str(folder), cwd=tmp_path, DATABASE_PATH=str(db))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    named = [line for line in result.stderr.splitlines() if "broken.md" in line]
    assert len(named) == 1
    path, line, reason = named[0].split(":", 2)
    assert path.endswith("broken.md") and line.isdigit() and reason.strip()
    assert "1 added" in result.stdout and "1 broken" in result.stdout
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM articles")] == ["good"]


def test_ingest_twice_changes_no_table(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    first = run_cli("ingest", cwd=tmp_path, DATABASE_PATH=str(db))
    assert first.returncode == 0, first.stderr
    before = _counts(db)
    with sqlite3.connect(db) as conn:
        meta = conn.execute("SELECT key, value FROM meta ORDER BY key").fetchall()
    second = run_cli("ingest", cwd=tmp_path, DATABASE_PATH=str(db))
    assert second.returncode == 0, second.stderr
    assert f"{len(SEED_ARTICLES)} unchanged" in second.stdout
    assert _counts(db) == before
    assert before["articles"] == len(SEED_ARTICLES)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT key, value FROM meta ORDER BY key").fetchall() == meta


def test_ingest_of_a_missing_path_says_so(tmp_path: Path) -> None:
    result = run_cli(
        "ingest", str(tmp_path / "nowhere"), cwd=tmp_path, DATABASE_PATH=str(tmp_path / "db")
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "nowhere" in result.stderr


def test_eval_never_lists_the_holdouts_failures(tmp_path: Path) -> None:
    result = run_cli(
        "eval", "--holdout", "--failures", cwd=tmp_path, DATABASE_PATH=str(tmp_path / "db")
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "never listed" in result.stderr
    assert "expected:" not in result.stdout


CHAT_LINES = (
    "/start",
    "/sources",
    "/lang en",
    "/help",
    "/unknown",
    "/regions",
    "/almaty how many rural districts",
)


def test_chat_takes_the_bots_commands_as_telegram_does(tmp_path: Path) -> None:
    result = run_cli(
        "chat",
        cwd=tmp_path,
        stdin="\n".join(CHAT_LINES),
        DATABASE_PATH=str(tmp_path / "db"),
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    replies = result.stdout.strip().split("\n\n")
    assert replies[0].startswith("Сәлеметсіз бе!")  # /start: the greeting and examples
    assert "• Жамбыл облысында қанша ауыл әкімі сайланды?" in replies[0]
    assert replies[1].startswith("Мақалалар (5):")  # /sources: the list, not a quote
    assert "\n1. «AMANAT» партиясы Жамбыл облысында" in replies[1]
    assert replies[2] == "/lang en: ✓"
    assert replies[3].startswith("I find facts in news articles")  # /help, in English now
    assert replies[4].startswith("I find facts in news articles")  # unknown: the help
    assert "• Zhambyl Region: /zhambyl (2 articles)" in replies[5]
    assert replies[6].startswith("131 ауылдық округ")  # a question inside the region at once
