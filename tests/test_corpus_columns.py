"""The corpus as columns: the engine reads exactly the sentences and facts the database holds,
whether they come out of SQLite or out of the column file kept beside it, and a stale,
damaged or unwritable cache never changes what the bot says."""

from __future__ import annotations

import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from bot.corpus.events import about_the_event
from bot.corpus.models import Corpus, FactSpan, Sentence
from bot.corpus.quotations import Quotations
from bot.store import corpus as corpus_module
from bot.store.columns import read_columns, write_columns
from bot.store.corpus import load_corpus
from bot.store.corpus_cache import corpus_cache_path
from bot.store.db import Store
from bot.store.sentence_columns import ColumnSentences, SentencePositions
from bot.text.fold import keys
from tests.cli_run import run_cli


def stored_sentences(database: Path) -> list[Sentence]:
    """The sentences as the database holds them, read the plain way, in reading order."""
    with sqlite3.connect(database) as conn:
        facts: dict[int, list[FactSpan]] = defaultdict(list)
        for sid, *fields in conn.execute(
            "SELECT sentence_id, kind, text, start, end, value, unit, role FROM facts ORDER BY id"
        ):
            facts[sid].append(FactSpan(*fields))
        rows = conn.execute(
            "SELECT s.id, a.id, s.position, s.text, s.keys FROM sentences s "
            "JOIN articles a ON a.key = s.article_key ORDER BY a.key, s.position"
        ).fetchall()
    return [
        Sentence(sid, article, position, text, tuple(keys.split()), tuple(facts[sid]))
        for sid, article, position, text, keys in rows
    ]


async def load(database: Path) -> Corpus:
    store = await Store.open(database)
    try:
        return await load_corpus(store)
    finally:
        await store.close()


