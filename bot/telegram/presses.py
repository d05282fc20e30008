"""Answering button presses.

`CallbackAnswerMiddleware` answers every press after its handler returns. Handlers that send
messages answer first (`acknowledge`), so the user's spinner stops at once even when a send
has to wait out a 429; the middleware then stays quiet.
"""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

CALLBACK_TEXT_LIMIT = 200


async def acknowledge(
    callback: CallbackQuery, callback_answer: CallbackAnswer, note: str | None = None
) -> None:
    """Answer the press now (with an optional short note) instead of after the handler."""
    if callback_answer.disabled or callback_answer.answered:
        return
    callback_answer.disable()
    await callback.answer(note[:CALLBACK_TEXT_LIMIT] if note else None)


def callback_chat_id(callback: CallbackQuery) -> int | None:
    """The chat of the message under which the button was pressed (None for inline messages)."""
    message = callback.message
    return message.chat.id if message is not None else None


def pressed_message(callback: CallbackQuery) -> Message | None:
    """The message carrying the button, if Telegram still lets the bot edit it."""
    return callback.message if isinstance(callback.message, Message) else None
