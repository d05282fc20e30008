"""The flood guard: a limit on INCOMING messages per sender, so that one person sending dozens of
messages a second neither monopolises the bot nor makes it flood the chat with answers.

Not to be confused with `bot.telegram.throttle.ThrottleMiddleware`, which paces the bot's
OUTGOING sends to Telegram's rates. The two meet at one number: the guard's burst is no larger
than the throttle's per-chat burst, so the answers a burst earns leave at once and the flooding
chat's turn in the polling loop ends quickly (the next batch of updates, other people's
questions included, waits for the current one).

The policy (`FloodPolicy`):
- Each sender in each chat has a token bucket: `burst` messages at once, then one more every
  1 / `per_second` seconds. In a private chat that is the user; in a group each member counts
  separately (one member flooding does not silence the group), and only messages addressed
  to the bot count (the others are ignored by the handlers anyway).
- New and edited messages count, commands included: /start or a region command costs an answer
  just like a question, and a couple of quiet seconds give the sender a message back.
  Button presses and inline queries are not counted: every press must be answered, and
  Telegram paces inline queries itself.
- Over the limit a message is dropped, not queued (answering a backlog of floods late is worse
  than asking again). The first drop in a `notice_every` window gets ONE polite note in the
  chat's language (kk/ru/en) saying that some messages were skipped; later drops in that
  window are silent. The note goes out in the background, so it never holds up the chat's turn,
  and is awaited at shutdown (`drain`).
- Each process keeps its own buckets (at most `max_tracked`; full, idle ones are forgotten first):
  with several webhook replicas, a flood spread over N replicas gets up to N bursts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware, Bot, html
from aiogram.enums import ChatType
from aiogram.types import Message, TelegramObject

from bot.corpus.models import Language
from bot.telegram.faults import describe_fault
from bot.telegram.filters import Addressed
from bot.telegram.memory import ChatMemory
from bot.telegram.replies import send_html
from bot.telegram.throttle import Bucket

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

NOTICE: dict[Language, str] = {
    "kk": "Сіз тым жиі жазып жатырсыз, сондықтан кейбір хабарламаларды өткізіп жібердім. "
    "Бірнеше секунд күтіп, сұрағыңызды қайта жіберіңіз.",
    "ru": "Вы пишете слишком часто, поэтому часть сообщений я пропустил. "
    "Подождите несколько секунд и задайте вопрос ещё раз.",
    "en": "You are sending messages too fast, so I skipped some of them. "
    "Please wait a few seconds and ask again.",
}


@dataclass(frozen=True)
class FloodPolicy:
    burst: float = 5  # = ThrottleMiddleware's chat_burst: a burst's answers leave at once
    per_second: float = 0.5  # then one message every 2 s; people type slower than that
    notice_every: float = 30.0  # seconds between two "slow down" notes to the same sender


@dataclass
class _Sender:
    bucket: Bucket
    noticed_at: float | None = None


class FloodGuard(BaseMiddleware):
    """An outer middleware for `message` and `edited_message` (see the module's policy)."""

    def __init__(
        self,
        policy: FloodPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_tracked: int = 10_000,
    ) -> None:
        self.policy = policy or FloodPolicy()
        self.clock = clock
        self.max_tracked = max_tracked
        self.dropped = 0
        self._senders: dict[tuple[int, int], _Sender] = {}
        self._notes: set[asyncio.Task[None]] = set()
        self._addressed = Addressed()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Message) or event.from_user is None:
            return await handler(event, data)
        bot: Bot = data["bot"]
        if event.chat.type != ChatType.PRIVATE and not await self._is_addressed(event, bot):
            return await handler(event, data)
        now = self.clock()
        sender = self._sender((event.chat.id, event.from_user.id), now)
        if sender.bucket.wait_time(now) == 0:
            sender.bucket.take()
            return await handler(event, data)
        self.dropped += 1
        if sender.noticed_at is None or now - sender.noticed_at >= self.policy.notice_every:
            sender.noticed_at = now
            language = await ChatMemory(data.get("state")).language(event.from_user)
            log.info(
                "flood from user %d in chat %d: dropping messages for now, note sent",
                event.from_user.id,
                event.chat.id,
            )
            self._note(bot, event, language)
        return None  # dropped by design: no handler runs

    async def _is_addressed(self, message: Message, bot: Bot) -> bool:
        """In a group: a mention of the bot or a reply to it (service messages never are)."""
        if not (message.text or message.caption):
            return False
        return bool(await self._addressed(message, bot))

    async def drain(self) -> None:
        """Wait for the notes still being sent (the dispatcher's shutdown calls this)."""
        if self._notes:
            await asyncio.gather(*self._notes, return_exceptions=True)

    def _note(self, bot: Bot, message: Message, language: Language) -> None:
        reply_to = message.message_id if message.chat.type != ChatType.PRIVATE else None
        task = asyncio.create_task(self._send_note(bot, message.chat.id, language, reply_to))
        self._notes.add(task)
        task.add_done_callback(self._notes.discard)

    async def _send_note(
        self, bot: Bot, chat_id: int, language: Language, reply_to: int | None
    ) -> None:
        try:
            await send_html(bot, chat_id, html.quote(NOTICE[language]), reply_to=reply_to)
        except Exception as exc:  # a lost note costs nothing: the next window sends another
            log.warning("could not send a flood note to chat %d: %s", chat_id, describe_fault(exc))

    def _sender(self, key: tuple[int, int], now: float) -> _Sender:
        sender = self._senders.get(key)
        if sender is None:
            if len(self._senders) >= self.max_tracked:
                self._forget_idle(now)
            burst = self.policy.burst
            sender = self._senders[key] = _Sender(Bucket(burst, self.policy.per_second, burst, now))
        return sender

    def _forget_idle(self, now: float) -> None:
        window = self.policy.notice_every
        self._senders = {
            key: s
            for key, s in self._senders.items()
            if not s.bucket.full(now) or (s.noticed_at is not None and now - s.noticed_at < window)
        }
        if len(self._senders) >= self.max_tracked:  # all busy: forget the oldest half
            for key in list(self._senders)[: self.max_tracked // 2]:
                del self._senders[key]
