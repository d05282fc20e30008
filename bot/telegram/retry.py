"""Send again what Telegram refused for a passing reason: 429, 5xx, a network fault.

aiogram raises `TelegramRetryAfter` on 429 and does not retry; this request middleware waits
`retry_after` and sends the same request again. Server errors and network errors are retried a
bounded number of times with exponential backoff. One log line per fault, never the token
(aiohttp's errors can carry the request URL, which holds it: see `bot.telegram.redact`).

`getUpdates` is left alone: the polling loop has its own backoff, and retrying a long poll
here would only stretch a shutdown.

A network error after Telegram has already accepted a sendMessage (a lost response) can make
a retry deliver the message twice; a refused connection cannot. Telegram offers no idempotency
key, so this is the usual trade: a rare duplicate over a silently lost answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import Response, TelegramType

from bot.telegram.redact import redact

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[object]]


class RetryMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        max_attempts: int = 5,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
        max_retry_after: float = 60.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """`max_attempts` counts the first try; a 429 asking to wait more than
        `max_retry_after` seconds is not waited out (the error goes to the caller)."""
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retry_after = max_retry_after
        self.sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if isinstance(method, GetUpdates):  # the polling loop has its own backoff
            return await make_request(bot, method)  # type: ignore[arg-type]
        name = method.__api_method__
        attempt = 1
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                delay = float(exc.retry_after)
                if attempt >= self.max_attempts or delay > self.max_retry_after:
                    log.warning(
                        "telegram %s: 429, retry_after=%ss: giving up", name, exc.retry_after
                    )
                    raise
                log.warning(
                    "telegram %s: 429 Too Many Requests, retrying in %ss (attempt %d of %d)",
                    name,
                    exc.retry_after,
                    attempt + 1,
                    self.max_attempts,
                )
            # ClientDecodeError: a proxy's HTML "502 Bad Gateway" page instead of Telegram's JSON.
            except (TelegramServerError, TelegramNetworkError, ClientDecodeError) as exc:
                if attempt >= self.max_attempts:
                    log.warning("telegram %s: %s: giving up", name, _fault(exc, bot))
                    raise
                delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
                log.warning(
                    "telegram %s: %s, retrying in %.1fs (attempt %d of %d)",
                    name,
                    _fault(exc, bot),
                    delay,
                    attempt + 1,
                    self.max_attempts,
                )
            attempt += 1
            await self.sleep(delay)


def _fault(exc: Exception, bot: Bot) -> str:
    return redact(f"{type(exc).__name__}: {exc}", bot.token)
