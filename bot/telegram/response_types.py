"""Keep aiogram's parsed-response models alive, so each is built once per process.

aiogram parses every Bot API response with `Response[method.__returning__]`, a pydantic generic
model made on first use. pydantic keeps those models in a weak cache, and nothing else holds
them, so a garbage collection drops them and the next response of that kind builds its model
again: about 10 ms, every few hundred updates (a tenth of the dispatcher's time in `make bench`
before this). This request middleware holds a reference to each response model it has seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

# Shared by every bot of the process: the models are the same for all.
_KEPT: dict[type[TelegramMethod[Any]], Any] = {}


class KeepResponseTypes(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        kind = type(method)
        if kind not in _KEPT:
            _KEPT[kind] = Response[method.__returning__]  # type: ignore[name-defined]
        return await make_request(bot, method)


def kept_count() -> int:
    """How many response models are held (for tests)."""
    return len(_KEPT)
