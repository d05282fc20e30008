"""Reading the corpus back out of SQLite for the engine."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

from bot.corpus.models import Article, Corpus, FactSpan, Region, Sentence
from bot.store.db import Store
from bot.text.fold import KEYING_VERSION, keys


async def load_corpus(store: Store) -> Corpus:
    regions: dict[str, Region] = {}
    for row in await store.fetchall(
        "SELECT id, kind, centre, names_json, aliases_json FROM regions ORDER BY position"
    ):
        regions[row[0]] = Region(
            id=row[0],
            kind=row[1],
            centre=row[2],
            names=json.loads(row[3]),
            aliases=tuple(json.loads(row[4])),
        )

    facts: dict[int, list[FactSpan]] = defaultdict(list)
    for sid, kind, text, start, end, value, unit, role in await store.fetchall(
        "SELECT sentence_id, kind, text, start, end, value, unit, role FROM facts ORDER BY id"
    ):
        facts[sid].append(FactSpan(kind, text, start, end, value, unit, role))

    stored_keying = await store.scalar("SELECT value FROM meta WHERE key = 'keying_version'")
    rekey = stored_keying != str(KEYING_VERSION)

    sentences: list[Sentence] = []
    by_article: dict[int, list[int]] = defaultdict(list)
    for sid, article_key, article_id, position, text, stored_keys in await store.fetchall(
        "SELECT s.id, s.article_key, a.id, s.position, s.text, s.keys FROM sentences s "
        "JOIN articles a ON a.key = s.article_key ORDER BY s.article_key, s.position"
    ):
        sentence_keys = tuple(keys(text)) if rekey else tuple(stored_keys.split())
        sentences.append(
            Sentence(sid, article_id, position, text, sentence_keys, tuple(facts.get(sid, ())))
        )
        by_article[article_key].append(sid)

    articles: dict[str, Article] = {}
    for key, aid, title, region, source, date, url, author, summary in await store.fetchall(
        "SELECT key, id, title, region, source, date, url, author, summary FROM articles "
        "ORDER BY key"
    ):
        articles[aid] = Article(
            id=aid,
            key=key,
            title=title,
            region=region,
            source=source,
            summary=summary,
            date=dt.date.fromisoformat(date) if date else None,
            url=url,
            author=author,
            sentence_ids=tuple(by_article.get(key, ())),
        )
    return Corpus(regions=regions, articles=articles, sentences=sentences)