@pytest.fixture
def database(seeded_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "bot.sqlite3"
    shutil.copy(seeded_db, target)
    return target


def assert_same_corpus(corpus: Corpus, expected: list[Sentence]) -> None:
    sentences = corpus.sentences
    assert len(sentences) == len(expected)
    assert list(sentences) == expected
    assert [sentences[i] for i in range(len(expected))] == expected
    assert sentences[-1] == expected[-1]
    assert sentences[2:5] == expected[2:5]
    with pytest.raises(IndexError):
        sentences[len(expected)]
    by_article: dict[str, list[int]] = defaultdict(list)
    for sentence in expected:
        by_article[sentence.article_id].append(sentence.id)
    for article in corpus.articles.values():
        assert article.sentence_ids == tuple(by_article[article.id])


async def test_the_engine_reads_the_sentences_and_facts_the_database_holds(
    database: Path,
) -> None:
    corpus = await load(database)
    assert isinstance(corpus.sentences, ColumnSentences)
    expected = stored_sentences(database)
    facts = [f for s in expected for f in s.facts]
    assert facts and any(f.value is None for f in facts) and any(f.unit for f in facts)
    assert_same_corpus(corpus, expected)
    assert corpus_cache_path(database).is_file()


async def test_a_second_start_maps_the_cached_columns_without_reading_sentences(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await load(database)

    async def no_reading(*args: object) -> None:
        raise AssertionError("sentences read from SQLite although the cache is valid")

    monkeypatch.setattr(corpus_module, "read_columns_from", no_reading)
    assert_same_corpus(await load(database), stored_sentences(database))


async def test_a_changed_corpus_is_read_again(database: Path) -> None:
    await load(database)
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE sentences SET text = 'Жаңа мәтін.' WHERE position = 0")
        conn.execute("UPDATE meta SET value = 'changed' WHERE key = 'corpus_stamp'")
    corpus = await load(database)
    assert corpus.sentences[0].text == "Жаңа мәтін."
    assert_same_corpus(corpus, stored_sentences(database))


async def test_keys_of_another_keying_are_made_again_from_the_text(database: Path) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE sentences SET keys = 'stale'")
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'keying_version'")
    corpus = await load(database)
    assert len(corpus.sentences) > 10
    assert all(s.keys == tuple(keys(s.text)) for s in corpus.sentences)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
async def test_a_damaged_cache_file_is_ignored_and_written_again(
    database: Path, damage: str
) -> None:
    await load(database)
    path = corpus_cache_path(database)
    data = path.read_bytes()
    damaged = {
        "garbage": b"not a column file at all" * 100,
        "truncated": data[: len(data) // 2],
        "empty": b"",
    }[damage]
    path.write_bytes(damaged)
    assert_same_corpus(await load(database), stored_sentences(database))
    assert path.read_bytes() == data


async def test_a_folder_that_takes_no_cache_still_serves_the_corpus(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr("bot.store.corpus_cache.write_columns", refuse)
    corpus = await load(database)
    assert not corpus_cache_path(database).exists()
    assert_same_corpus(corpus, stored_sentences(database))


async def test_sentences_stored_out_of_id_order_are_read_in_reading_order(
    database: Path,
) -> None:
    # The first article's first sentence gets the largest id of all.
    with sqlite3.connect(database) as conn:
        first, last = conn.execute(
            "SELECT (SELECT id FROM sentences ORDER BY article_key, position LIMIT 1), "
            "max(id) FROM sentences"
        ).fetchone()
        moved = last + 1000
        conn.execute("UPDATE sentences SET id = ? WHERE id = ?", (moved, first))
        conn.execute("UPDATE facts SET sentence_id = ? WHERE sentence_id = ?", (moved, first))
    corpus = await load(database)
    expected = stored_sentences(database)
    assert expected[0].id == moved
    assert_same_corpus(corpus, expected)
    positions = corpus.sentence_positions()
    assert all(positions[s.id] == i for i, s in enumerate(expected))


async def test_the_corpus_answers_start_up_questions_as_a_plain_list_would(
    database: Path,
) -> None:
    columns = await load(database)
    plain = Corpus(columns.regions, columns.articles, stored_sentences(database))
    assert columns.sentence_regions() == plain.sentence_regions()
    assert columns.average_keys() == plain.average_keys()
    positions = columns.sentence_positions()
    assert dict(positions) == dict(plain.sentence_positions())
    assert isinstance(positions, SentencePositions)
    unknown = max(positions) + 1
    assert unknown not in positions
    with pytest.raises(KeyError):
        positions[unknown]


def test_sentence_positions_find_ids_with_gaps() -> None:
    positions = SentencePositions([3, 4, 9, 10, 11])
    assert [positions[i] for i in (3, 4, 9, 10, 11)] == [0, 1, 2, 3, 4]
    assert 5 not in positions and 12 not in positions and 2 not in positions
    assert list(positions) == [3, 4, 9, 10, 11]


def test_a_column_file_is_read_only_for_the_key_it_was_written_for(tmp_path: Path) -> None:
    import array

    path = tmp_path / "some.columns"
    numbers = array.array("q", [1, -2, 3])
    write_columns(path, "stamp-1", {"note": "ü"}, {"numbers": numbers, "text": b"abc"})
    columns = read_columns(path, "stamp-1")
    assert columns is not None
    assert list(columns["numbers"]) == [1, -2, 3]
    assert bytes(columns["text"]) == b"abc"
    assert columns.meta == {"note": "ü"}
    assert read_columns(path, "stamp-2") is None
    assert read_columns(tmp_path / "missing.columns", "stamp-1") is None


def test_ask_starts_without_the_telegram_library(database: Path, tmp_path: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('telegram loaded:', 'aiogram' in sys.modules))\n"
        "from bot.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    done = run_cli(
        "ask",
        "Жамбыл облысында қанша ауыл әкімі сайланды?",
        cwd=tmp_path,
        python_code=probe,
        DATABASE_PATH=str(database),
    )
    assert done.returncode == 0, done.stderr
    assert "165" in done.stdout
    assert "telegram loaded: False" in done.stdout


def test_an_ingest_leaves_the_caches_ready_for_the_first_question(tmp_path: Path) -> None:
    database = tmp_path / "fresh.sqlite3"
    done = run_cli("ingest", cwd=tmp_path, DATABASE_PATH=str(database))
    assert done.returncode == 0, done.stderr
    assert corpus_cache_path(database).is_file()
    assert corpus_module.index_cache_path(database).is_file()
    again = run_cli("ingest", cwd=tmp_path, DATABASE_PATH=str(database))
    assert again.returncode == 0 and "unchanged" in again.stdout


async def test_the_quotations_topics_and_events_kept_with_the_columns_are_those_read(
    database: Path,
) -> None:
    corpus = await load(database)
    plain = stored_sentences(database)
    kept, read = Quotations(corpus.sentences), Quotations(plain)
    speakers = [read.speaker_of(i) for i in range(len(plain))]
    assert [kept.speaker_of(i) for i in range(len(plain))] == speakers
    quoted = [i for i, speaker in enumerate(speakers) if speaker is not None]
    assert len(quoted) > 10  # the seeds quote the president, the akims, the veterans
    for speaker in {s for s in speakers if s is not None}:
        assert kept.said(speaker) == read.said(speaker)
        assert kept.quotes_of(speaker) == read.quotes_of(speaker)
    titles = {article.id: article.title for article in corpus.articles.values()}
    assert isinstance(corpus.sentences, ColumnSentences)
    for i, sentence in enumerate(plain):
        lead = plain[i - sentence.position]
        assert corpus.sentences.topic(i) == frozenset(keys(titles[sentence.article_id])) | set(
            lead.keys
        )
    events = [i for i, sentence in enumerate(plain) if about_the_event(sentence.text)]
    assert len(events) >= 3  # "80 пайызы осында", "Іс-шара ... ұйымдастырылды", ...
    assert [i for i in range(len(plain)) if corpus.sentences.about_the_event(i)] == events
    for i, sentence in enumerate(plain):
        same_article = [j for j in events if plain[j].article_id == sentence.article_id]
        assert corpus.sentences.event_sentences(i) == tuple(same_article)
