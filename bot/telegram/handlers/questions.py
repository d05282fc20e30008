"""Any text is a question (the catch-all: this router goes last). Edited messages too."""

from __future__ import annotations

from aiogram import Bot, F, Router, html
from aiogram.enums import ChatType
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.telegram.filters import Addressed
from bot.telegram.memory import ChatMemory
from bot.telegram.ports import AnswerEngine, QuestionLog
from bot.telegram.replies import deliver_answer, send_html
from bot.telegram.texts import text


async def question(
    message: Message,
    bot: Bot,
    question: str,
    engine: AnswerEngine,
    store: QuestionLog,
    state: FSMContext,
) -> None:
    memory = ChatMemory(state)
    if question.startswith("/"):
        # A command no router knows (the region commands and the rest come first).
        language = await memory.language(message.from_user)
        await send_html(bot, message.chat.id, html.quote(text("unknown_command", language)))
        return
    await _answer(message, bot, question, engine, store, memory)


async def edited_question(
    message: Message,
    bot: Bot,
    question: str,
    engine: AnswerEngine,
    store: QuestionLog,
    state: FSMContext,
) -> None:
    """The user corrected a question: answer the new text (an edited command is left alone)."""
    if question.startswith("/"):
        return
    await _answer(message, bot, question, engine, store, ChatMemory(state))


async def _answer(
    message: Message,
    bot: Bot,
    question: str,
    engine: AnswerEngine,
    store: QuestionLog,
    memory: ChatMemory,
) -> None:
    answer = engine.answer(question, await memory.context())
    # In a group, replying to the question shows whom the answer is for.
    reply_to = message.message_id if message.chat.type != ChatType.PRIVATE else None
    await deliver_answer(
        bot, message.chat.id, answer, engine=engine, store=store, memory=memory, reply_to=reply_to
    )


def make_router() -> Router:
    router = Router(name="questions")
    router.message.register(question, F.text, Addressed())
    router.edited_message.register(edited_question, F.text, Addressed())
    return router
