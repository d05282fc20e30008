"""A small cache of the engine's answers, in front of the engine, for the Telegram front end.

The engine is a pure function of what it is asked and the chat's context (`Context`, a frozen,
hashable dataclass) over a given corpus: the same question in the same context gets the same
Answer. People ask the same things (the example questions under /start are the same for
everyone, popular questions recur), so the last `size` answers are kept, keyed by exactly what
the engine was given. A hit returns the very Answer the engine gave (answers are frozen; the
front end never changes one).

The catalogue (a region's overview, /sources, a region's articles) is not kept here: it depends
on the corpus alone, not on the chat's context, and the engine keeps it itself, once per corpus
(`Engine._catalogued`); keyed by the context here, an overview was made again for nearly
every chat.

`/reload` swaps the engine's corpus: the admin handler then calls `forget()`, so no answer from
the old corpus is served after the swap (tests/test_telegram_answer_cache.py checks both).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from bot.corpus.models import Article, Region
from bot.engine.models import Answer, Context
from bot.telegram.ports import AnswerEngine

SIZE = 4096  # answers kept (a few KB each: at most 10 facts)

T = TypeVar("T")


class _Recent:
    """The last `size` values by key (least recently used dropped first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable) -> object | None:
        value = self.kept.get(key)
        if value is not None:
            self.kept.move_to_end(key)
        return value

    def put(self, key: Hashable, value: object) -> None:
        self.kept[key] = value
        if len(self.kept) > self.size:
            self.kept.popitem(last=False)


class CachedEngine:
    """An `AnswerEngine` that remembers the answers of the engine it wraps."""

    def __init__(self, engine: AnswerEngine, size: int = SIZE) -> None:
        self.engine = engine
        self.hits = 0
        self.misses = 0
        self._answers = _Recent(size)

    def forget(self) -> None:
        """Drop every kept answer (the corpus changed)."""
        self._answers.kept.clear()

    @property
    def hit_rate(self) -> float:
        asked = self.hits + self.misses
        return self.hits / asked if asked else 0.0

    def _cached(self, kept: _Recent, key: Hashable, make: Callable[[], T]) -> T:
        value = kept.get(key)
        if value is not None:
            self.hits += 1
            return value  # type: ignore[return-value]
        self.misses += 1
        made = make()
        kept.put(key, made)
        return made

    # ---- cached: the answers ------------------------------------------------------------------

    def answer(self, question: str, context: Context | None = None) -> Answer:
        context = context or Context()
        return self._cached(
            self._answers,
            ("answer", question, context),
            lambda: self.engine.answer(question, context),
        )

    def more(self, context: Context) -> Answer:
        return self._cached(self._answers, ("more", context), lambda: self.engine.more(context))

    # ---- as they are: cheap lookups, or kept by the engine (the catalogue) ---------------------

    def overview(self, region_id: str, context: Context | None = None) -> Answer:
        return self.engine.overview(region_id, context)

    def sources_reply(self, language: str) -> str:
        return self.engine.sources_reply(language)

    def greeting(self, language: str) -> str:
        return self.engine.greeting(language)

    def help(self, language: str) -> str:
        return self.engine.help(language)

    def region(self, region_id: str) -> Region | None:
        return self.engine.region(region_id)

    def regions_with_articles(self) -> list[tuple[Region, int]]:
        return self.engine.regions_with_articles()

    def articles_in(self, region: str | None = None) -> Sequence[Article]:
        return self.engine.articles_in(region)

    def article(self, key: int) -> Article | None:
        return self.engine.article(key)

    def article_by_id(self, article_id: str) -> Article | None:
        return self.engine.article_by_id(article_id)

    def summary_reply(self, article_key: int, language: str) -> str:
        return self.engine.summary_reply(article_key, language)

    def example_questions(self, language: str, region: str | None = None) -> list[str]:
        return self.engine.example_questions(language, region)
