"""SQLite storage (aiosqlite): the corpus, the search index cache, and the question log."""

from bot.store.db import DatabaseError, Store

__all__ = ["DatabaseError", "Store"]
