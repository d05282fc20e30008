"""Updates per second through the Telegram front end's dispatcher, with no network: a session
that records every request and answers it with a prepared response (the pattern of aiogram's
own tests/mocked_bot.py)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import GetMe, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Update

from bot.services import Services

BENCH_TOKEN = "4242424242:" + "B" * 35
BOT_USER = {"id": 4242424242, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}


def telegram_available() -> bool:
    """Whether the Telegram front end (bot/telegram/app.py) exists yet."""
    return importlib.util.find_spec("bot.telegram.app") is not None


class RecordingSession(BaseSession):
    """Records requests; answers sendMessage with the message, getMe with the bot, else True.

    Responses go through `check_response` from JSON, as a real session's would."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self._next_message_id = 1_000_000

    async def close(self) -> None:
        return None

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        response = self.check_response(
            bot=bot,
            method=method,
            status_code=200,
            content=json.dumps({"ok": True, "result": self._result(method)}, ensure_ascii=False),
        )
        return response.result  # type: ignore[return-value]

    def _result(self, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return BOT_USER
        if isinstance(method, SendMessage):
            self._next_message_id += 1
            return {
                "message_id": self._next_message_id,
                "date": int(time.time()),
                "chat": {"id": method.chat_id, "type": "private"},
                "from": BOT_USER,
                "text": method.text,
            }
        return True

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""


@dataclass(frozen=True, slots=True)
class Throughput:
    updates: int
    seconds: float
    requests: int

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else float("inf")


def make_updates(questions: list[str], count: int, first_user: int = 1000) -> list[Update]:
    """Private-chat text messages, each from its own user (one person's burst would meet the
    flood guard, which drops what it must), cycling through the questions."""
    now = int(dt.datetime.now(dt.UTC).timestamp())
    updates = []
    for n in range(count):
        user = first_user + n
        updates.append(
            Update.model_validate(
                {
                    "update_id": n + 1,
                    "message": {
                        "message_id": n + 1,
                        "date": now,
                        "chat": {"id": user, "type": "private"},
                        "from": {
                            "id": user,
                            "is_bot": False,
                            "first_name": "U",
                            "language_code": "kk",
                        },
                        "text": questions[n % len(questions)] or "?",
                    },
                }
            )
        )
    return updates


async def measure_dispatcher(services: Services, questions: list[str], count: int) -> Throughput:
    """Feed `count` question updates through `build_dispatcher(services)` one by one."""
    from bot.telegram.app import build_bot, build_dispatcher

    session = RecordingSession()
    settings = services.settings.model_copy(update={"bot_token": _secret(BENCH_TOKEN)})
    bot = build_bot(settings, session=session)
    _without_pacing(session)
    dispatcher = build_dispatcher(services)
    updates = make_updates(questions, count)
    # One warm-up update: the first getMe, router and filter set-up.
    await dispatcher.feed_update(bot, make_updates(questions, 1, first_user=1)[0])
    session.requests.clear()
    started = time.perf_counter()
    for update in updates:
        await dispatcher.feed_update(bot, update)
    seconds = time.perf_counter() - started
    await dispatcher.storage.close()
    return Throughput(count, seconds, len(session.requests))


def _without_pacing(session: BaseSession) -> None:
    """Take out the send pacing (bot/telegram/throttle.py): it holds sends to Telegram's own
    limits (30 messages a second overall, about 1 a second per chat) by sleeping, so with it
    the bench would measure the limits, not the dispatcher's own cost."""
    try:
        from bot.telegram.throttle import ThrottleMiddleware
    except ImportError:
        return
    for middleware in list(session.middleware):
        if isinstance(middleware, ThrottleMiddleware):
            session.middleware.unregister(middleware)


def _secret(token: str) -> Any:
    from pydantic import SecretStr

    return SecretStr(token)
