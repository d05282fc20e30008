"""The question log: what was asked, whether it was answered, and the feedback. No names, no
user ids: only what the operators' statistics need."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from bot.engine.models import Answer
from bot.store.db import Store

log = logging.getLogger(__name__)

QUESTION_CHARS = 500  # enough to read a question back; keeps a 4096-character paste small


@dataclass(frozen=True, slots=True)
class Stats:
    questions: int
    answered: int
    by_language: dict[str, int]
    top_unanswered: list[tuple[str, int]]
    likes: int
    dislikes: int
    saving: bool = True
    articles: int = 0
    by_front_end: dict[str, int] = field(default_factory=dict)

    @property
    def answered_share(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


def question_row(front_end: str, answer: Answer) -> tuple[Any, ...]:
    """The `questions` columns front_end ... sentence_id for an answer (no names, no ids)."""
    best = answer.facts[0] if answer.facts else None
    return (
        front_end,
        answer.language,
        answer.intent,
        answer.region,
        answer.question[:QUESTION_CHARS],
        int(best is not None),
        best.article_id if best else None,
        best.sentence_id if best else None,
    )


async def log_question(store: Store, front_end: str, answer: Answer) -> int | None:
    """The new row's id, or None when the database cannot take writes (answers go on)."""
    if not store.writable:
        return None
    try:
        cursor = await store.conn.execute(
            "INSERT INTO questions (front_end, language, intent, region, question, answered, "
            "article_id, sentence_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            question_row(front_end, answer),
        )
        await store.conn.commit()
    except sqlite3.Error as exc:
        _lost_write(store, exc)
        return None
    return cursor.lastrowid


async def log_feedback(store: Store, question_id: int, value: int) -> bool:
    if not store.writable or value not in (-1, 1):
        return False
    try:
        await store.conn.execute(
            "INSERT INTO feedback (question_id, value) SELECT id, ? FROM questions WHERE id = ? "
            "ON CONFLICT (question_id) DO UPDATE SET value = excluded.value",
            (value, question_id),
        )
        await store.conn.commit()
    except sqlite3.Error as exc:
        _lost_write(store, exc)
        return False
    return True


def _lost_write(store: Store, exc: sqlite3.Error) -> None:
    if "readonly" in str(exc) or "read-only" in str(exc):
        store.writable = False
        log.warning("database %s became read-only: statistics are no longer saved", store.path)
    else:
        log.warning("statistics not saved: %s", exc)


async def collect_stats(store: Store, top: int = 5) -> Stats:
    questions = int(await store.scalar("SELECT count(*) FROM questions"))
    answered = int(await store.scalar("SELECT count(*) FROM questions WHERE answered = 1"))
    by_language = {
        row[0]: row[1]
        for row in await store.fetchall(
            "SELECT language, count(*) FROM questions GROUP BY language ORDER BY 2 DESC"
        )
    }
    by_front_end = {
        row[0]: row[1]
        for row in await store.fetchall(
            "SELECT front_end, count(*) FROM questions GROUP BY front_end ORDER BY 2 DESC"
        )
    }
    unanswered = [
        (row[0], row[1])
        for row in await store.fetchall(
            "SELECT lower(trim(question)), count(*) FROM questions WHERE answered = 0 "
            "AND intent NOT IN ('greeting', 'thanks', 'help', 'empty') "
            "GROUP BY 1 ORDER BY 2 DESC, max(id) DESC LIMIT ?",
            (top,),
        )
    ]
    likes = int(await store.scalar("SELECT count(*) FROM feedback WHERE value = 1"))
    dislikes = int(await store.scalar("SELECT count(*) FROM feedback WHERE value = -1"))
    return Stats(
        questions=questions,
        answered=answered,
        by_language=by_language,
        top_unanswered=unanswered,
        likes=likes,
        dislikes=dislikes,
        saving=store.writable,
        articles=await store.article_count(),
        by_front_end=by_front_end,
    )


_LABELS = {
    "kk": (
        "Статистика",
        "Сұрақтар",
        "жауап берілді",
        "Тілдер",
        "Жауапсыз сұрақтар",
        "Пікірлер",
        "Статистика сақталмайды: дерекқор тек оқуға арналған.",
        "Мақалалар",
    ),
    "ru": (
        "Статистика",
        "Вопросов",
        "с ответом",
        "Языки",
        "Вопросы без ответа",
        "Отзывы",
        "Статистика не сохраняется: база данных только для чтения.",
        "Статей",
    ),
    "en": (
        "Statistics",
        "Questions",
        "answered",
        "Languages",
        "Top unanswered",
        "Feedback",
        "Statistics are not being saved: the database is read-only.",
        "Articles",
    ),
}


def format_stats(stats: Stats, language: str, *, html: bool = True) -> str:
    """The figures of /stats and `python -m bot stats`."""
    import html as html_lib

    title, asked, answered, langs, unanswered, feedback, readonly, articles = _LABELS.get(
        language, _LABELS["en"]
    )

    def bold(text: str) -> str:
        return f"<b>{text}</b>" if html else text

    def esc(text: str) -> str:
        return html_lib.escape(text, quote=False) if html else text

    lines = [
        bold(title),
        f"{articles}: {stats.articles}",
        f"{asked}: {stats.questions}, {answered}: {stats.answered} ({stats.answered_share:.0%})",
    ]
    if stats.by_language:
        counts = ", ".join(f"{esc(k)} {v}" for k, v in stats.by_language.items())
        lines.append(f"{langs}: {counts}")
    lines.append(f"{feedback}: 👍 {stats.likes} · 👎 {stats.dislikes}")
    if stats.top_unanswered:
        lines.append(f"{unanswered}:")
        lines.extend(f"• {esc(q[:120])} ({n})" for q, n in stats.top_unanswered)
    if not stats.saving:
        lines.append(readonly)
    return "\n".join(lines)
