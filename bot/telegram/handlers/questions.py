"""Any text is a question (the catch-all: registered last). Edited messages too."""

from __future__ import annotations

from aiogram import Bot, Router, html
from aiogram.enums import ChatType
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.telegram.filters import Addressed, HasText
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
        # A command no handler knows (the region commands and the rest come first).
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


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.message.register(question, HasText(), Addressed())
    router.edited_message.register(edited_question, HasText(), Addressed())
