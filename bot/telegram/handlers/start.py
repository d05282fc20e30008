"""/start and /help."""

from __future__ import annotations

from aiogram import Bot, Router, html
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.engine.models import Context
from bot.telegram.keyboards import offered_keyboard
from bot.telegram.memory import ChatMemory
from bot.telegram.ports import AnswerEngine
from bot.telegram.replies import send_html
from bot.telegram.texts import text

EXAMPLES_ON_START = 3


async def start(message: Message, bot: Bot, engine: AnswerEngine, state: FSMContext) -> None:
    """Greeting, what the bot knows, region buttons and example questions."""
    memory = ChatMemory(state)
    chosen = (await memory.context()).language
    language = await memory.language(message.from_user)
    # A fresh conversation: no region, no previous question; the /lang choice stays.
    await memory.set_context(Context(language=chosen))
    regions = engine.regions_with_articles()
    offered = await memory.offer(engine.example_questions(language)[:EXAMPLES_ON_START])
    parts = [engine.greeting(language)]
    if regions:
        known = ", ".join(
            f"{html.quote(region.name(language))} ({count})" for region, count in regions
        )
        parts.append(f"<b>{html.quote(text('regions_title', language))}</b> {known}")
    if offered:
        parts.append(html.quote(text("examples_title", language)))
    markup = offered_keyboard(offered, regions=regions, language=language)
    await send_html(bot, message.chat.id, "\n\n".join(parts), reply_markup=markup)


async def help_command(message: Message, bot: Bot, engine: AnswerEngine, state: FSMContext) -> None:
    language = await ChatMemory(state).language(message.from_user)
    await send_html(bot, message.chat.id, engine.help(language))


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.message.register(start, CommandStart())
    router.message.register(help_command, Command("help"))
