"""Shared helpers for the Telegram front end's tests.

- `RecordingSession`: an aiogram session that records every request, answers it the way
  Telegram would (a Message for sendMessage, True for answerCallbackQuery, ...), checks it
  against Telegram's limits and HTML rules (tests/botapi), and can fail on demand. The pattern
  of aiogram's tests/mocked_bot.py, with automatic answers instead of prepared ones.
- `FakeEngine`, `FakeStore`, `FakeServices`: small, predictable stand-ins for the engine and
  the store, so handler tests say exactly what the front end does with an Answer.
- Update builders: `message_update`, `callback_update`, `inline_update`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import itertools
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.types import Update

from bot.config import Settings
from bot.corpus.models import Article, Region
from bot.engine.models import Answer, Context, Fact
from bot.telegram.app import build_bot, build_dispatcher
from tests.botapi import limits
from tests.botapi.errors import ApiError, error_body
from tests.botapi.spec import load_spec

TOKEN = "123456:TEST-token-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
BOT_ID = 123456
BOT_USERNAME = "forum_test_bot"
ADMIN_ID = 777
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_SPEC = load_spec()
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Forum Test Bot",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


def make_settings(tmp: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "database_path": tmp / "bot.sqlite3",
        "seeds_dir": SEEDS,
        "telegram_api_url": "http://127.0.0.1:9",
        "admin_ids": str(ADMIN_ID),
        "log_level": "INFO",
        "webhook_url": "",
        "redis_url": "",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


# ---- the recording session ---------------------------------------------------------------


@dataclass
class Recorded:
    method: str  # Bot API name, e.g. "sendMessage"
    params: dict[str, Any]  # as Telegram would decode them
    status: int = 200
    result: Any = None  # what the fake Telegram answered (a message dict for sendMessage)


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Recorded] = []
        self.violations: list[str] = []
        self._faults: dict[str, list[Exception | tuple[int, str, int | None]]] = {}
        self._message_ids = itertools.count(1000)
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._new_updates = asyncio.Event()
        self.confirmed_offset = 0
        self.delays: dict[str, float] = {}  # method -> seconds before answering

    # -- playing Telegram --------------------------------------------------------------------

    def fail_next(
        self, method: str, status: int = 500, *, retry_after: int | None = None, times: int = 1
    ) -> None:
        description = f"retry after {retry_after}" if status == 429 else "injected"
        for _ in range(times):
            self._faults.setdefault(method, []).append((status, description, retry_after))

    def raise_next(self, method: str, error: Exception) -> None:
        self._faults.setdefault(method, []).append(error)

    def push_update(self, update: dict[str, Any]) -> int:
        update = {**update, "update_id": next(self._update_ids)}
        self._updates.append(update)
        self._new_updates.set()
        return int(update["update_id"])

    # -- observing the bot ------------------------------------------------------------------

    def of(self, method: str) -> list[Recorded]:
        return [c for c in self.calls if c.method == method and c.status == 200]

    def sent(self, chat_id: int | None = None) -> list[Recorded]:
        return [
            c for c in self.of("sendMessage") if chat_id is None or c.params["chat_id"] == chat_id
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [c.params["text"] for c in self.sent(chat_id)]

    def last_sent(self) -> Recorded:
        sent = self.sent()
        assert sent, "the bot sent nothing"
        return sent[-1]

    def clear(self) -> None:
        self.calls.clear()

    # -- BaseSession -------------------------------------------------------------------------

    async def close(self) -> None:
        pass

    async def stream_content(  # type: ignore[override]  # never called: no file downloads
        self, *args: Any, **kwargs: Any
    ) -> Any:  # pragma: no cover
        raise NotImplementedError

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        name = method.__api_method__
        raw: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files={})
            if prepared:
                raw[key] = prepared
        canonical = _SPEC.canonical_method(name) or name
        params = _SPEC.decode(canonical, raw)
        record = Recorded(canonical, params)
        self.calls.append(record)
        for problem in _SPEC.check(canonical, params):
            self.violations.append(f"{canonical}: {problem}")
        fault = self._faults.get(canonical, [])
        if fault:
            injected = fault.pop(0)
            if isinstance(injected, Exception):
                record.status = 0
                raise injected
            status, description, retry_after = injected
            record.status = status
            body = error_body(status, description, retry_after=retry_after)
            self.check_response(bot, method, status, json.dumps(body))
        if self.delays.get(canonical):
            await asyncio.sleep(self.delays[canonical])
        try:
            result = await self._result(canonical, params)
        except ApiError as error:
            record.status = error.status
            if error.violation:
                self.violations.append(f"{canonical}: {error.description}")
            self.check_response(bot, method, error.status, json.dumps(error.body()))
            raise AssertionError("unreachable") from None
        record.result = result
        response = self.check_response(bot, method, 200, json.dumps({"ok": True, "result": result}))
        return response.result

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return await self._get_updates(params)
        if method in ("sendMessage", "editMessageText"):
            limits.parse_text(params.get("text", ""), params.get("parse_mode"))
            limits.check_reply_markup(params.get("reply_markup"))
            return self._message(params)
        if method == "editMessageReplyMarkup":
            limits.check_reply_markup(params.get("reply_markup"))
            return self._message(params)
        if method == "answerCallbackQuery":
            limits.check_callback_answer(params)
            return True
        if method == "answerInlineQuery":
            limits.check_inline_answer(params)
            return True
        if method == "setMyCommands":
            limits.check_commands(params.get("commands"), params.get("language_code"))
            return True
        if method == "setMyDescription":
            limits.check_length(params.get("description"), limits.DESCRIPTION_LIMIT, "description")
            return True
        if method == "setMyShortDescription":
            limits.check_length(
                params.get("short_description"), limits.SHORT_DESCRIPTION_LIMIT, "short description"
            )
            return True
        return True

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        message_id = params.get("message_id") or next(self._message_ids)
        chat_id = params.get("chat_id", 1)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": 0,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": BOT_USER,
            "text": params.get("text", "…"),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = params.get("offset") or 0
        if offset:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and params.get("timeout"):
            self._new_updates.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_updates.wait(), timeout=min(params["timeout"], 1))
        return self._updates[: params.get("limit", 100)]


# ---- stand-ins for the engine and the store ------------------------------------------------

REGIONS = {
    "zhambyl": Region(
        "zhambyl", {"kk": "Жамбыл облысы", "ru": "Жамбылская область", "en": "Zhambyl Region"}, ()
    ),
    "almaty": Region(
        "almaty", {"kk": "Алматы облысы", "ru": "Алматинская область", "en": "Almaty Region"}, ()
    ),
    "kazakhstan": Region(
        "kazakhstan", {"kk": "Қазақстан", "ru": "Казахстан", "en": "Kazakhstan"}, (), kind="country"
    ),
    "astana": Region("astana", {"kk": "Астана", "ru": "Астана", "en": "Astana"}, (), kind="city"),
}
ARTICLES = [
    Article(
        "000_a",
        1,
        "Жамбылда 165 ауыл әкімі сайланды",
        "zhambyl",
        "BAQ.KZ",
        "Summary A & <b>",
        dt.date(2025, 11, 28),
    ),
    Article("001_b", 2, "Форум «Біз біргеміз»", "zhambyl", "Arainfo.kz", "Summary B", None),
    Article("002_c", 3, "Алматы облысындағы форум", "almaty", "unknown", "Summary C", None),
    Article(
        "003_d", 4, "Партия съезі", "kazakhstan", "Kazinform", "Summary D", dt.date(2025, 3, 1)
    ),
]
KK_LETTERS = set("әғқңөұүһі")


def detect(text: str) -> str:
    lowered = text.lower()
    if any(c in KK_LETTERS for c in lowered):
        return "kk"
    if any("а" <= c <= "я" for c in lowered):
        return "ru"
    return "en"


@dataclass
class FakeEngine:
    """Predictable answers: "unknown ..." is not known (with suggestions), "hello" is small
    talk, "long ..." gives a reply of 9000 characters, anything else gets two facts."""

    calls: list[tuple[str, Any]] = field(default_factory=list)
    suggestions: list[str] = field(
        default_factory=lambda: ["Қанша ауыл әкімі сайланды?", "Who spoke at the <forum> & why?"]
    )

    def _facts(self, region: str | None) -> list[Fact]:
        region = region or "zhambyl"
        return [
            Fact("165 ауыл әкімі сайланды <b>.", "000_a", region, 0.9, 11, "165 ауыл әкімі"),
            Fact("Форумға 2 600 адам қатысты & т.б.", "001_b", region, 0.5, 12),
            Fact("Үшінші дерек.", "002_c", region, 0.3, 13),
        ]

    def answer(self, question: str, context: Context | None = None) -> Answer:
        context = context or Context()
        self.calls.append(("answer", (question, context)))
        language: Any = context.language or detect(question)
        if question.strip().lower() == "hello":
            return Answer(question, language, "greeting", None, "Сәлем!", context=context)
        if question.startswith("unknown"):
            reply = f"Білмеймін: {html.escape(question)}"
            new = replace(context, last_question=question, shown=())
            return Answer(
                question, language, "which", context.region, reply, [], list(self.suggestions), new
            )
        facts = self._facts(context.region)
        reply = f"<b>165</b> [{language}] {html.escape(question)} ({context.region or '-'})"
        if question.startswith("long"):
            reply = "\n\n".join(f"<b>Абзац {n}</b> " + "сөз " * 60 for n in range(40))
        new = replace(context, last_question=question, last_intent="count", shown=(11,))
        return Answer(question, language, "count", context.region, reply, facts, [], new, True)

    def more(self, context: Context) -> Answer:
        self.calls.append(("more", context))
        language: Any = context.language or "kk"
        remaining = [f for f in self._facts(context.region) if f.sentence_id not in context.shown]
        if not context.last_question or not remaining:
            return Answer(
                context.last_question or "",
                language,
                "more",
                context.region,
                "Басқа жоқ.",
                context=context,
            )
        fact = remaining[0]
        new = replace(context, shown=(*context.shown, fact.sentence_id))
        reply = f"Тағы: {html.escape(fact.text)}"
        return Answer(
            context.last_question,
            language,
            "more",
            context.region,
            reply,
            remaining,
            [],
            new,
            len(remaining) > 1,
        )

    def overview(self, region_id: str, context: Context | None = None) -> Answer:
        self.calls.append(("overview", (region_id, context)))
        context = (context or Context()).with_region(region_id)
        language: Any = context.language or "kk"
        reply = f"<b>{html.escape(REGIONS[region_id].name(language))}</b>: шолу"
        return Answer(
            region_id,
            language,
            "overview",
            region_id,
            reply,
            [],
            [],
            replace(context, last_question=None),
        )

    def greeting(self, language: str) -> str:
        return {"kk": "Сәлеметсіз бе!", "ru": "Здравствуйте!", "en": "Hello!"}[language]

    def help(self, language: str) -> str:
        return f"<b>help</b> [{language}]"

    def region(self, region_id: str) -> Region | None:
        return REGIONS.get(region_id)

    def regions_with_articles(self) -> list[tuple[Region, int]]:
        counts: dict[str, int] = {}
        for article in ARTICLES:
            counts[article.region] = counts.get(article.region, 0) + 1
        return [(REGIONS[r], n) for r, n in counts.items()]

    def articles_in(self, region: str | None = None) -> list[Article]:
        return [a for a in ARTICLES if region is None or a.region == region]

    def article(self, key: int) -> Article | None:
        return next((a for a in ARTICLES if a.key == key), None)

    def article_by_id(self, article_id: str) -> Article | None:
        return next((a for a in ARTICLES if a.id == article_id), None)

    def sources_reply(self, language: str) -> str:
        return "<b>Sources</b>\n" + "\n".join(html.escape(a.title) for a in ARTICLES)

    def summary_reply(self, article_key: int, language: str) -> str:
        article = self.article(article_key)
        assert article is not None
        return f"<b>{html.escape(article.title)}</b>\n{html.escape(article.summary)}"

    def example_questions(self, language: str, region: str | None = None) -> list[str]:
        return [f"Example {n} <{language}> {region or ''}".strip() for n in range(1, 5)]


@dataclass
class FakeStore:
    questions: list[tuple[str, Answer]] = field(default_factory=list)
    feedback: list[tuple[int, int]] = field(default_factory=list)
    writable: bool = True

    async def log_question(self, front_end: str, answer: Answer) -> int | None:
        if not self.writable:
            return None
        self.questions.append((front_end, answer))
        return len(self.questions)

    async def log_feedback(self, question_id: int, value: int) -> bool:
        self.feedback.append((question_id, value))
        return True

    async def stats(self) -> Any:
        from bot.store.stats import Stats

        return Stats(len(self.questions), len(self.questions), {"kk": 1}, [("<q>", 1)], 1, 0)


@dataclass
class FakeServices:
    settings: Settings
    engine: FakeEngine = field(default_factory=FakeEngine)
    store: FakeStore = field(default_factory=FakeStore)
    reloads: int = 0

    async def reload(self) -> str:
        self.reloads += 1
        return "articles: 4 (0 new) <ok>"

    async def close(self) -> None:
        pass


# ---- a dispatcher fed directly -------------------------------------------------------------


@dataclass
class Harness:
    bot: Bot
    dispatcher: Dispatcher
    session: RecordingSession
    services: FakeServices

    async def feed(self, update: dict[str, Any]) -> None:
        update = {"update_id": update.get("update_id", 1), **update}
        await self.dispatcher.feed_update(
            self.bot, Update.model_validate(update, context={"bot": self.bot})
        )
        assert self.session.violations == [], self.session.violations

    async def say(self, text: str, **kw: Any) -> None:
        await self.feed(message_update(text, **kw))

    async def press(self, data: str, *, message: Recorded | None = None, **kw: Any) -> None:
        source = message or self.session.last_sent()
        await self.feed(callback_update(data, source, **kw))

    def buttons(self, call: Recorded | None = None) -> list[dict[str, Any]]:
        call = call or self.session.last_sent()
        rows = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []
        return [b for row in rows for b in row]

    def data(self, call: Recorded | None = None) -> list[str]:
        return [b["callback_data"] for b in self.buttons(call)]


def make_harness(tmp: Path, *, storage: Any = None, engine: FakeEngine | None = None) -> Harness:
    session = RecordingSession()
    settings = make_settings(tmp)
    services = FakeServices(settings, engine=engine or FakeEngine())
    bot = build_bot(settings, session=session)
    dispatcher = build_dispatcher(services, storage)  # type: ignore[arg-type]
    return Harness(bot, dispatcher, session, services)


# ---- update builders -----------------------------------------------------------------------

_ids = itertools.count(1)


def user(user_id: int = 1, language_code: str | None = "kk") -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Aigerim"}
    if language_code:
        data["language_code"] = language_code
    return data


def message_dict(
    text: str | None = None,
    *,
    chat_id: int = 1,
    user_id: int | None = None,
    language_code: str | None = "kk",
    chat_type: str = "private",
    reply_to_bot: bool = False,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    uid = user_id if user_id is not None else (chat_id if chat_type == "private" else 1)
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "Forum fans"
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": 0,
        "chat": chat,
        "from": user(uid, language_code),
    }
    if text is not None:
        message["text"] = text
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        mention = f"@{BOT_USERNAME}"
        if mention in text:
            entities.append(
                {
                    "type": "mention",
                    "offset": _utf16(text[: text.index(mention)]),
                    "length": len(mention),
                }
            )
        if entities:
            message["entities"] = entities
    if reply_to_bot:
        message["reply_to_message"] = {
            "message_id": 1,
            "date": 0,
            "chat": chat,
            "from": BOT_USER,
            "text": "earlier answer",
        }
    message.update(extra or {})
    return message


def message_update(text: str | None = None, *, edited: bool = False, **kw: Any) -> dict[str, Any]:
    return {
        "update_id": next(_ids),
        ("edited_message" if edited else "message"): message_dict(text, **kw),
    }


def callback_update(
    data: str, source: Recorded, *, user_id: int | None = None, language_code: str | None = "kk"
) -> dict[str, Any]:
    chat_id = source.params["chat_id"]
    message: dict[str, Any] = {
        "message_id": (source.result or {}).get("message_id", source.params.get("message_id", 1)),
        "date": 0,
        "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
        "from": BOT_USER,
        "text": "…",
    }
    if source.params.get("reply_markup"):
        message["reply_markup"] = source.params["reply_markup"]
    uid = user_id if user_id is not None else (chat_id if chat_id > 0 else 1)
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": f"cq{next(_ids)}",
            "from": user(uid, language_code),
            "chat_instance": "ci",
            "data": data,
            "message": message,
        },
    }


def inline_update(
    query: str, *, user_id: int = 1, language_code: str | None = "en"
) -> dict[str, Any]:
    return {
        "update_id": next(_ids),
        "inline_query": {
            "id": f"iq{next(_ids)}",
            "from": user(user_id, language_code),
            "query": query,
            "offset": "",
        },
    }


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
