"""Updates per second through the Telegram front end's dispatcher, with no network: a session
that records every request and answers it with a prepared response (the pattern of aiogram's
own tests/mocked_bot.py).

What one update costs here is what it costs the running bot, minus the network:
- the update arrives as Telegram's JSON (a dict) and is parsed with the bot bound to it, as
  getUpdates and the webhook parse it; the parse is timed with `feed_update`;
- the chat memory is the one the bot runs with (`open_chat_storage`: SQLite in the database
  file, written behind), the question log is the store's (written behind; the last write is
  timed too), the answers are the engine's behind the front end's answer cache, as in the
  bot (the share of engine calls the cache served is reported: it depends on how often the
  traffic repeats itself, and the question set here is cycled through);
- the send pacing is taken out (it waits for Telegram's rate limits by design), the flood
  guard stays in;
- the traffic is a mix of conversations, not a stream of first questions: people ask, press
  the buttons under the answers (more, source, 👍, another region, an offered question), ask
  a follow-up, start with /start or a region command, ask for /help or /sources. Each
  conversation is a new chat, and 50 of them are interleaved, so a chat's next update comes
  after other chats' updates, as in real traffic.

Only parsing and `feed_update` are timed: building the next update from the bot's last reply
(which button to press) is the bench playing the user. A corpus whose catalogue commands are
slow in the engine (a region's overview, /sources) could keep the bench busy for many
minutes: after TIME_LIMIT seconds of work it stops and says after how many updates.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import time
from collections import Counter
from collections.abc import AsyncGenerator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.methods import GetMe, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InlineKeyboardMarkup, Update

from bot.bench.table import Table
from bot.services import Services

BENCH_TOKEN = "4242424242:" + "B" * 35
BOT_USER = {"id": 4242424242, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
INTERLEAVED = 50  # conversations in flight at once
TIME_LIMIT = 60.0  # seconds of work after which the bench stops feeding (and says so)
LANGUAGE_CODES = ("kk", "ru", "en", "kk", "ru")  # the users' Telegram languages, in turn

# The conversations, in turn. "ask": the next question of the set; "press": a button under the
# bot's last message in the chat (the kinds in PRESS_ORDER, in turn); "/region": the command of
# a region with articles (in turn); other "/..." are sent as they are.
CONVERSATIONS: tuple[tuple[str, ...], ...] = (
    ("ask", "press", "ask"),
    ("/start", "press", "ask", "press"),
    ("ask", "ask", "press"),
    ("/region", "ask", "press", "ask"),
    ("ask", "press", "ask", "press"),
    ("ask", "/help", "ask"),
    ("/region", "press", "ask"),
    ("ask", "press", "/sources"),
)
# The warm-up: one of each kind of update, light on the engine.
WARM_UP: tuple[tuple[str, ...], ...] = (("ask", "press", "/help", "press", "ask", "press"),)
# Callback data prefixes (bot.telegram.callbacks): more, source, 👍/👎, another region, an
# offered question, a region, a language. A press takes the first of these, in a rotating
# order, that the keyboard has.
PRESS_ORDER = ("m", "s", "f", "o", "g", "r", "q")


def planned_mix(conversations: Sequence[tuple[str, ...]] = CONVERSATIONS) -> str:
    """The mix the conversations make, e.g. "50% questions, 31% presses, 19% commands"
    (a press with no keyboard to press becomes a question, so the played mix can differ a
    little: `Throughput.describe_mix`)."""
    steps = Counter(_KIND_OF_STEP.get(step, "command") for c in conversations for step in c)
    return _describe(dict(steps))


def add_rows(table: Table, label: str, result: Throughput, target: float) -> None:
    """The dispatcher's rows of `make bench` for one corpus."""
    table.add(
        f"dispatcher {label}: updates/s",
        f"{result.per_second:,.0f}",
        f">= {target:,.0f}",
        result.per_second >= target,
    )
    if result.updates < result.asked:
        table.add(
            f"  stopped after {result.updates:,} of {result.asked:,} updates",
            f"> {TIME_LIMIT:.0f} s of work",
        )
    table.add(f"  played: {result.describe_mix()}", "")
    medians = [result.median_ms(kind) for kind in ("question", "press", "command")]
    table.add(
        "  median ms: question/press/command",
        "/".join("-" if m is None else f"{m:.2f}" for m in medians),
    )
    if result.answer_hits is not None:
        table.add("  engine calls served by the answer cache %", f"{100 * result.answer_hits:.0f}")
    if result.engine_ns is not None and result.updates:
        outside = (result.seconds * 1e9 - result.engine_ns) / result.updates / 1e6
        table.add(
            "  time in the engine % / ms an update outside it",
            f"{100 * result.engine_ns / (result.seconds * 1e9):.0f} / {outside:.2f}",
        )


