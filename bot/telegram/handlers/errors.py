"""When a handler fails: log it (without the token) and tell the user briefly, not silence."""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, Router, html
from aiogram.types import ErrorEvent, Message

from bot.telegram.redact import redact
from bot.telegram.texts import language_of, text

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, bot: Bot) -> None:
    update = event.update
    error = event.exception
    log.error(
        "update %d failed: %s",
        update.update_id,
        redact(f"{type(error).__name__}: {error}", bot.token),
        exc_info=error,
    )
    callback = update.callback_query
    message = update.message or update.edited_message
    sender = message.from_user if message else (callback.from_user if callback else None)
    if message is None and callback is not None and isinstance(callback.message, Message):
        message = callback.message
    if message is None or (message.chat.type != "private" and callback is None):
        return  # nothing to answer, or a group, where a failure stays quiet
    language = language_of(sender.language_code if sender else None)
    # Sending may be what failed; then there is nothing more to do.
    with contextlib.suppress(Exception):
        await bot.send_message(message.chat.id, html.quote(text("internal_error", language)))


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.errors.register(on_error)
