"""Writing prepared articles into SQLite in groups, inside the ingest's one transaction.

Three statements per article (its row, its sentences, their facts) cost a thread hop each
through aiosqlite, and each fact looked its sentence up by article and position. A group of
articles is written with one statement per table instead, and the facts carry their sentence
ids. Every row, ids included, comes out as writing article by article would make it: articles
and facts take the ids SQLite gives in the same order, and sentence ids continue from the
table's largest id as SQLite's own would, because a group never spans a DELETE.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.corpus.models import ArticleFile
from bot.store.db import Store
from bot.text.fold import KEYING_VERSION

# A fact as stored: kind, text, start, end, value, unit, role.
FactRow = tuple[str, str, int, int, float | None, str | None, str | None]

# The most articles written by one group of statements (a few thousand rows per table).
GROUP_ARTICLES = 256

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


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    file: ArticleFile
    summary: str
    sentences: tuple[tuple[str, str, tuple[FactRow, ...]], ...]  # text, keys (joined), facts


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
        await conn.executemany(_INSERT_ARTICLES, [_article_row(item) for item in items])
        # AUTOINCREMENT gives keys above every key so far: the new ones are those above last_key.
        async with conn.execute(
            "SELECT id, key FROM articles WHERE key > ?", (last_key,)
        ) as cursor:
            keys = {article_id: key for article_id, key in await cursor.fetchall()}
        sentences: list[tuple[int, int, int, str, str]] = []
        facts: list[tuple[int | str | float | None, ...]] = []
        for item in items:
            article_key = keys[item.file.article_id]
            for position, (text, sentence_keys, sentence_facts) in enumerate(item.sentences):
                sentence_id += 1
                sentences.append((sentence_id, article_key, position, text, sentence_keys))
                facts += [(sentence_id, *fact) for fact in sentence_facts]
        await conn.executemany(_INSERT_SENTENCES, sentences)
        if facts:
            await conn.executemany(_INSERT_FACTS, facts)


def _article_row(item: PreparedArticle) -> tuple[str | None, ...]:
    f = item.file
    return (
        f.article_id,
        f.path,
        stored_checksum(f),
        f.title,
        f.region,
        f.source,
        f.date.isoformat() if f.date else None,
        f.url,
        f.author,
        item.summary,
    )
