"""The bot's profile in Telegram: the command menu and the descriptions, per language.

Kazakh is the default (no language_code): Telegram shows it to everyone whose app language
has no list of its own; Russian and English get theirs.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand

from bot.telegram.filters import REGION_COMMAND
from bot.telegram.ports import AnswerEngine
from bot.telegram.texts import text

MENU_LANGUAGES: tuple[tuple[str, str | None], ...] = (("kk", None), ("ru", "ru"), ("en", "en"))
FIXED_COMMANDS = ("start", "help", "regions", "sources", "lang")
MAX_COMMANDS = 100
DESCRIPTION_LIMIT = 256


def menu(engine: AnswerEngine, language: str) -> list[BotCommand]:
    """Fixed commands, then one per region with articles (generated from the corpus)."""
    commands = [
        BotCommand(command=name, description=text(f"cmd_{name}", language))
        for name in FIXED_COMMANDS
    ]
    for region, _ in engine.regions_with_articles():
        if not REGION_COMMAND.match(region.id) or len(commands) >= MAX_COMMANDS:
            continue
        description = text("cmd_region", language, region=region.name(language))
        commands.append(BotCommand(command=region.id, description=description[:DESCRIPTION_LIMIT]))
    return commands


async def set_commands(bot: Bot, engine: AnswerEngine) -> None:
    for language, code in MENU_LANGUAGES:
        await bot.set_my_commands(menu(engine, language), language_code=code)


async def set_descriptions(bot: Bot) -> None:
    for language, code in MENU_LANGUAGES:
        await bot.set_my_description(text("description", language), language_code=code)
        await bot.set_my_short_description(text("short_description", language), language_code=code)


async def configure_bot(bot: Bot, engine: AnswerEngine) -> None:
    await set_commands(bot, engine)
    await set_descriptions(bot)