def telegram_available() -> bool:
    """Whether the Telegram front end (bot/telegram/app.py) exists yet."""
    return importlib.util.find_spec("bot.telegram.app") is not None


class RecordingSession(BaseSession):
    """Records requests; answers sendMessage with the message, getMe with the bot, else True.

    Responses go through `check_response` from JSON, as a real session's would. The keyboard
    of the last message sent to each chat is kept, for the next button press."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.keyboards: dict[int, tuple[int, InlineKeyboardMarkup]] = {}
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
            if isinstance(method.chat_id, int):
                if isinstance(method.reply_markup, InlineKeyboardMarkup):
                    self.keyboards[method.chat_id] = (self._next_message_id, method.reply_markup)
                else:
                    self.keyboards.pop(method.chat_id, None)
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
    updates: int  # fed (fewer than asked for when the time limit stopped the feeding)
    seconds: float  # parsing and feed_update only
    requests: int
    mix: dict[str, int] = field(default_factory=dict)  # updates by kind
    samples_ns: tuple[int, ...] = ()  # one per update
    kinds: tuple[str, ...] = ()  # the kind of each sample
    answer_hits: float | None = None  # share of engine calls served by the answer cache
    asked: int = 0  # updates asked for
    engine_ns: int | None = None  # of `seconds`, the time spent inside the engine's calls

    def median_ms(self, kind: str) -> float | None:
        """The median time of one update of `kind` ("question", "press", "command")."""
        own = sorted(ns for ns, k in zip(self.samples_ns, self.kinds, strict=True) if k == kind)
        return own[len(own) // 2] / 1e6 if own else None

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else float("inf")

    def describe_mix(self) -> str:
        """E.g. "52% questions, 31% presses (of buttons), 17% commands"."""
        return _describe(self.mix)


_KIND_OF_STEP = {"ask": "question", "press": "press"}
_KIND_NAMES = {"question": "questions", "press": "presses", "command": "commands"}


def _describe(mix: dict[str, int]) -> str:
    total = sum(mix.values()) or 1
    return ", ".join(
        f"{100 * mix[kind] / total:.0f}% {name}"
        for kind, name in _KIND_NAMES.items()
        if kind in mix
    )


class EngineClock:
    """The engine behind the answer cache, adding up the time its calls take: what of an
    update is the engine's and what the front end's (aiogram, the replies, the chat memory)."""

    def __init__(self, engine: object) -> None:
        self._engine = engine
        self.ns = 0

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._engine, name)
        if not callable(value):
            return value

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter_ns()
            try:
                return value(*args, **kwargs)
            finally:
                self.ns += time.perf_counter_ns() - started

        return timed


class Traffic:
    """Plays the users: raw updates (Telegram's JSON as dicts) for interleaved conversations,
    each press chosen from the bot's last reply in that chat."""

    def __init__(
        self,
        session: RecordingSession,
        questions: Sequence[str],
        regions: Sequence[str],
        *,
        first_chat: int = 1000,
        conversations: Sequence[tuple[str, ...]] = CONVERSATIONS,
        interleaved: int = INTERLEAVED,
    ) -> None:
        self.session = session
        self.questions = itertools.cycle([q for q in questions if q.strip()] or ["?"])
        self.regions = itertools.cycle(regions or ["kazakhstan"])
        self.press_turn = itertools.count()
        self.chats = itertools.count(first_chat)
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1)
        self.conversations = itertools.cycle(conversations)
        self.interleaved = interleaved

    def updates(self, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
        """(kind, raw update) pairs: kind is "question", "press" or "command". Lazy: a press
        looks at the bot's reply to the update before it."""
        live: list[tuple[int, Iterator[str]]] = []
        made = 0
        while made < count:
            while len(live) < self.interleaved:
                live.append((next(self.chats), iter(next(self.conversations))))
            for slot, (chat, steps) in enumerate(list(live)):
                if made >= count:
                    return
                step = next(steps, None)
                if step is None:
                    live[slot] = (next(self.chats), iter(next(self.conversations)))
                    chat, step = live[slot][0], next(live[slot][1])
                made += 1
                yield self._update(chat, step)

    def _update(self, chat: int, step: str) -> tuple[str, dict[str, Any]]:
        if step == "press":
            press = self._press(chat)
            if press is not None:
                return "press", press
            step = "ask"  # no keyboard under the last reply: the user types instead
        if step == "ask":
            return "question", self._message(chat, next(self.questions))
        if step == "/region":
            return "command", self._message(chat, "/" + next(self.regions))
        return "command", self._message(chat, step)

    def _user(self, chat: int) -> dict[str, Any]:
        code = LANGUAGE_CODES[chat % len(LANGUAGE_CODES)]
        return {"id": chat, "is_bot": False, "first_name": "U", "language_code": code}

    def _message(self, chat: int, text: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": chat, "type": "private", "first_name": "U"},
            "from": self._user(chat),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"update_id": next(self.update_ids), "message": message}

    def _press(self, chat: int) -> dict[str, Any] | None:
        shown = self.session.keyboards.get(chat)
        if shown is None:
            return None
        message_id, markup = shown
        data = [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]
        turn = next(self.press_turn)
        order = PRESS_ORDER[turn % len(PRESS_ORDER) :] + PRESS_ORDER[: turn % len(PRESS_ORDER)]
        chosen = next((d for prefix in order for d in data if d.split(":", 1)[0] == prefix), None)
        if chosen is None:
            return None
        update_id = next(self.update_ids)
        return {
            "update_id": update_id,
            "callback_query": {
                "id": f"cq{update_id}",
                "from": self._user(chat),
                "chat_instance": f"ci{chat}",
                "data": chosen,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": chat, "type": "private", "first_name": "U"},
                    "from": BOT_USER,
                    "text": "…",
                    "reply_markup": markup.model_dump(mode="json", exclude_none=True),
                },
            },
        }


