"""Stay under Telegram's send rates instead of learning them from 429s.

Telegram asks for about 30 messages a second overall, about one a second in a chat (short
bursts are fine) and 20 a minute into a group. Token buckets, one overall and one per chat,
delay a send until it fits (edits count only overall); answers to button presses and inline
queries are not messages and pass straight through. The retry middleware stays as the safety
net for what still gets a 429.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

# Methods that put a new message into a chat: they count against the chat's rate.
SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "copyMessage", "forwardMessage"})
# Edits change a message in place: they count only against the overall rate.
EDITS = frozenset({"editMessageText", "editMessageReplyMarkup"})
MAX_TRACKED_CHATS = 10_000


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float
    stamp: float

    def wait_time(self, now: float) -> float:
        """Seconds until a token is free (0: take it now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.per_second

    def take(self) -> None:
        self.tokens -= 1

    def full(self, now: float) -> bool:
        return self.tokens + (now - self.stamp) * self.per_second >= self.capacity


class ThrottleMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        overall_per_second: float = 30,
        chat_per_second: float = 1,
        chat_burst: float = 5,
        group_per_minute: float = 20,
        group_burst: float = 10,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        now = clock()
        self.overall = Bucket(overall_per_second, overall_per_second, overall_per_second, now)
        self.chat_rate = (chat_burst, chat_per_second)
        self.group_rate = (group_burst, group_per_minute / 60)
        self.chats: dict[Any, tuple[Bucket, asyncio.Lock]] = {}
        self._lock = asyncio.Lock()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        name = method.__api_method__
        if name in SENDS:
            await self._slot(getattr(method, "chat_id", None))
        elif name in EDITS:
            await self._slot(None)
        return await make_request(bot, method)

    async def _slot(self, chat_id: Any) -> None:
        # A chat waits for its own bucket under its own lock, so one chat sending a long
        # answer in pieces never holds up the others; only the short overall wait is shared.
        if chat_id is not None:
            bucket, lock = self._chat(chat_id)
            async with lock:
                await self._take(bucket)
        async with self._lock:
            await self._take(self.overall)

    async def _take(self, bucket: Bucket) -> None:
        while (wait := bucket.wait_time(self.clock())) > 0:
            await asyncio.sleep(wait)
        bucket.take()

    def _chat(self, chat_id: Any) -> tuple[Bucket, asyncio.Lock]:
        entry = self.chats.get(chat_id)
        if entry is None:
            now = self.clock()
            if len(self.chats) >= MAX_TRACKED_CHATS:
                self.chats = {
                    k: e
                    for k, e in self.chats.items()
                    if not (e[0].full(now) and not e[1].locked())
                }
            is_group = isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0)
            capacity, rate = self.group_rate if is_group else self.chat_rate
            entry = self.chats[chat_id] = (Bucket(capacity, rate, capacity, now), asyncio.Lock())
        return entry
