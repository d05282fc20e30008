"""Writing prepared articles into SQLite in groups, inside the ingest's one transaction.

Three statements per article (its row, its sentences, their facts) cost a thread hop each
through aiosqlite, and each fact looked its sentence up by article and position. A group of
articles is written with one statement per table instead, and the facts carry their sentence
ids. Every row, ids included, comes out as writing article by article would make it: articles
and facts take the ids SQLite gives in the same order, and sentence ids continue from the
table's largest id as SQLite's own would, because a group never spans a DELETE.
"""

from __future__ import annotations

from itertools import repeat
from typing import NamedTuple

from bot.corpus.models import ArticleFile
from bot.store.db import Store
from bot.text.fold import KEYING_VERSION

# A fact as stored: kind, text, start, end, value, unit, role.
FactRow = tuple[str, str, int, int, float | None, str | None, str | None]
# An article as stored: id, path, checksum, title, region, source, date, url, author, summary.
ArticleRow = tuple[str, str, str, str, str, str, str | None, str | None, str | None, str]

# The most articles written by one group of statements (a few thousand rows per table).
GROUP_ARTICLES = 256
# Sentences and their keys travel as one string each, a sentence a line: a sentence never
# holds a line break (bot/corpus/sentences.py collapses all whitespace), nor do keys.
SENTENCE_SEPARATOR = "\n"

_INSERT_ARTICLES = """
    INSERT INTO articles (id, path, checksum, title, region, source, date, url, author, summary)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_SENTENCES = (
    "INSERT INTO sentences (id, article_key, position, text, keys) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_FACTS = (
    "INSERT INTO facts (sentence_id, kind, text, start, end, value, unit, role) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_LAST_IDS = (
    "SELECT (SELECT coalesce(max(key), 0) FROM articles), "
    "(SELECT coalesce(max(id), 0) FROM sentences)"
)


class PreparedArticle(NamedTuple):
    """An article ready to be written, as plain strings and tuples: thousands of them cross
    from the worker processes, and a dataclass pickles through Python code at both ends
    where these take C's fast path (some 7% of the ingest's time went on that)."""

    row: ArticleRow
    texts: str  # the sentences, SENTENCE_SEPARATOR between them
    keys: str  # each sentence's keys (space-separated), SENTENCE_SEPARATOR between them
    facts: tuple[tuple[FactRow, ...], ...]  # each sentence's facts

    @property
    def article_id(self) -> str:
        return self.row[0]

    @property
    def sentence_count(self) -> int:
        return len(self.facts)


def prepared_article(
    file: ArticleFile,
    summary: str,
    sentences: list[str],
    keys: list[str],
    facts: tuple[tuple[FactRow, ...], ...],
) -> PreparedArticle:
    """`keys` are the sentences' keys, each joined by spaces; `facts` their facts."""
    texts = SENTENCE_SEPARATOR.join(sentences)
    joined_keys = SENTENCE_SEPARATOR.join(keys)
    separators = len(sentences) - 1
    if (
        texts.count(SENTENCE_SEPARATOR) != separators
        or joined_keys.count(SENTENCE_SEPARATOR) != separators
    ):
        raise ValueError(f"{file.path}: a sentence or its keys hold a line break")
    return PreparedArticle(article_row(file, summary), texts, joined_keys, facts)


def article_row(file: ArticleFile, summary: str) -> ArticleRow:
    return (
        file.article_id,
        file.path,
        stored_checksum(file),
        file.title,
        file.region,
        file.source,
        file.date.isoformat() if file.date else None,
        file.url,
        file.author,
        summary,
    )


def stored_checksum(article: ArticleFile) -> str:
    """The checksum kept in the database. The keying version is part of it: new keying code
    re-prepares every article once."""
    return f"{article.checksum}:k{KEYING_VERSION}"


class ArticleWriter:
    """Collects prepared articles and writes them a group at a time. The caller flushes before
    it deletes anything (so that ids stay as described above) and before it commits."""

    def __init__(self, store: Store, group: int = GROUP_ARTICLES) -> None:
        self.store = store
        self.group = max(1, group)
        self._pending: list[PreparedArticle] = []

    async def add(self, item: PreparedArticle) -> None:
        self._pending.append(item)
        if len(self._pending) >= self.group:
            await self.flush()

    async def flush(self) -> None:
        items, self._pending = self._pending, []
        if not items:
            return
        conn = self.store.conn
        async with conn.execute(_LAST_IDS) as cursor:
            row = await cursor.fetchone()
        assert row is not None  # an aggregate always gives one row
        last_key, sentence_id = int(row[0]), int(row[1])
        await conn.executemany(_INSERT_ARTICLES, [item.row for item in items])
        # AUTOINCREMENT gives keys above every key so far: the new ones are those above last_key.
        async with conn.execute(
            "SELECT id, key FROM articles WHERE key > ?", (last_key,)
        ) as cursor:
            keys = {article_id: key for article_id, key in await cursor.fetchall()}
        sentences: list[tuple[int, int, int, str, str]] = []
        facts: list[tuple[int | str | float | None, ...]] = []
        for item in items:
            texts = item.texts.split(SENTENCE_SEPARATOR)
            sentence_keys = item.keys.split(SENTENCE_SEPARATOR)
            count = len(item.facts)
            if len(texts) != count or len(sentence_keys) != count:
                raise ValueError(f"article {item.article_id}: sentences, keys and facts disagree")
            first = sentence_id + 1
            sentences += zip(
                range(first, first + count),
                repeat(keys[item.article_id]),
                range(count),
                texts,
                sentence_keys,
            )
            for offset, sentence_facts in enumerate(item.facts):
                if sentence_facts:
                    facts += [(first + offset, *fact) for fact in sentence_facts]
            sentence_id += count
        await conn.executemany(_INSERT_SENTENCES, sentences)
        if facts:
            await conn.executemany(_INSERT_FACTS, facts)
