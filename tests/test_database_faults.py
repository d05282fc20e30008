"""The SQLite file in every bad state an operator meets: locked, missing, corrupt, from a newer
bot, read-only, from an older bot, and an ingest that dies half-way. Each one either keeps
answering or stops with one sentence that names DATABASE_PATH and says what to do."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.services import Services, regions_from
from bot.store import db as db_module
from bot.store import ingest as ingest_module
from bot.store.db import DatabaseError, Store
from bot.store.ingest import ingest
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION
from bot.store.stats import format_stats
from tests.cli_run import ROOT, SEEDS, one_line_error, run_cli
from tests.conftest import make_settings

QUESTION = "Жамбыл облысында қанша ауыл әкімі сайланды?"
SEED_ARTICLES = sorted((SEEDS / "articles").glob("*.md"))
CORPUS_TABLES = ("regions", "articles", "sentences", "facts")
WAIT = 0.3  # a short busy timeout, so a locked database fails fast in tests


def copy_of(seeded_db: Path, folder: Path) -> Path:
    target = folder / "bot.sqlite3"
    shutil.copy(seeded_db, target)
    return target


def counts(path: Path) -> dict[str, int]:
    """Every table's row count, read with a plain sqlite3 connection."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def one_sentence(message: str, path: Path) -> None:
    assert "DATABASE_PATH" in message and str(path) in message, message
    assert "\n" not in message and "Traceback" not in message, message
    assert message.rstrip().endswith("."), message


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """A second connection (another thread of this process) holding BEGIN EXCLUSIVE."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
sys.stdin.read()  # until the test closes our stdin
"""


@contextmanager
def lock_in_another_process(path: Path) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


