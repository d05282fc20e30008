"""The versioned schema. Each migration upgrades a file in place; PRAGMA user_version says
which have run. Never edit a released migration: add the next one."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the corpus
    """
    CREATE TABLE regions (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        centre TEXT,
        names_json TEXT NOT NULL,
        aliases_json TEXT NOT NULL
    );
    CREATE TABLE articles (
        key INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        checksum TEXT NOT NULL,
        title TEXT NOT NULL,
        region TEXT NOT NULL REFERENCES regions(id),
        source TEXT NOT NULL,
        date TEXT,
        url TEXT,
        author TEXT,
        summary TEXT NOT NULL
    );
    CREATE INDEX articles_region ON articles(region);
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (article_key, position)
    );
    CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        value REAL,
        unit TEXT,
        role TEXT
    );
    CREATE INDEX facts_sentence ON facts(sentence_id);
    CREATE INDEX facts_kind ON facts(kind);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the question log for the operators' statistics (no names, no user ids)
    """
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        asked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        front_end TEXT NOT NULL,
        language TEXT NOT NULL,
        intent TEXT NOT NULL,
        region TEXT,
        question TEXT NOT NULL,
        answered INTEGER NOT NULL,
        article_id TEXT,
        sentence_id INTEGER
    );
    CREATE INDEX questions_answered ON questions(answered);
    CREATE TABLE feedback (
        question_id INTEGER PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)),
        given_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    """,
    # 3: matching keys computed at ingest, so questions never re-key the corpus
    """
    ALTER TABLE sentences ADD COLUMN keys TEXT NOT NULL DEFAULT '';
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
