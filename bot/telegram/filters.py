"""Who the bot listens to, and which commands are regions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from aiogram import Bot
from aiogram.enums import ChatType, MessageEntityType
from aiogram.filters import BaseFilter, CommandObject
from aiogram.types import Message

from bot.config import Settings
from bot.telegram.ports import AnswerEngine

# A region command is `/` + a region id from seeds/regions.yaml.
REGION_COMMAND = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


class Addressed(BaseFilter):
    """Private chats: every message. Groups: only a mention of the bot or a reply to it.

    Gives the handler `question`: the text without the mention.
    """

    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, Any]:
        text = message.text or message.caption or ""
        if message.chat.type == ChatType.PRIVATE:
            return {"question": text}
        me = await bot.me()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == me.id:
            return {"question": text}
        if me.username and text:
            mention = f"@{me.username}".lower()
            for entity in message.entities or ():
                if entity.type != MessageEntityType.MENTION:
                    continue
                found = entity.extract_from(text)
                if found.lower() == mention:
                    return {"question": _without(text, found)}
        return False


class HasText(BaseFilter):
    """The message has text (what `F.text` says). aiogram runs a magic filter or a plain function
    in a worker thread (`asyncio.to_thread`), a thread hop per update; a BaseFilter is awaited
    in place."""

    async def __call__(self, message: Message) -> bool:
        return bool(message.text)


class ContentIn(BaseFilter):
    """The message's content type is one of `types` (`F.content_type.in_(types)`, without the
    thread hop)."""

    def __init__(self, types: Iterable[str]) -> None:
        self.types = frozenset(types)

    async def __call__(self, message: Message) -> bool:
        return message.content_type in self.types


class IsCommand(BaseFilter):
    """Text (or a caption) that starts with "/", as aiogram's `Command` filter reads it. On the
    router that holds the command handlers, one check spares a question the nine `Command`
    filters it would fail one by one."""

    async def __call__(self, message: Message) -> bool:
        text = message.text or message.caption
        return bool(text) and text.lstrip().startswith("/")  # type: ignore[union-attr]


class IsAdmin(BaseFilter):
    """The user's id is in ADMIN_IDS."""

    async def __call__(self, message: Message, settings: Settings) -> bool:
        user = message.from_user
        return user is not None and user.id in settings.admin_ids


class RegionCommand(BaseFilter):
    """`/zhambyl`, `/almaty question`: a command naming a region of the corpus.

    Runs after `Command(REGION_COMMAND)`, whose CommandObject it reads; gives `region_id`.
    """

    async def __call__(
        self, message: Message, command: CommandObject, engine: AnswerEngine
    ) -> bool | dict[str, Any]:
        region = engine.region(command.command.lower())
        return {"region_id": region.id} if region is not None else False


def _without(text: str, mention: str) -> str:
    return " ".join(text.replace(mention, " ").split())