def rollback_journal(path: Path) -> None:
    """Switch a file out of WAL: then a writer's lock keeps readers out too."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")


# ---- locked --------------------------------------------------------------------------------


async def test_a_locked_database_waits_then_says_which_file(
    seeded_db: Path, tmp_path: Path
) -> None:
    path = copy_of(seeded_db, tmp_path)
    rollback_journal(path)
    with exclusive_lock(path):
        started = time.monotonic()
        with pytest.raises(DatabaseError) as caught:
            await Store.open(path, busy_timeout=WAIT)
        waited = time.monotonic() - started
    assert waited >= WAIT * 0.9, "it gave up without waiting busy_timeout"
    one_sentence(str(caught.value), path)
    assert "locked" in str(caught.value)


async def test_a_writer_in_another_process_delays_nothing_but_the_statistics(
    seeded_db: Path, tmp_path: Path, engine: Engine
) -> None:
    """WAL: while another process writes, the bot opens and answers (the engine holds the
    corpus in memory); the question log waits busy_timeout, then gives up quietly."""
    path = copy_of(seeded_db, tmp_path)
    with lock_in_another_process(path):
        store = await Store.open(path, busy_timeout=WAIT)
        try:
            answer = engine.answer(QUESTION, Context())
            assert answer.facts
            started = time.monotonic()
            row = await store.log_question("test", answer)
            waited = time.monotonic() - started
            assert (await store.stats()).articles == len(SEED_ARTICLES)  # reads still work
        finally:
            await store.close()
    assert row is None
    assert waited >= WAIT * 0.9, "the question log gave up without waiting busy_timeout"


async def test_ingest_into_a_locked_database_changes_nothing(
    seeded_db: Path, tmp_path: Path
) -> None:
    path = copy_of(seeded_db, tmp_path)
    changed = _changed_articles(tmp_path / "changed")
    before = counts(path)
    store = await Store.open(path, busy_timeout=WAIT)
    try:
        with lock_in_another_process(path), pytest.raises((DatabaseError, sqlite3.Error)):
            await ingest(store, [changed], regions_from(SEEDS))
    finally:
        await store.close()
    assert counts(path) == before


# The CLI as installed, but with a 0.5 s busy timeout instead of 5 s to keep the tests fast.
CLI_WAITING_LESS = f"""
import sys
import bot.store.db
bot.store.db.BUSY_TIMEOUT_S = {WAIT}
from bot.cli import main
main()
"""


def test_ask_on_a_locked_database_prints_one_sentence(seeded_db: Path, tmp_path: Path) -> None:
    path = copy_of(seeded_db, tmp_path)
    rollback_journal(path)
    with lock_in_another_process(path):
        started = time.monotonic()
        result = run_cli(
            "ask", "x", cwd=tmp_path, python_code=CLI_WAITING_LESS, DATABASE_PATH=str(path)
        )
        waited = time.monotonic() - started
    line = one_line_error(result)
    assert "locked" in line and f"waited {WAIT:g} s" in line
    one_sentence(line.removeprefix("forum-bot: "), path)
    assert waited >= WAIT


def test_cli_ingest_on_a_locked_database_prints_one_sentence(
    seeded_db: Path, tmp_path: Path
) -> None:
    path = copy_of(seeded_db, tmp_path)
    changed = _changed_articles(tmp_path / "changed")
    before = counts(path)
    with lock_in_another_process(path):
        result = run_cli(
            "ingest",
            str(changed),
            cwd=tmp_path,
            python_code=CLI_WAITING_LESS,
            DATABASE_PATH=str(path),
        )
    line = one_line_error(result)
    assert "locked" in line
    one_sentence(line.removeprefix("forum-bot: "), path)
    assert counts(path) == before


# ---- missing -------------------------------------------------------------------------------


async def test_a_missing_database_is_created_and_loaded_with_the_seeds(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, database_path=tmp_path / "new" / "folders" / "bot.sqlite3")
    services = await Services.open(settings)
    try:
        assert await services.store.article_count() == len(SEED_ARTICLES)
        assert services.engine.answer(QUESTION, Context()).facts
    finally:
        await services.close()
    assert settings.database_path.exists()


async def test_an_empty_file_is_treated_as_a_new_database(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.database_path.touch()
    services = await Services.open(settings)
    try:
        assert await services.store.article_count() == len(SEED_ARTICLES)
    finally:
        await services.close()


# ---- corrupt -------------------------------------------------------------------------------


def _random_bytes(path: Path, size: int, seed: int) -> None:
    path.write_bytes(random.Random(seed).randbytes(size))


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_a_file_of_random_bytes_says_to_rebuild(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "bot.sqlite3"
    _random_bytes(path, 8192, seed)
    original = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        await Services.open(make_settings(tmp_path))
    one_sentence(str(caught.value), path)
    assert "ingest" in str(caught.value)
    assert path.read_bytes() == original, "a corrupt file must be left for the operator"


async def test_a_database_with_damaged_pages_says_to_rebuild(
    seeded_db: Path, tmp_path: Path
) -> None:
    """A valid header over garbage: SQLite opens it and fails on the first real read."""
    path = copy_of(seeded_db, tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    noise = random.Random(7).randbytes(len(data) - 2 * page)
    data[2 * page :] = noise
    path.write_bytes(bytes(data))
    with pytest.raises((DatabaseError, sqlite3.DatabaseError)):
        await Services.open(make_settings(tmp_path))
    # Which call meets the damage depends on the page; the operator sees one sentence anyway.
    line = one_line_error(run_cli("ask", "x", cwd=tmp_path, DATABASE_PATH=str(path)))
    one_sentence(line.removeprefix("forum-bot: "), path)
    assert "ingest" in line


def test_ask_on_a_corrupt_database_prints_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    _random_bytes(path, 4096, 4)
    line = one_line_error(run_cli("ask", "x", cwd=tmp_path, DATABASE_PATH=str(path)))
    one_sentence(line.removeprefix("forum-bot: "), path)


# ---- from a newer bot ----------------------------------------------------------------------


async def test_a_database_from_a_newer_bot_is_refused_and_left_alone(
    seeded_db: Path, tmp_path: Path
) -> None:
    path = copy_of(seeded_db, tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = counts(path)
    with pytest.raises(DatabaseError) as caught:
        await Services.open(make_settings(tmp_path))
    one_sentence(str(caught.value), path)
    assert "newer" in str(caught.value)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 999
    assert counts(path) == before

    line = one_line_error(run_cli("ask", "x", cwd=tmp_path, DATABASE_PATH=str(path)))
    assert "newer" in line


# ---- read-only -----------------------------------------------------------------------------


async def _check_answers_without_saving(settings_folder: Path, path: Path) -> None:
    services = await Services.open(make_settings(settings_folder, database_path=path))
    try:
        assert not services.store.writable
        answer = services.engine.answer(QUESTION, Context())
        assert answer.facts
        assert await services.store.log_question("test", answer) is None
        assert await services.store.log_feedback(1, 1) is False
        stats = await services.store.stats()
        assert not stats.saving
        assert "not being saved" in format_stats(stats, "en")
        with pytest.raises(DatabaseError) as caught:
            await services.reload()  # /reload on a read-only database
        one_sentence(str(caught.value), path)
    finally:
        await services.close()


async def test_a_database_the_bot_may_not_write_still_answers(
    seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a chmod a-w file looks like to a non-root bot: opened with SQLite's mode=ro."""
    path = copy_of(seeded_db, tmp_path)
    original = path.read_bytes()
    monkeypatch.setattr(db_module, "_can_write", lambda _path: False)
    await _check_answers_without_saving(tmp_path, path)
    assert path.read_bytes() == original


