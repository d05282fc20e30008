"""The fake Telegram's state: chats, users, messages (both ways), queries, bot settings.

Message ids count up per chat, shared by the user's and the bot's messages, as in Telegram.
A chat is known to the bot once an update came from it; sending elsewhere is "chat not found".
"""

from __future__ import annotations

import copy
import itertools
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from tests.botapi.errors import ApiError, bad_request
from tests.botapi.html_check import utf16_len
from tests.botapi.models import BotMessage
from tests.botapi.updates import UpdateQueue

DEFAULT_USER_ID = 1001
_COMMAND_AT_START = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=\s|$)")
_GROUP_TITLE = "Forum test group"


@dataclass
class Query:
    """A callback or inline query the bot may answer once."""

    query_id: str
    payload: dict[str, Any]
    answered: bool = False


@dataclass
class World:
    bot_user: dict[str, Any]
    violations: list[str] = field(default_factory=list)
    updates: UpdateQueue = field(default_factory=UpdateQueue)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    blocked_by: set[int] = field(default_factory=set)
    user_messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    bot_messages: dict[tuple[int, int], BotMessage] = field(default_factory=dict)
    callback_queries: dict[str, Query] = field(default_factory=dict)
    inline_queries: dict[str, Query] = field(default_factory=dict)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    inline_answers: list[dict[str, Any]] = field(default_factory=list)
    sends: defaultdict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    short_descriptions: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    menu_buttons: dict[int | None, dict[str, Any]] = field(default_factory=dict)
    unimplemented: list[str] = field(default_factory=list)
    _last_message_id: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))
    _query_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(4_000_001))

    # -- ids and lookups ----------------------------------------------------------------

    def next_message_id(self, chat_id: int) -> int:
        self._last_message_id[chat_id] += 1
        return self._last_message_id[chat_id]

    def next_query_id(self) -> str:
        return str(next(self._query_ids) * 1_000_003)

    def require_chat(self, chat_id: Any) -> dict[str, Any]:
        """The chat the bot may write to, or Telegram's error."""
        if not isinstance(chat_id, int) or chat_id not in self.chats:
            raise bad_request("chat not found")
        if chat_id in self.blocked_by:
            raise ApiError(403, "bot was blocked by the user")
        return self.chats[chat_id]

    def live_bot_message(self, chat_id: int, message_id: int) -> BotMessage | None:
        message = self.bot_messages.get((chat_id, message_id))
        return message if message is not None and not message.deleted else None

    def messages_in(self, chat_id: int, *, include_deleted: bool = False) -> list[BotMessage]:
        return [
            m
            for (chat, _), m in self.bot_messages.items()
            if chat == chat_id and (include_deleted or not m.deleted)
        ]

    def message_dict(self, message: BotMessage, *, with_reply: bool = True) -> dict[str, Any]:
        """The Message object Telegram returns for a bot message."""
        result: dict[str, Any] = {
            "message_id": message.message_id,
            "from": {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")},
            "chat": copy.deepcopy(self.chats[message.chat_id]),
            "date": message.date,
        }
        text_key, entities_key = ("text", "entities")
        if message.kind != "text":
            # Media are not modelled: the message carries its caption only.
            text_key, entities_key = ("caption", "caption_entities")
        if message.plain or message.kind == "text":
            result[text_key] = message.plain
        if message.entities:
            result[entities_key] = copy.deepcopy(message.entities)
        if message.edit_date is not None:
            result["edit_date"] = message.edit_date
        # Telegram echoes only inline keyboards (aiogram's Message.reply_markup is inline-only).
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            result["reply_markup"] = copy.deepcopy(message.reply_markup)
        if with_reply and message.reply_to_message_id is not None:
            replied = self.any_message_dict(message.chat_id, message.reply_to_message_id)
            if replied is not None:
                result["reply_to_message"] = replied
        return result

    def any_message_dict(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        bot_message = self.live_bot_message(chat_id, message_id)
        if bot_message is not None:
            return self.message_dict(bot_message, with_reply=False)
        user_message = self.user_messages.get((chat_id, message_id))
        if user_message is None:
            return None
        return {k: v for k, v in copy.deepcopy(user_message).items() if k != "reply_to_message"}

    # -- playing users --------------------------------------------------------------------

    def user(
        self, user_id: int, *, first_name: str = "Aigerim", language_code: str | None = "kk"
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        self.users[user_id] = user
        return copy.deepcopy(user)

    def chat(self, chat_id: int, chat_type: str, user: dict[str, Any]) -> dict[str, Any]:
        if chat_type == "private":
            if chat_id != user["id"]:
                msg = f"a private chat's id is its user's id: chat {chat_id}, user {user['id']}"
                raise ValueError(msg)
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        elif chat_type in ("group", "supergroup", "channel"):
            chat = {"id": chat_id, "type": chat_type, "title": _GROUP_TITLE}
        else:
            raise ValueError(f"unknown chat type {chat_type!r}")
        self.chats[chat_id] = chat
        return copy.deepcopy(chat)

    def user_message(
        self,
        chat_id: int,
        content: dict[str, Any],
        *,
        user_id: int | None = None,
        language_code: str = "kk",
        chat_type: str | None = None,
        reply_to_bot: bool = False,
        first_name: str = "Aigerim",
    ) -> dict[str, Any]:
        """Record a message a user sends and return it (the caller pushes the update)."""
        if chat_type is None:
            chat_type = self.chats.get(chat_id, {}).get("type", "private")
        if user_id is None:
            user_id = chat_id if chat_type == "private" else DEFAULT_USER_ID
        user = self.user(user_id, first_name=first_name, language_code=language_code)
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat_id),
            "from": user,
            "chat": self.chat(chat_id, chat_type, user),
            "date": int(time.time()),
            **content,
        }
        if reply_to_bot:
            sent = self.messages_in(chat_id)
            if not sent:
                raise ValueError(f"reply_to_bot: the bot sent nothing to chat {chat_id} yet")
            message["reply_to_message"] = self.message_dict(sent[-1], with_reply=False)
        self.user_messages[(chat_id, message["message_id"])] = message
        return copy.deepcopy(message)

    def edit_user_message(self, chat_id: int, message_id: int, new_text: str) -> dict[str, Any]:
        message = self.user_messages.get((chat_id, message_id))
        if message is None or "text" not in message:
            raise ValueError(f"no text message {message_id} from a user in chat {chat_id}")
        message.pop("entities", None)
        message.update(text_content(new_text))
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def callback_query(
        self, chat_id: int, message_id: int, data: str, *, user_id: int | None, force: bool
    ) -> dict[str, Any]:
        message = self.live_bot_message(chat_id, message_id)
        if message is None:
            raise ValueError(f"the bot has no message {message_id} in chat {chat_id}")
        if not force and data not in message.callback_data:
            msg = (
                f"message {message_id} has no button with callback_data {data!r} "
                f"(it has {message.callback_data}); pass force=True to forge one"
            )
            raise ValueError(msg)
        chat_type = self.chats[chat_id]["type"]
        if user_id is None:
            user_id = chat_id if chat_type == "private" else DEFAULT_USER_ID
        known = self.users.get(user_id, {})
        user = self.user(
            user_id,
            first_name=known.get("first_name", "Aigerim"),
            language_code=known.get("language_code", "kk"),
        )
        query_id = self.next_query_id()
        query = {
            "id": query_id,
            "from": user,
            "message": self.message_dict(message),
            "chat_instance": str(abs(hash((chat_id, "instance"))) % 10**18),
            "data": data,
        }
        self.callback_queries[query_id] = Query(query_id, query)
        return query

    def inline_query(self, query: str, *, user_id: int, offset: str) -> dict[str, Any]:
        if len(query) > 256:
            raise ValueError("an inline query is at most 256 characters")
        known = self.users.get(user_id, {})
        query_id = self.next_query_id()
        payload: dict[str, Any] = {
            "id": query_id,
            "from": self.user(
                user_id,
                first_name=known.get("first_name", "Aigerim"),
                language_code=known.get("language_code", "kk"),
            ),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        self.inline_queries[query_id] = Query(query_id, payload)
        return payload

    def learn_from_update(self, update: dict[str, Any]) -> None:
        """Chats, users and queries a hand-made update introduces become known."""
        for key in ("message", "edited_message", "channel_post", "my_chat_member"):
            item = update.get(key)
            if isinstance(item, dict) and isinstance(item.get("chat"), dict):
                chat = item["chat"]
                self.chats.setdefault(chat["id"], copy.deepcopy(chat))
                if "message_id" in item and key == "message":
                    self.user_messages[(chat["id"], item["message_id"])] = copy.deepcopy(item)
                    self._last_message_id[chat["id"]] = max(
                        self._last_message_id[chat["id"]], item["message_id"]
                    )
        callback = update.get("callback_query")
        if isinstance(callback, dict) and "id" in callback:
            self.callback_queries[str(callback["id"])] = Query(str(callback["id"]), callback)
        inline = update.get("inline_query")
        if isinstance(inline, dict) and "id" in inline:
            self.inline_queries[str(inline["id"])] = Query(str(inline["id"]), inline)


def text_content(text: str) -> dict[str, Any]:
    """A user's text with the bot_command entity Telegram adds for a leading /command."""
    if len(text) > 4096:
        raise ValueError("a user's message is at most 4096 characters")
    content: dict[str, Any] = {"text": text}
    match = _COMMAND_AT_START.match(text)
    if match:
        content["entities"] = [
            {"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}
        ]
    return content
