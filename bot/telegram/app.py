"""Wiring: the Bot (session, retries, HTML), the Dispatcher (routers, dependencies, storage,
flood guard), and the polling run with a clean stop.

`python -m bot run` calls `run_bot(settings)`: polling, or with WEBHOOK_URL set the webhook
server of `bot.telegram.webhook`. Tests reuse `build_bot`/`build_dispatcher` (unit tests, with a
recording session) and `PollingApp` (end to end, against a fake Bot API).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramUnauthorizedError
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.strategy import FSMStrategy
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.config import ConfigError, Settings
from bot.engine.engine import Engine
from bot.store.db import Store
from bot.telegram.answer_cache import CachedEngine
from bot.telegram.callbacks import check_fits
from bot.telegram.flood import FloodGuard
from bot.telegram.handlers import get_routers
from bot.telegram.ledger import MemoryLedger, SQLiteLedger, UpdateLedger
from bot.telegram.polling import Poller, TokenRejected
from bot.telegram.ports import AnswerEngine, QuestionLog
from bot.telegram.profile import configure_bot
from bot.telegram.question_log import BufferedQuestionLog
from bot.telegram.redact import install_token_filter, redact, remove_token_filter
from bot.telegram.response_types import KeepResponseTypes
from bot.telegram.retry import RetryMiddleware
from bot.telegram.signals import stop_signals
from bot.telegram.storage import SQLiteStorage
from bot.telegram.throttle import ThrottleMiddleware

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

POLLING_TIMEOUT = 25  # seconds a getUpdates waits for news; Telegram allows up to 50


def build_bot(settings: Settings, *, session: BaseSession | None = None) -> Bot:
    """A Bot talking to TELEGRAM_API_URL: paced to Telegram's rates, retrying 429/5xx/network
    faults, HTML by default."""
    token = settings.token
    if not token:
        raise ConfigError(
            "BOT_TOKEN is not set: create a bot with @BotFather and put its token in .env."
        )
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    # Order matters: the retry loop is outside, so every attempt waits for its turn.
    session.middleware(RetryMiddleware())
    session.middleware(ThrottleMiddleware())
    session.middleware(KeepResponseTypes())
    return Bot(
        token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_dispatcher(
    services: Services,
    storage: BaseStorage | None = None,
    *,
    events_isolation: BaseEventIsolation | None = None,
) -> Dispatcher:
    """Routers plus the services as workflow data (handlers ask for `engine`, `store`, ...).

    The chat's memory is keyed per chat (FSMStrategy.CHAT): in a group the region and the last
    question are the group's, as the region commands promise. `events_isolation` makes a chat's
    updates wait for each other (the webhook needs it; the poller orders a chat's updates itself).
    Incoming messages pass the flood guard (bot.telegram.flood) before any handler. Answers
    are cached (bot.telegram.answer_cache); questions are logged behind the answers
    (bot.telegram.question_log), and the shutdown writes the last.
    """
    check_fits()
    # The engine swaps its insides on /reload (and the admin handler empties the cache).
    engine = answer_cache(services.engine)
    store = question_log(services.store)
    dispatcher = Dispatcher(
        storage=storage or MemoryStorage(),
        fsm_strategy=FSMStrategy.CHAT,
        events_isolation=events_isolation,
        engine=engine,
        store=store,
        settings=services.settings,
        services=services,
    )
    # Every button press is answered, even when a handler forgets or fails.
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    flood_guard = FloodGuard()
    dispatcher.message.outer_middleware(flood_guard)
    dispatcher.edited_message.outer_middleware(flood_guard)
    dispatcher.shutdown.register(flood_guard.drain)
    if isinstance(store, BufferedQuestionLog):
        dispatcher.shutdown.register(store.close)  # the last questions are written
    dispatcher.include_routers(*get_routers())
    return dispatcher


def answer_cache(engine: AnswerEngine) -> AnswerEngine:
    """The engine behind a cache of its answers (bot.telegram.answer_cache); a stand-in
    (tests) as it is."""
    return CachedEngine(engine) if isinstance(engine, Engine) else engine


def question_log(store: QuestionLog) -> QuestionLog:
    """The store's question log, written behind (bot.telegram.question_log); a stand-in
    (tests) as it is."""
    return BufferedQuestionLog(store) if isinstance(store, Store) else store


async def open_chat_storage(path: Path) -> tuple[BaseStorage, UpdateLedger]:
    """Chat memory and the update ledger in DATABASE_PATH; in memory if the file is read-only."""
    try:
        storage = await SQLiteStorage.open(path)
        return storage, await SQLiteLedger.create(storage.conn)
    except (sqlite3.Error, OSError) as exc:
        log.warning(
            "chat memory kept in RAM (it will not survive a restart): %s cannot be written (%s)",
            path,
            exc,
        )
        return MemoryStorage(), MemoryLedger()


async def open_storage(settings: Settings) -> tuple[BaseStorage, UpdateLedger]:
    """Chat memory and update ledger: in Redis with REDIS_URL (shared by replicas), else in
    DATABASE_PATH."""
    if settings.redis_url:
        from bot.telegram.redis_storage import open_redis

        return await open_redis(settings.redis_url, bot_id_of(settings))
    return await open_chat_storage(settings.database_path)


async def open_parts(settings: Settings) -> tuple[Bot, Services, BaseStorage, UpdateLedger]:
    """What polling and the webhook server both run on: the bot, the services (database and
    engine), the chat memory and the update ledger; nothing is left open if one fails."""
    from bot.services import open_services  # the database and the engine: only to run

    bot = build_bot(settings)
    services = await open_services(settings)
    try:
        storage, ledger = await open_storage(settings)
    except BaseException:
        await services.close()
        await bot.session.close()
        raise
    return bot, services, storage, ledger


def bot_id_of(settings: Settings) -> int:
    """The bot's id: the token's part before the colon (config checked its shape)."""
    return int((settings.token or "0").partition(":")[0])


class PollingApp:
    """Services, bot, dispatcher and poller, opened together and closed in the right order."""

    def __init__(
        self, services: Services, bot: Bot, dispatcher: Dispatcher, poller: Poller
    ) -> None:
        self.services = services
        self.bot = bot
        self.dispatcher = dispatcher
        self.poller = poller

    @classmethod
    async def open(
        cls, settings: Settings, *, polling_timeout: int = POLLING_TIMEOUT
    ) -> PollingApp:
        bot, services, storage, ledger = await open_parts(settings)
        dispatcher = build_dispatcher(services, storage)
        poller = Poller(dispatcher, bot, ledger=ledger, polling_timeout=polling_timeout)
        return cls(services, bot, dispatcher, poller)

    def stop(self) -> None:
        self.poller.stop()

    async def run(self) -> None:
        """Set up the profile, poll until `stop()`, then close everything (always)."""
        try:
            try:
                # A webhook left over from another deployment would make getUpdates fail
                # with 409; pending updates stay (drop_pending_updates=False).
                await self.bot.delete_webhook(drop_pending_updates=False)
                await configure_bot(self.bot, self.services.engine)
            except TelegramUnauthorizedError:
                raise TokenRejected from None
            except Exception as exc:  # the bot answers without a menu; say so once
                log.warning(
                    "could not set up the bot's profile: %s",
                    redact(f"{type(exc).__name__}: {exc}", self.bot.token),
                )
            await self.poller.run()
        except TokenRejected:
            raise ConfigError(
                "BOT_TOKEN was refused by Telegram (401 Unauthorized): "
                "copy it again from @BotFather."
            ) from None
        finally:
            await self.bot.session.close()
            # The dispatcher's shutdown closed the chat memory; the poller never ran -> close it.
            with contextlib.suppress(Exception):
                await self.dispatcher.storage.close()
            await self.services.close()


async def run_polling(settings: Settings) -> None:
    """`python -m bot run`: poll TELEGRAM_API_URL until SIGINT/SIGTERM, then exit cleanly.

    The first signal finishes the replies in progress, confirms them to Telegram, and closes
    the database; a second one (an impatient Ctrl-C) cancels whatever is still running.
    """
    token_filter = install_token_filter(settings.token)
    try:
        app = await PollingApp.open(settings)
        with stop_signals(app.stop):
            await app.run()
        log.info("stopped after %d updates", app.poller.handled_count)
    finally:
        remove_token_filter(token_filter)


async def run_bot(settings: Settings) -> None:
    """`python -m bot run`: the webhook server when WEBHOOK_URL is set, else polling."""
    if settings.webhook_url:
        from bot.telegram.webhook import run_webhook

        await run_webhook(settings)
    else:
        await run_polling(settings)