READ_ONLY_CHECK = """
import asyncio, sys
from pathlib import Path
import tests.test_database_faults as t
asyncio.run(t._check_answers_without_saving(Path(sys.argv[1]), Path(sys.argv[2])))
print("ok")
"""


def test_a_read_only_folder_still_answers(seeded_db: Path, tmp_path: Path) -> None:
    """The real thing: the file and its folder cannot be written (a read-only volume).

    chmod stops a normal user; root ignores it, so as root the folder is bind-mounted
    read-only inside a private mount namespace (`unshare`) that vanishes with the process."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = copy_of(seeded_db, folder)
    settings_folder = tmp_path / "settings"
    settings_folder.mkdir()
    check = [sys.executable, "-c", READ_ONLY_CHECK, str(settings_folder), str(path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if os.geteuid() != 0:
        path.chmod(0o444)
        folder.chmod(0o555)
        try:
            result = subprocess.run(check, capture_output=True, text=True, env=env, check=False)
        finally:
            folder.chmod(0o755)
            path.chmod(0o644)
    else:
        unshare = shutil.which("unshare")
        mount = f"mount --bind -o ro {folder} {folder}"
        probe = (
            subprocess.run(
                [unshare or "unshare", "-m", "sh", "-c", f"{mount} && ! touch {folder}/probe"],
                capture_output=True,
                check=False,
            )
            if unshare
            else None
        )
        if probe is None or probe.returncode != 0:
            pytest.skip("running as root, and no read-only bind mount here (needs unshare -m)")
        script = f'{mount} && exec "$@"'
        result = subprocess.run(
            [unshare, "-m", "sh", "-c", script, "sh", *check],  # type: ignore[list-item]
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


async def test_a_database_that_turns_read_only_stops_saving_but_answers(
    seeded_db: Path, tmp_path: Path
) -> None:
    copy_of(seeded_db, tmp_path)
    services = await Services.open(make_settings(tmp_path))
    try:
        await services.store.conn.execute("PRAGMA query_only = ON")  # writes now fail
        answer = services.engine.answer(QUESTION, Context())
        assert answer.facts
        assert await services.store.log_question("test", answer) is None
        assert not (await services.store.stats()).saving
    finally:
        await services.close()


async def test_a_read_only_database_that_needs_an_upgrade_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
    monkeypatch.setattr(db_module, "_can_write", lambda _path: False)
    with pytest.raises(DatabaseError) as caught:
        await Store.open(path)
    one_sentence(str(caught.value), path)
    assert "upgrade" in str(caught.value)


async def test_a_missing_database_in_a_read_only_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bot.sqlite3"
    monkeypatch.setattr(db_module, "_can_write", lambda _path: False)
    with pytest.raises(DatabaseError) as caught:
        await Store.open(path)
    one_sentence(str(caught.value), path)


# ---- from an older bot ---------------------------------------------------------------------


def _old_database(seeded_db: Path, path: Path, version: int) -> None:
    """The seeded corpus as a bot at schema `version` stored it (no matching keys yet)."""
    with sqlite3.connect(path) as old, sqlite3.connect(seeded_db) as new:
        for number in range(version):
            old.executescript(MIGRATIONS[number])
        old.execute(f"PRAGMA user_version = {version}")
        for table in CORPUS_TABLES:
            columns = [r[1] for r in old.execute(f"PRAGMA table_info({table})")]
            rows = new.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            marks = ", ".join("?" * len(columns))
            old.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        if version >= 2:
            old.execute(
                "INSERT INTO questions (front_end, language, intent, question, answered) "
                "VALUES ('telegram', 'kk', 'count', 'қанша?', 1)"
            )
            old.execute("INSERT INTO feedback (question_id, value) VALUES (1, 1)")


@pytest.mark.parametrize("version", [1, 2])
async def test_an_older_database_is_upgraded_in_place_keeping_its_rows(
    seeded_db: Path, tmp_path: Path, version: int
) -> None:
    path = tmp_path / "bot.sqlite3"
    _old_database(seeded_db, path, version)
    before = counts(path)
    services = await Services.open(make_settings(tmp_path))
    try:
        answer = services.engine.answer(QUESTION, Context())
        assert answer.facts, "the upgraded corpus must still answer"
        stats = await services.store.stats()
        assert stats.questions == (1 if version >= 2 else 0)
        assert stats.likes == (1 if version >= 2 else 0)
    finally:
        await services.close()
    after = counts(path)
    for table, rows in before.items():
        assert after[table] == rows, table
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---- an ingest that dies half-way -----------------------------------------------------------


def _changed_articles(folder: Path) -> Path:
    """Every seed article with one more sentence, and two new articles: a batch of 7 writes."""
    folder.mkdir(parents=True)
    for path in SEED_ARTICLES:
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text + "\n\nТексеру үшін қосылған сөйлем.\n", "utf-8")
    for n, path in enumerate(SEED_ARTICLES[:2]):
        shutil.copy(path, folder / f"new_{n}.md")
    return folder


async def test_an_ingest_that_fails_mid_batch_leaves_the_old_corpus_whole(
    seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(seeded_db, tmp_path)
    changed = _changed_articles(tmp_path / "changed")
    before = counts(path)
    real_insert = ingest_module._insert
    inserted = 0

    async def insert_then_fail(store: Store, item: ingest_module.PreparedArticle) -> None:
        nonlocal inserted
        if inserted == 3:
            raise OSError("disk unplugged")
        await real_insert(store, item)
        inserted += 1

    monkeypatch.setattr(ingest_module, "_insert", insert_then_fail)
    store = await Store.open(path)
    try:
        with pytest.raises(OSError):
            await ingest(store, [changed], regions_from(SEEDS))
    finally:
        await store.close()
    assert inserted == 3
    assert counts(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


KILLED_MID_BATCH = """
import os, signal, sys
import bot.store.ingest as ingest_module
real_insert = ingest_module._insert
done = 0
async def insert_then_die(store, item):
    global done
    if done == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # no rollback, no cleanup: a power cut
    await real_insert(store, item)
    done += 1
ingest_module._insert = insert_then_die
sys.argv[0] = "forum-bot"
from bot.cli import main
main()
"""


def test_an_ingest_killed_mid_batch_leaves_the_old_corpus_whole(
    seeded_db: Path, tmp_path: Path
) -> None:
    path = copy_of(seeded_db, tmp_path)
    changed = _changed_articles(tmp_path / "changed")
    before = counts(path)
    result = run_cli(
        "ingest", str(changed), cwd=tmp_path, python_code=KILLED_MID_BATCH, DATABASE_PATH=str(path)
    )
    assert result.returncode == -9, result.stderr
    assert counts(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
