"""Sending: HTML split to Telegram's limit, and an engine Answer with its buttons and log entry."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup, Message, ReplyParameters

from bot.engine.models import Answer
from bot.telegram.keyboards import answer_keyboard
from bot.telegram.memory import AnswerRecord, ChatMemory
from bot.telegram.ports import AnswerEngine, QuestionLog
from bot.telegram.split import split_html

log = logging.getLogger(__name__)

FRONT_END = "telegram"


async def send_html(
    bot: Bot,
    chat_id: int,
    html_text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message | None:
    """Send `html_text` as one or more messages; the keyboard goes under the last one."""
    pieces = split_html(html_text)
    sent: Message | None = None
    for number, piece in enumerate(pieces):
        last = number == len(pieces) - 1
        sent = await bot.send_message(
            chat_id,
            piece,
            reply_markup=reply_markup if last else None,
            reply_parameters=(
                ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
                if reply_to and number == 0
                else None
            ),
        )
    return sent


async def log_question(store: QuestionLog, answer: Answer) -> int | None:
    """The store's id for the question; None if it could not be written (keep answering)."""
    try:
        return await store.log_question(FRONT_END, answer)
    except Exception as exc:  # statistics must never cost a user the answer
        log.warning("could not log a question: %s: %s", type(exc).__name__, exc)
        return None


def article_key(engine: AnswerEngine, article_id: str) -> int | None:
    article = engine.article_by_id(article_id)
    return article.key if article else None


def has_other_regions(engine: AnswerEngine, region: str | None) -> bool:
    return any(r.id != region for r, _ in engine.regions_with_articles())


async def deliver_answer(
    bot: Bot,
    chat_id: int,
    answer: Answer,
    *,
    engine: AnswerEngine,
    store: QuestionLog,
    memory: ChatMemory,
    is_question: bool = True,
    question_id: int | None = None,
    reply_to: int | None = None,
    lead_html: str = "",
) -> AnswerRecord:
    """Log (if a question), remember, and send an answer with its buttons.

    A follow-up that is not a new question ("more") passes the `question_id` it belongs to, so
    its 👍/👎 count for that question. `lead_html` goes before the reply (valid HTML).
    """
    if is_question:
        question_id = await log_question(store, answer)
    record = await memory.remember(answer, question_id)
    offered = await memory.offer(answer.suggestions) if not answer.facts else []
    markup = answer_keyboard(
        answer,
        answer_id=record.id,
        question_id=question_id,
        article_key=article_key(engine, answer.facts[0].article_id) if answer.facts else None,
        other_regions=has_other_regions(engine, answer.region),
        offered=offered,
    )
    await send_html(bot, chat_id, lead_html + answer.reply, reply_markup=markup, reply_to=reply_to)
    return record
