"""/sources and the article buttons (an article's full summary)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.telegram.callbacks import SummaryCb
from bot.telegram.keyboards import articles_keyboard
from bot.telegram.memory import ChatMemory
from bot.telegram.ports import AnswerEngine
from bot.telegram.presses import acknowledge, callback_chat_id
from bot.telegram.replies import send_html
from bot.telegram.texts import text


async def sources(message: Message, bot: Bot, engine: AnswerEngine, state: FSMContext) -> None:
    """Title, publisher and date of every article; a button per article opens its summary."""
    language = await ChatMemory(state).language(message.from_user)
    markup = articles_keyboard(engine.articles_in())
    await send_html(bot, message.chat.id, engine.sources_reply(language), reply_markup=markup)


async def summary(
    callback: CallbackQuery,
    callback_data: SummaryCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    engine: AnswerEngine,
    state: FSMContext,
) -> None:
    language = await ChatMemory(state).language(callback.from_user)
    chat_id = callback_chat_id(callback)
    if chat_id is None or engine.article(callback_data.k) is None:
        await acknowledge(callback, callback_answer, text("stale_button", language))
        return
    await acknowledge(callback, callback_answer)
    await send_html(bot, chat_id, engine.summary_reply(callback_data.k, language))


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.message.register(sources, Command("sources"))
    router.callback_query.register(summary, SummaryCb.filter())