async def measure_dispatcher(
    services: Services,
    questions: list[str],
    count: int,
    *,
    conversations: Sequence[tuple[str, ...]] = CONVERSATIONS,
    time_limit: float = TIME_LIMIT,
) -> Throughput:
    """Feed `count` updates of the conversation mix through `build_dispatcher(services)` with
    the chat memory the bot runs with (SQLite in the services' database), one at a time.
    Stops early once the timed work passes `time_limit` seconds."""
    from bot.telegram.answer_cache import CachedEngine
    from bot.telegram.app import build_bot, build_dispatcher, open_chat_storage
    from bot.telegram.ports import AnswerEngine

    session = RecordingSession()
    settings = services.settings.model_copy(update={"bot_token": _secret(BENCH_TOKEN)})
    bot = build_bot(settings, session=session)
    _without_pacing(session)
    storage, _ = await open_chat_storage(settings.database_path)
    dispatcher = build_dispatcher(services, storage)
    cache = dispatcher.workflow_data.get("engine")
    clock = None
    if isinstance(cache, CachedEngine):
        clock = EngineClock(cache.engine)
        cache.engine = cast(AnswerEngine, clock)
    regions = [region.id for region, _ in services.engine.regions_with_articles()]
    mix: Counter[str] = Counter()
    samples: list[int] = []
    kinds: list[str] = []
    try:
        # Warm-up, untimed: the first getMe and the first of each kind of update build
        # aiogram's and pydantic's lazy parts once per process. One conversation at a time:
        # interleaved 50 at once, these few updates would all be first questions.
        warm_up = Traffic(
            session, questions, regions, first_chat=1, conversations=WARM_UP, interleaved=1
        )
        for _, raw in warm_up.updates(len(WARM_UP[0]) * 2):
            await dispatcher.feed_update(bot, Update.model_validate(raw, context={"bot": bot}))
        session.requests.clear()
        if isinstance(cache, CachedEngine):  # the warm-up's answers do not count
            cache.forget()
            cache.hits = cache.misses = 0
        if clock is not None:
            clock.ns = 0
        traffic = Traffic(session, questions, regions, conversations=conversations)
        budget_ns = int(time_limit * 1e9)
        spent_ns = 0
        for kind, raw in traffic.updates(count):
            started = time.perf_counter_ns()
            update = Update.model_validate(raw, context={"bot": bot})
            await dispatcher.feed_update(bot, update)
            took = time.perf_counter_ns() - started
            samples.append(took)
            kinds.append(kind)
            mix[kind] += 1
            spent_ns += took
            if spent_ns > budget_ns:
                break
        # What the dispatcher left to write behind is part of the work: time its last write.
        started = time.perf_counter_ns()
        await _flush_all(dispatcher)
        closing = time.perf_counter_ns() - started
    finally:
        await _close(dispatcher, bot)
    return Throughput(
        updates=len(samples),
        seconds=(sum(samples) + closing) / 1e9,
        requests=len(session.requests),
        mix=dict(mix),
        samples_ns=tuple(samples),
        kinds=tuple(kinds),
        answer_hits=cache.hit_rate if isinstance(cache, CachedEngine) else None,
        asked=count,
        engine_ns=clock.ns if clock is not None else None,
    )


async def _flush_all(dispatcher: Dispatcher) -> None:
    """Write what the chat memory and the question log hold in memory."""
    for part in (dispatcher.storage, dispatcher.workflow_data.get("store")):
        flush = getattr(part, "flush", None)
        if flush is not None:
            await flush()


async def _close(dispatcher: Dispatcher, bot: Bot) -> None:
    """As the bot stops: the dispatcher's shutdown closes the chat memory and the log."""
    await dispatcher.emit_shutdown(bot=bot, **dispatcher.workflow_data)


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
