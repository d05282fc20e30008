"""/lang: the chat's language (kk, ru, en), kept in the chat's context."""

from __future__ import annotations

from dataclasses import replace

from aiogram import Bot, F, Router, html
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.corpus.models import LANGUAGES
from bot.telegram.callbacks import LangCb
from bot.telegram.keyboards import language_keyboard
from bot.telegram.memory import ChatMemory
from bot.telegram.presses import acknowledge, callback_chat_id, pressed_message
from bot.telegram.replies import send_html
from bot.telegram.texts import text


async def choose_language(message: Message, bot: Bot, state: FSMContext) -> None:
    language = await ChatMemory(state).language(message.from_user)
    await send_html(
        bot,
        message.chat.id,
        html.quote(text("choose_language", language)),
        reply_markup=language_keyboard(),
    )


async def language_chosen(
    callback: CallbackQuery,
    callback_data: LangCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    state: FSMContext,
) -> None:
    memory = ChatMemory(state)
    chosen = callback_data.l
    await memory.set_context(replace(await memory.context(), language=chosen))  # type: ignore[arg-type]
    confirmation = html.quote(text("language_set", chosen))
    await acknowledge(callback, callback_answer, text("language_set", chosen))
    message = pressed_message(callback)
    if message is not None:
        # The prompt turns into the confirmation: no extra message, no stale buttons.
        await message.edit_text(confirmation, reply_markup=None)
        return
    chat_id = callback_chat_id(callback)
    if chat_id is not None:
        await send_html(bot, chat_id, confirmation)


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.message.register(choose_language, Command("lang"))
    router.callback_query.register(language_chosen, LangCb.filter(F.l.in_(LANGUAGES)))
