"""The Bot API methods the fake implements, each answering like Telegram.

A handler takes the World and the decoded, spec-checked params, and returns the result or
raises ApiError. getUpdates lives in server.py (it waits). Methods in the spec without a
handler here answer `true`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from tests.botapi import limits
from tests.botapi.errors import bad_request
from tests.botapi.models import BotMessage
from tests.botapi.world import World

Handler = Callable[[World, dict[str, Any]], Any]

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def get_me(world: World, params: dict[str, Any]) -> Any:
    return dict(world.bot_user)


def send_message(world: World, params: dict[str, Any]) -> Any:
    chat = world.require_chat(params["chat_id"])
    visible, entities = limits.parse_text(
        params["text"], params.get("parse_mode"), entities=params.get("entities")
    )
    reply_to = _reply_target(world, chat["id"], params)
    message = BotMessage(
        message_id=world.next_message_id(chat["id"]),
        chat_id=chat["id"],
        text=params["text"],
        parse_mode=params.get("parse_mode"),
        reply_markup=params.get("reply_markup"),
        plain=visible,
        entities=entities,
        date=int(time.time()),
        reply_to_message_id=reply_to,
    )
    world.bot_messages[(chat["id"], message.message_id)] = message
    return world.message_dict(message)


def send_other(world: World, method: str, params: dict[str, Any]) -> Any:
    """sendPhoto, sendDocument, ...: a Message with the caption; the media aren't modelled.
    (The caption itself was checked with the common limits.)"""
    chat = world.require_chat(params.get("chat_id"))
    caption = params.get("caption")
    visible: str = ""
    entities: list[dict[str, Any]] = []
    if isinstance(caption, str):
        visible, entities = limits.parse_text(
            caption,
            params.get("parse_mode"),
            entities=params.get("caption_entities"),
            limit=limits.CAPTION_LIMIT,
            caption=True,
        )
    message = BotMessage(
        message_id=world.next_message_id(chat["id"]),
        chat_id=chat["id"],
        text=caption if isinstance(caption, str) else "",
        parse_mode=params.get("parse_mode"),
        reply_markup=params.get("reply_markup"),
        plain=visible,
        entities=entities,
        date=int(time.time()),
        reply_to_message_id=_reply_target(world, chat["id"], params),
        kind=method.removeprefix("send").lower(),
    )
    world.bot_messages[(chat["id"], message.message_id)] = message
    return world.message_dict(message)


def _reply_target(world: World, chat_id: int, params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters")
    if not isinstance(reply, dict):
        return None
    target = reply.get("message_id")
    target_chat = reply.get("chat_id", chat_id)
    if (
        isinstance(target, int)
        and target_chat == chat_id
        and world.any_message_dict(chat_id, target) is not None
    ):
        return target
    if reply.get("allow_sending_without_reply"):
        return None
    raise bad_request("message to be replied not found")


def _editable(world: World, params: dict[str, Any]) -> BotMessage:
    chat = world.require_chat(params.get("chat_id"))
    message_id = params.get("message_id")
    if not isinstance(message_id, int):
        raise bad_request("message identifier is not specified")
    message = world.live_bot_message(chat["id"], message_id)
    if message is None:
        if (chat["id"], message_id) in world.user_messages:
            raise bad_request("message can't be edited")
        raise bad_request("message to edit not found")
    return message


def edit_message_text(world: World, params: dict[str, Any]) -> Any:
    visible, entities = limits.parse_text(
        params["text"], params.get("parse_mode"), entities=params.get("entities")
    )
    if params.get("inline_message_id"):
        return True
    message = _editable(world, params)
    markup = params.get("reply_markup")  # absent: Telegram removes the inline keyboard
    if (visible, entities, markup) == (message.plain, message.entities, message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.history.append(message.text)
    message.text = params["text"]
    message.parse_mode = params.get("parse_mode")
    message.plain = visible
    message.entities = entities
    message.reply_markup = markup
    _count_edit(message)
    return world.message_dict(message)


def edit_message_reply_markup(world: World, params: dict[str, Any]) -> Any:
    if params.get("inline_message_id"):
        return True
    message = _editable(world, params)
    markup = params.get("reply_markup")
    if markup == message.reply_markup:
        raise bad_request(NOT_MODIFIED)
    message.reply_markup = markup
    _count_edit(message)
    return world.message_dict(message)


def _count_edit(message: BotMessage) -> None:
    message.edits += 1
    message.edit_date = int(time.time())


def delete_message(world: World, params: dict[str, Any]) -> Any:
    chat = world.require_chat(params["chat_id"])
    key = (chat["id"], params["message_id"])
    message = world.live_bot_message(*key)
    if message is not None:
        message.deleted = True
    elif world.user_messages.pop(key, None) is None:
        raise bad_request("message to delete not found")
    return True


def answer_callback_query(world: World, params: dict[str, Any]) -> Any:
    query = world.callback_queries.get(str(params["callback_query_id"]))
    if query is None or query.answered:
        raise bad_request(QUERY_TOO_OLD)
    limits.check_callback_answer(params)
    query.answered = True
    world.callback_answers.append(dict(params))
    return True


def answer_inline_query(world: World, params: dict[str, Any]) -> Any:
    query = world.inline_queries.get(str(params["inline_query_id"]))
    if query is None or query.answered:
        raise bad_request(QUERY_TOO_OLD)
    limits.check_inline_answer(params)
    query.answered = True
    world.inline_answers.append(dict(params))
    return True


def send_chat_action(world: World, params: dict[str, Any]) -> Any:
    world.require_chat(params["chat_id"])
    if params["action"] not in limits.CHAT_ACTIONS:
        raise limits.violation("wrong parameter action in request")
    return True


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


def set_my_commands(world: World, params: dict[str, Any]) -> Any:
    limits.check_commands(params["commands"], params.get("language_code"))
    world.commands[_commands_key(params)] = list(params["commands"])
    return True


def get_my_commands(world: World, params: dict[str, Any]) -> Any:
    return world.commands.get(_commands_key(params), [])


def delete_my_commands(world: World, params: dict[str, Any]) -> Any:
    world.commands.pop(_commands_key(params), None)
    return True


def _text_setting(store_name: str, field: str, limit: int) -> tuple[Handler, Handler]:
    """setMy<X> / getMy<X> for the bot's description, short description and name."""

    def setter(world: World, params: dict[str, Any]) -> Any:
        language = params.get("language_code")
        limits.check_language_code(language)
        limits.check_length(params.get(field), limit, field.replace("_", " "))
        store: dict[str, str] = getattr(world, store_name)
        store[str(language or "")] = str(params.get(field) or "")
        return True

    def getter(world: World, params: dict[str, Any]) -> Any:
        store: dict[str, str] = getattr(world, store_name)
        return {field: store.get(str(params.get("language_code") or ""), "")}

    return setter, getter


