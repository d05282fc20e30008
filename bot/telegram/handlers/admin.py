"""/stats and /reload for ADMIN_IDS. To everyone else they do not exist: no reply at all."""

from __future__ import annotations

import logging

from aiogram import Bot, Router, html
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.store.stats import format_stats
from bot.telegram.answer_cache import CachedEngine
from bot.telegram.filters import IsAdmin
from bot.telegram.memory import ChatMemory
from bot.telegram.ports import AnswerEngine, QuestionLog, Reloadable
from bot.telegram.profile import set_commands
from bot.telegram.replies import send_html

log = logging.getLogger(__name__)


async def stats(message: Message, bot: Bot, store: QuestionLog, state: FSMContext) -> None:
    language = await ChatMemory(state).language(message.from_user)
    await send_html(bot, message.chat.id, format_stats(await store.stats(), language))


async def reload(message: Message, bot: Bot, services: Reloadable, engine: AnswerEngine) -> None:
    """Re-read the seeds; the region commands in the menu follow the new corpus."""
    report = await services.reload()
    if isinstance(engine, CachedEngine):
        engine.forget()  # at once: no handler runs between the swap and here
    await send_html(bot, message.chat.id, html.quote(report))
    try:
        await set_commands(bot, engine)
    except Exception as exc:  # the reload worked; the menu can wait
        log.warning("could not update the command menu: %s", type(exc).__name__)


async def not_an_admin(message: Message) -> None:
    """Silence: neither an error nor a hint that the command exists."""


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.message.register(stats, Command("stats"), IsAdmin())
    router.message.register(reload, Command("reload"), IsAdmin())
    router.message.register(not_an_admin, Command("stats", "reload"))
