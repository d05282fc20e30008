"""The question log written behind the answers: ids at once, rows a moment later, nothing lost
on a clean stop, no id ever pointing at someone else's question."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.engine.engine import Engine
from bot.engine.models import Answer, Context
from bot.store.db import Store
from bot.telegram.question_log import BufferedQuestionLog

QUESTIONS = (
    "Жамбыл облысында қанша ауыл әкімі сайланды?",
    "Сколько сельских акимов избрано в Жамбылской области?",
    "Форумға кім қатысты?",
    "What is the weather on Mars?",
)


@pytest.fixture
def database(tmp_path: Path, seeded_db: Path) -> Path:
    target = tmp_path / "bot.sqlite3"
    shutil.copyfile(seeded_db, target)
    return target


@pytest.fixture
def answers(engine: Engine) -> list[Answer]:
    return [engine.answer(q, Context()) for q in QUESTIONS]


@pytest_asyncio.fixture
async def store(database: Path) -> AsyncIterator[Store]:
    opened = await Store.open(database)
    try:
        yield opened
    finally:
        await opened.close()


async def handed_out(log: BufferedQuestionLog, answer: Answer) -> int:
    question_id = await log.log_question("telegram", answer)
    assert question_id is not None
    return question_id


def rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return conn.execute(sql).fetchall()


async def test_ids_come_at_once_and_the_rows_a_moment_later(
    store: Store, database: Path, answers: list[Answer]
) -> None:
    log = BufferedQuestionLog(store, flush_interval=0.05)
    ids = [await handed_out(log, a) for a in answers]
    assert ids == sorted(set(ids))
    assert await log.log_feedback(ids[0], 1) and await log.log_feedback(ids[1], -1)
    await asyncio.sleep(0.4)
    logged = rows(database, "SELECT id, front_end, question, answered, asked_at FROM questions")
    assert [(r[0], r[1], r[2]) for r in logged] == [
        (i, "telegram", q) for i, q in zip(ids, QUESTIONS, strict=True)
    ]
    assert [r[3] for r in logged] == [int(a.answered) for a in answers]
    assert all(str(r[4]).endswith("Z") for r in logged)  # the time of asking, as before
    assert rows(database, "SELECT question_id, value FROM feedback ORDER BY 1") == [
        (ids[0], 1),
        (ids[1], -1),
    ]
    assert log.pending() == 0
    await log.close()


async def test_a_clean_stop_writes_every_question_and_vote(
    store: Store, database: Path, answers: list[Answer]
) -> None:
    log = BufferedQuestionLog(store, flush_interval=60)  # only the stop writes
    ids = [await handed_out(log, answers[n % len(answers)]) for n in range(300)]
    for question_id in ids[::3]:
        await log.log_feedback(question_id, 1)
    await log.close()
    assert rows(database, "SELECT count(*) FROM questions") == [(300,)]
    assert rows(database, "SELECT count(*) FROM feedback") == [(100,)]
    assert await log.log_question("telegram", answers[0]) is None  # closed: not logged


async def test_a_stop_during_a_write_neither_loses_nor_doubles_a_question(
    store: Store, database: Path, answers: list[Answer]
) -> None:
    log = BufferedQuestionLog(store, flush_interval=0)
    for round_ in range(5):
        for n in range(200):
            await log.log_question("telegram", answers[n % len(answers)])
        for _ in range(round_):
            await asyncio.sleep(0)  # the background write gets further each round
    await log.close()
    assert rows(database, "SELECT count(*), count(DISTINCT id) FROM questions") == [(1000, 1000)]


async def test_stats_count_the_questions_not_yet_written(
    store: Store, answers: list[Answer]
) -> None:
    log = BufferedQuestionLog(store, flush_interval=60)
    for answer in answers:
        await log.log_question("telegram", answer)
    stats = await log.stats()
    assert stats.questions == len(answers)
    assert stats.by_front_end == {"telegram": len(answers)}
    await log.close()


async def test_ids_handed_out_before_a_crash_are_never_given_again(
    database: Path, answers: list[Answer]
) -> None:
    first_store = await Store.open(database)
    crashed = BufferedQuestionLog(first_store, flush_interval=60)
    lost = [await handed_out(crashed, a) for a in answers]
    await first_store.close()  # no flush: the rows die with the process, the ids went out
    assert rows(database, "SELECT count(*) FROM questions") == [(0,)]

    second_store = await Store.open(database)
    restarted = BufferedQuestionLog(second_store, flush_interval=60)
    fresh = await handed_out(restarted, answers[0])
    assert fresh > max(lost)
    await restarted.log_feedback(lost[0], 1)  # a late 👍 under a lost answer counts for nothing
    await restarted.close()
    assert rows(database, "SELECT count(*) FROM feedback") == [(0,)]
    await second_store.close()


async def test_another_writer_takes_our_ids_and_the_votes_still_find_their_question(
    store: Store, database: Path, answers: list[Answer]
) -> None:
    log = BufferedQuestionLog(store, flush_interval=60)
    ours = await log.log_question("telegram", answers[0])
    assert ours is not None
    # `python -m bot chat` logs into the same table meanwhile: it takes the next id, ours.
    other = await Store.open(database)
    theirs = await other.log_question("chat", answers[1])
    assert theirs == ours
    await log.log_feedback(ours, 1)
    await log.flush()
    moved = rows(database, "SELECT id FROM questions WHERE front_end = 'telegram'")
    assert len(moved) == 1 and moved[0][0] != ours
    assert rows(database, "SELECT question_id, value FROM feedback") == [(moved[0][0], 1)]
    # The next ids handed out are above the moved row.
    later = await handed_out(log, answers[2])
    assert later > int(str(moved[0][0]))
    await log.close()

    # After a restart a vote under the same answer still goes to its own question.
    restarted = BufferedQuestionLog(other, flush_interval=60)
    await restarted.log_feedback(ours, -1)
    await restarted.close()
    assert rows(database, "SELECT question_id, value FROM feedback") == [(moved[0][0], -1)]
    await other.close()


async def test_a_locked_database_keeps_the_questions_until_it_can_write(
    database: Path, answers: list[Answer]
) -> None:
    store = await Store.open(database, busy_timeout=0.05)
    log = BufferedQuestionLog(store, flush_interval=0.05)
    first = await log.log_question("telegram", answers[0])
    blocker = sqlite3.connect(database)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        await log.log_question("telegram", answers[1])
        await asyncio.sleep(0.3)
        assert log.pending() >= 1  # kept, not dropped
    finally:
        blocker.rollback()
        blocker.close()
    await asyncio.sleep(0.4)
    assert log.pending() == 0
    logged = rows(database, "SELECT id FROM questions ORDER BY id")
    assert len(logged) == 2 and logged[0] == (first,)
    await log.close()
    await store.close()


async def test_a_read_only_store_logs_nothing(store: Store, answers: list[Answer]) -> None:
    store.writable = False
    log = BufferedQuestionLog(store)
    assert await log.log_question("telegram", answers[0]) is None
    assert not await log.log_feedback(1, 1)
    await log.close()
