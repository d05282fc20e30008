"""Stickers, photos, voice, files, locations...: a polite note that the bot reads text."""

from __future__ import annotations

from aiogram import Bot, Router, html
from aiogram.enums import ContentType
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.telegram.filters import Addressed, ContentIn
from bot.telegram.memory import ChatMemory
from bot.telegram.replies import send_html
from bot.telegram.texts import text

# What people send instead of text. Service messages (members joining, pins, ...) are not here:
# the bot stays silent on those.
NON_TEXT = frozenset(
    {
        ContentType.STICKER,
        ContentType.PHOTO,
        ContentType.VOICE,
        ContentType.VIDEO,
        ContentType.VIDEO_NOTE,
        ContentType.AUDIO,
        ContentType.DOCUMENT,
        ContentType.ANIMATION,
        ContentType.LOCATION,
        ContentType.VENUE,
        ContentType.CONTACT,
        ContentType.DICE,
        ContentType.POLL,
        ContentType.STORY,
    }
)


async def non_text(message: Message, bot: Bot, state: FSMContext) -> None:
    language = await ChatMemory(state).language(message.from_user)
    await send_html(bot, message.chat.id, html.quote(text("non_text", language)))


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.message.register(non_text, ContentIn(NON_TEXT), Addressed())
