"""The getUpdates loop: every update answered exactly once, across restarts.

Why not `Dispatcher.start_polling`? Telegram forgets an update only when the *next* getUpdates
carries `offset = update_id + 1`. With aiogram's `handle_as_tasks=True` the offset moves past a
batch as soon as its handlers are *started*, so a stop in the middle confirms updates whose
replies never went out (lost answers), and the unfinished tasks are orphaned when the session
closes. With `handle_as_tasks=False` the offset is right, but a stop cancels the handler in the
middle of its reply, one slow chat (a 429 wait) holds up every other chat, and the last batch is
never confirmed because no further getUpdates is made, so a restart answers it again.

So this loop (small, on top of `Dispatcher.feed_update`):
- takes a batch, handles it, and only then moves the offset past it;
- handles the batch's chats concurrently (bounded by a semaphore) but each chat's updates in
  order, so a follow-up question always sees the context its predecessor left;
- on stop (SIGINT/SIGTERM) lets the batch in hand finish, abandons an idle long poll (nothing
  was handed out, so nothing is lost), and confirms the offset with a last
  `getUpdates(offset, limit=1, timeout=0)`;
- records each handled update in a ledger, so that even a crash between a reply and the next
  confirmation does not answer the update a second time after the restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramRetryAfter, TelegramUnauthorizedError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.telegram.faults import describe_fault
from bot.telegram.ledger import MemoryLedger, UpdateLedger
from bot.telegram.redact import redact

log = logging.getLogger(__name__)

BACKOFF = BackoffConfig(min_delay=0.5, max_delay=15.0, factor=2.0, jitter=0.1)


class TokenRejected(Exception):
    """Telegram answered 401: the token is wrong or revoked."""


class Poller:
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        *,
        ledger: UpdateLedger | None = None,
        polling_timeout: int = 25,
        batch_limit: int = 100,
        concurrency: int = 32,
        backoff: BackoffConfig = BACKOFF,
        timeout_grace: int = 10,
    ) -> None:
        """`timeout_grace`: seconds a getUpdates may take beyond its long-poll `timeout`
        before it counts as lost (a connection that silently died would otherwise hang)."""
        self.dispatcher = dispatcher
        self.bot = bot
        self.ledger: UpdateLedger = ledger or MemoryLedger()
        self.polling_timeout = polling_timeout
        self.batch_limit = batch_limit
        self.backoff = backoff
        self.timeout_grace = timeout_grace
        self._slots = asyncio.Semaphore(concurrency)
        self._stop = asyncio.Event()
        self._offset: int | None = None
        self._confirmed: int | None = None
        self.handled_count = 0

    def stop(self) -> None:
        """Ask the loop to finish the replies in hand and return (safe from a signal handler)."""
        if not self._stop.is_set():
            log.info("stopping: finishing the replies in progress")
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    async def run(self) -> None:
        """Poll until `stop()`. Raises TokenRejected if Telegram refuses the token."""
        workflow = {
            "dispatcher": self.dispatcher,
            "bots": [self.bot],
            **self.dispatcher.workflow_data,
        }
        workflow.pop("bot", None)
        allowed = self.dispatcher.resolve_used_update_types()
        await self.dispatcher.emit_startup(bot=self.bot, **workflow)
        try:
            if await self._introduce():
                await self._loop(allowed)
        finally:
            await self._confirm_last()
            await self.dispatcher.emit_shutdown(bot=self.bot, **workflow)

    async def _introduce(self) -> bool:
        """getMe: proves the token and caches the username (for mentions in groups)."""
        backoff = Backoff(config=self.backoff)
        while not self.stopping:
            try:
                me = await self.bot.me()
            except TelegramUnauthorizedError:
                raise TokenRejected("Telegram refused BOT_TOKEN (401 Unauthorized)") from None
            except Exception as exc:
                log.warning(
                    "getMe failed (%s), trying again in %.1fs",
                    redact(f"{type(exc).__name__}: {exc}", self.bot.token),
                    backoff.next_delay,
                )
                await self._sleep_unless_stopped(next(backoff))
                continue
            log.info("polling as @%s", me.username)
            return True
        return False

    async def _loop(self, allowed: list[str]) -> None:
        backoff = Backoff(config=self.backoff)
        while not self.stopping:
            request = GetUpdates(
                offset=self._offset,
                limit=self.batch_limit,
                timeout=self.polling_timeout,
                allowed_updates=allowed,
            )
            fetch = asyncio.ensure_future(
                self.bot(request, request_timeout=self.polling_timeout + self.timeout_grace)
            )
            updates = await self._unless_stopped(fetch)
            if updates is None:
                return  # stopped while waiting: the server handed us nothing we will use
            if isinstance(updates, BaseException):
                if isinstance(updates, TelegramUnauthorizedError):
                    raise TokenRejected("Telegram refused BOT_TOKEN (401 Unauthorized)") from None
                delay = next(backoff)
                if isinstance(updates, TelegramRetryAfter):  # Telegram said how long to wait
                    delay = max(delay, float(updates.retry_after))
                log.warning(
                    "getUpdates failed: %s; trying again in %.1f s",
                    describe_fault(updates, self.bot.token),
                    delay,
                )
                await self._sleep_unless_stopped(delay)
                continue
            backoff.reset()
            # This getUpdates carried the offset, so Telegram has now forgotten what lies below.
            if self._offset is not None and self._offset != self._confirmed:
                self._confirmed = self._offset
                await self.ledger.forget_before(self._offset)
            if updates:
                await self._handle_batch(updates)
                self._offset = updates[-1].update_id + 1

    async def _unless_stopped(self, fetch: asyncio.Future[Any]) -> Any:
        stop = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait({fetch, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
        if not fetch.done():
            fetch.cancel()
            with contextlib.suppress(BaseException):
                await fetch
            return None
        if self.stopping:
            # A batch arrived together with the stop: leave it unconfirmed; the next run gets it.
            return None
        exc = fetch.exception()
        return exc if exc is not None else fetch.result()

    async def _sleep_unless_stopped(self, delay: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=delay)

    async def _handle_batch(self, updates: list[Update]) -> None:
        by_chat: OrderedDict[int, list[Update]] = OrderedDict()
        for update in updates:
            by_chat.setdefault(_chat_key(update), []).append(update)
        await asyncio.gather(*(self._handle_chat(chat) for chat in by_chat.values()))

    async def _handle_chat(self, updates: list[Update]) -> None:
        async with self._slots:
            for update in updates:
                await self.handle(update)

    async def handle(self, update: Update) -> None:
        """Feed one update to the dispatcher unless the ledger says it was answered before."""
        if await self.ledger.handled(update.update_id):
            log.info("update %d was answered before the restart; skipping it", update.update_id)
            return
        try:
            response = await self.dispatcher.feed_update(self.bot, update)
            if isinstance(response, TelegramMethod):
                await self.bot(response)
        except Exception as exc:  # one bad update must not stop the bot
            log.exception(
                "update %d failed: %s",
                update.update_id,
                redact(f"{type(exc).__name__}: {exc}", self.bot.token),
            )
        # Marked even when it failed: an update that breaks a handler would break it again.
        await self.ledger.mark(update.update_id)
        self.handled_count += 1

    async def _confirm_last(self) -> None:
        """Tell Telegram about the last handled batch (no further getUpdates would)."""
        if self._offset is None or self._offset == self._confirmed:
            return
        try:
            await self.bot(GetUpdates(offset=self._offset, limit=1, timeout=0), request_timeout=10)
        except Exception as exc:  # the ledger still prevents a repeat
            log.warning(
                "could not confirm the last updates (%s); the next start skips them",
                redact(f"{type(exc).__name__}: {exc}", self.bot.token),
            )
            return
        self._confirmed = self._offset
        await self.ledger.forget_before(self._offset)


def _chat_key(update: Update) -> int:
    """The chat an update belongs to (a user's private chat for inline queries)."""
    try:
        event = update.event
    except Exception:  # an update type newer than aiogram: its own lane
        return -update.update_id
    chat = getattr(event, "chat", None)
    if chat is None:
        chat = getattr(getattr(event, "message", None), "chat", None)
    if chat is not None:
        return int(chat.id)
    user = getattr(event, "from_user", None)
    return int(user.id) if user is not None else -update.update_id
