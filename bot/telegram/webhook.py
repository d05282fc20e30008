"""Webhook mode (WEBHOOK_URL set): Telegram pushes each update to an HTTPS address of ours.

Polling asks Telegram for news from one process; a webhook lets Telegram push to a public
address, behind which several replicas can share the load (with REDIS_URL so they share the
chats' memory). Same bot, same dispatcher (`build_dispatcher`), same handlers as polling.

Life cycle (`WebhookApp`):
- start: the services, the chat memory (`open_storage`: Redis or SQLite), the dispatcher's
  startup; the aiohttp server listens on WEBHOOK_HOST:WEBHOOK_PORT at the path of WEBHOOK_URL
  (`/webhook` when the URL has none); then the bot's menu and `setWebhook(url, secret_token,
  allowed_updates, drop_pending_updates=False)`: the server is up before Telegram is told where
  to push, and updates that waited while the bot was down are still delivered.
- each POST: aiogram's `SimpleRequestHandler` compares X-Telegram-Bot-Api-Secret-Token with the
  secret (missing or wrong: 401, nothing handled), then handles the update *before* answering
  (`handle_in_background=False`): Telegram sees 200 only once the reply went out, so an update
  cut short by a crash or a stop is pushed again. The ledger (Redis, or DATABASE_PATH) makes
  that repeat skip an update whose answer did go out. A chat's updates are handled one at a
  time (a Redis lock across replicas, else an in-process lock): Telegram may push them in
  parallel over several connections, and a follow-up must see its predecessor's context.
- stop (SIGINT/SIGTERM): stop accepting, let the requests in progress finish (up to
  `SHUTDOWN_GRACE` seconds), then close the memory, the session and the database. The webhook
  stays set on purpose: Telegram keeps the updates that arrive meanwhile (up to a day, retrying)
  for the next start or for the other replicas; `deleteWebhook` at shutdown would cut every
  replica off whenever one of them stops. Going back to polling needs nothing: the polling start
  calls `deleteWebhook(drop_pending_updates=False)`.

The secret is WEBHOOK_SECRET or, when unset, one derived from the token: every replica with the
same token agrees on it without more configuration, and nobody without the token can forge it.

aiogram's `setup_application` is not used: it closes the chat memory and the bot's session in
aiohttp's `on_shutdown`, which runs *before* the requests in progress finish; the teardown here
runs in `on_cleanup`, after them.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest, TelegramUnauthorizedError
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.types import TelegramObject, Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.config import ConfigError, Settings
from bot.telegram.app import build_dispatcher, open_parts
from bot.telegram.faults import describe_fault
from bot.telegram.ledger import UpdateLedger
from bot.telegram.profile import configure_bot
from bot.telegram.redact import install_token_filter, remove_token_filter
from bot.telegram.signals import stop_signals

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

DEFAULT_PATH = "/webhook"
HEALTH_PATH = "/healthz"
SHUTDOWN_GRACE = 30.0  # seconds the requests in progress get to finish at a stop
LEDGER_WINDOW = 200_000  # update ids kept in a SQLite ledger below the newest one
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_target(url: str) -> tuple[str, str]:
    """(the URL to give Telegram, the path to serve): the URL's path, or /webhook if none."""
    path = urlsplit(url).path
    if path in ("", "/"):
        return url.rstrip("/") + DEFAULT_PATH, DEFAULT_PATH
    return url, path