set_my_description, get_my_description = _text_setting(
    "descriptions", "description", limits.DESCRIPTION_LIMIT
)
set_my_short_description, get_my_short_description = _text_setting(
    "short_descriptions", "short_description", limits.SHORT_DESCRIPTION_LIMIT
)
set_my_name, get_my_name = _text_setting("names", "name", limits.NAME_LIMIT)


def set_chat_menu_button(world: World, params: dict[str, Any]) -> Any:
    chat_id = params.get("chat_id")
    if chat_id is not None:
        world.require_chat(chat_id)
    world.menu_buttons[chat_id] = params.get("menu_button") or {"type": "default"}
    return True


def get_chat_menu_button(world: World, params: dict[str, Any]) -> Any:
    return world.menu_buttons.get(params.get("chat_id"), {"type": "default"})


def delete_webhook(world: World, params: dict[str, Any]) -> Any:
    if params.get("drop_pending_updates"):
        world.updates.drop_all()
    return True


def get_webhook_info(world: World, params: dict[str, Any]) -> Any:
    return {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": world.updates.pending_count,
    }


def copy_message(world: World, params: dict[str, Any]) -> Any:
    raise bad_request("message to copy not found")


def just_true(world: World, params: dict[str, Any]) -> Any:
    return True


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setMyDescription": set_my_description,
    "getMyDescription": get_my_description,
    "setMyShortDescription": set_my_short_description,
    "getMyShortDescription": get_my_short_description,
    "setMyName": set_my_name,
    "getMyName": get_my_name,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "answerInlineQuery": answer_inline_query,
    "sendChatAction": send_chat_action,
    "copyMessage": copy_message,
    "close": just_true,
    "logOut": just_true,
}