def webhook_secret(settings: Settings) -> str:
    """WEBHOOK_SECRET, or a secret derived from the token (64 characters from [0-9a-f])."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    token = settings.token or ""
    return hashlib.sha256(f"forum-bot webhook secret:{token}".encode()).hexdigest()


class AnsweredOnce(BaseMiddleware):
    """Skips an update the ledger knows as answered (Telegram pushes again whatever did not get
    its 200); marks each update once handled, failed or not, as the poller does."""

    def __init__(self, ledger: UpdateLedger) -> None:
        self.ledger = ledger

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        if await self.ledger.handled(event.update_id):
            log.info("update %d was answered before; skipping the repeat", event.update_id)
            return None
        try:
            return await handler(event, data)
        finally:
            await self.ledger.mark(event.update_id)
            if event.update_id % 1000 == 0:  # Telegram never pushes ids this old again
                await self.ledger.forget_before(event.update_id - LEDGER_WINDOW)


class WebhookApp:
    """The services, the bot, the dispatcher and the aiohttp server, opened and closed in order."""

    def __init__(
        self, settings: Settings, services: Services, bot: Bot, dispatcher: Dispatcher
    ) -> None:
        self.settings = settings
        self.services = services
        self.bot = bot
        self.dispatcher = dispatcher
        self.url, self.path = webhook_target(settings.webhook_url or "")
        self.secret = webhook_secret(settings)
        self.port: int | None = None  # the port actually bound (WEBHOOK_PORT=0: any free one)
        self._runner: web.AppRunner | None = None
        self._closed = False

    @classmethod
    async def open(cls, settings: Settings) -> WebhookApp:
        bot, services, storage, ledger = await open_parts(settings)
        isolation: BaseEventIsolation = (
            storage.create_isolation()
            if isinstance(storage, RedisStorage)
            else SimpleEventIsolation()
        )
        dispatcher = build_dispatcher(services, storage, events_isolation=isolation)
        dispatcher.update.outer_middleware(AnsweredOnce(ledger))
        return cls(settings, services, bot, dispatcher)

    def web_app(self) -> web.Application:
        app = web.Application()
        handler = SimpleRequestHandler(
            self.dispatcher, self.bot, handle_in_background=False, secret_token=self.secret
        )
        # Not handler.register(): it would close the session before the requests finish.
        app.router.add_post(self.path, handler.handle)
        app.router.add_get(HEALTH_PATH, _health)
        app.on_startup.append(self._on_startup)
        app.on_cleanup.append(self._on_cleanup)
        return app

    async def start(self) -> None:
        """Serve, then tell Telegram where to push. ConfigError if the address is unusable or
        Telegram refuses the token or the URL."""
        host, port = self.settings.webhook_host, self.settings.webhook_port
        runner = web.AppRunner(
            self.web_app(), handle_signals=False, access_log=None, shutdown_timeout=SHUTDOWN_GRACE
        )
        await runner.setup()
        self._runner = runner
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
        except OSError as exc:
            await self.stop()
            raise ConfigError(
                f"WEBHOOK_PORT {port} on WEBHOOK_HOST {host} cannot be used: {exc.strerror}."
            ) from None
        self.port = int(runner.addresses[0][1])
        log.info("webhook server listening on %s:%d%s", host, self.port, self.path)
        try:
            await self._set_webhook()
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        """Stop accepting, finish the requests in progress, close everything. The webhook
        stays set (see the module's docstring). Safe to call twice."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()  # on_cleanup closes the rest
        else:
            await self._close()

    async def _set_webhook(self) -> None:
        try:
            await configure_bot(self.bot, self.services.engine)
        except TelegramUnauthorizedError:
            raise _token_refused() from None
        except Exception as exc:  # the bot answers without a menu; say so once
            log.warning(
                "could not set up the bot's profile: %s", describe_fault(exc, self.bot.token)
            )
        try:
            await self.bot.set_webhook(
                self.url,
                secret_token=self.secret,
                allowed_updates=self.dispatcher.resolve_used_update_types(),
                drop_pending_updates=False,
            )
        except TelegramUnauthorizedError:
            raise _token_refused() from None
        except TelegramBadRequest as exc:
            raise ConfigError(f"WEBHOOK_URL was refused by Telegram: {exc.message}.") from None
        except Exception as exc:
            raise ConfigError(
                "could not tell Telegram the WEBHOOK_URL: "
                f"{describe_fault(exc, self.bot.token)}; check the network and try again."
            ) from None
        log.info("webhook set: Telegram pushes updates to %s", self.url)

    async def _on_startup(self, app: web.Application) -> None:
        await self.dispatcher.emit_startup(bot=self.bot, **self._workflow())

    async def _on_cleanup(self, app: web.Application) -> None:
        with contextlib.suppress(Exception):  # the memory is closed below in any case
            await self.dispatcher.emit_shutdown(bot=self.bot, **self._workflow())
        await self._close()

    async def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):  # closing twice (shutdown hook, here) is harmless
            await self.dispatcher.storage.close()
        await self.bot.session.close()
        await self.services.close()

    def _workflow(self) -> dict[str, Any]:
        data = {"dispatcher": self.dispatcher, **self.dispatcher.workflow_data}
        data.pop("bot", None)
        return data


async def _health(request: web.Request) -> web.Response:
    """For a load balancer or Docker's HEALTHCHECK: the process is up and serving."""
    return web.Response(text="ok")


def _token_refused() -> ConfigError:
    return ConfigError(
        "BOT_TOKEN was refused by Telegram (401 Unauthorized): copy it again from @BotFather."
    )


async def run_webhook(settings: Settings) -> None:
    """`python -m bot run` with WEBHOOK_URL: serve until SIGINT/SIGTERM, then stop cleanly.

    The first signal stops accepting and lets the answers in progress finish; a second one
    (an impatient Ctrl-C) cancels whatever is still running.
    """
    token_filter = install_token_filter(settings.token)
    try:
        app = await WebhookApp.open(settings)
        stop = asyncio.Event()

        def finish() -> None:
            log.info("stopping: finishing the replies in progress")
            stop.set()

        with stop_signals(finish):
            try:
                await app.start()
                await stop.wait()
            finally:
                await app.stop()
        log.info("stopped; the webhook stays set, so Telegram keeps new updates for the next start")
    finally:
        remove_token_filter(token_filter)
