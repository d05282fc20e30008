"""A fake Telegram Bot API server for end-to-end tests of the bot.

The bot talks to it as to Telegram, through aiogram:
`AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))`. Every call is checked
against the Bot API spec and Telegram's limits (see spec.py, limits.py, html_check.py); what
breaks a rule lands in `violations` and, where Telegram would refuse, is answered 400. A test
plays users (user_text, press_button, ...), watches the bot (bot_messages, calls, ...) and
injects faults (fail_next, drop_next, stall_next).

Use it from the test's event loop (the same loop the bot runs in).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from tests.botapi import limits
from tests.botapi.errors import ApiError, error_body
from tests.botapi.faults import Fault, FaultPlan
from tests.botapi.methods import HANDLERS, send_other
from tests.botapi.models import BotMessage, Call
from tests.botapi.spec import BotApiSpec, Problem, UploadedFile, load_spec
from tests.botapi.world import World, text_content

CONFLICT = "terminated by other getUpdates request; make sure that only one bot instance is running"
_DEFAULT_FAULT_DESCRIPTIONS = {
    400: "injected failure",
    403: "bot was blocked by the user",
    409: CONFLICT,
    500: "",
    502: "",
}
_SHUTDOWN_GRACE = 1.0  # seconds the runner waits for handlers still running at stop()


class FakeTelegram:
    def __init__(
        self,
        token: str,
        *,
        bot_id: int | None = None,
        username: str = "forum_test_bot",
        spec_path: Path | None = None,
    ) -> None:
        self.token = token
        self.spec: BotApiSpec = load_spec(spec_path)
        if bot_id is None:
            prefix = token.partition(":")[0]
            bot_id = int(prefix) if prefix.isdigit() else 123456
        self.world = World(
            bot_user={
                "id": bot_id,
                "is_bot": True,
                "first_name": "Forum Test Bot",
                "username": username,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": True,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )
        self.calls: list[Call] = []
        self.violations: list[str] = self.world.violations
        self.base_url = ""
        self._faults = FaultPlan()
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()
        self._poll_generation = 0
        self._polls_waiting = 0

    # -- life cycle -------------------------------------------------------------------------

    async def start(self) -> str:
        """Listen on 127.0.0.1, on a free port; return the base URL."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{prefix}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=_SHUTDOWN_GRACE
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        site = web.SockSite(self._runner, sock)
        await site.start()
        self.base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        return self.base_url

    async def stop(self) -> None:
        """Answer waiting long polls and stalled calls at once, then close."""
        self._stopping.set()
        self.world.updates.close()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    # -- playing users --------------------------------------------------------------------

    def user_text(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int | None = None,
        language_code: str = "kk",
        chat_type: str = "private",
        reply_to_bot: bool = False,
        first_name: str = "Aigerim",
    ) -> int:
        """A user writes `text` (a leading /command gets its bot_command entity)."""
        message = self.world.user_message(
            chat_id,
            text_content(text),
            user_id=user_id,
            language_code=language_code,
            chat_type=chat_type,
            reply_to_bot=reply_to_bot,
            first_name=first_name,
        )
        return self.world.updates.push({"message": message})

    def user_command(self, command: str, args: str = "", **kw: Any) -> int:
        """`user_command("/almaty", "қанша әкім?")` sends "/almaty қанша әкім?"."""
        command = command if command.startswith("/") else f"/{command}"
        return self.user_text(f"{command} {args}" if args else command, **kw)

    def user_sticker(self, *, chat_id: int = 1001, emoji: str = "👍", **kw: Any) -> int:
        sticker = {
            **_file("sticker"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._user_content(chat_id, {"sticker": sticker}, kw)

    def user_photo(self, *, chat_id: int = 1001, caption: str | None = None, **kw: Any) -> int:
        photo = [
            {**_file(f"photo{size}"), "width": size, "height": size, "file_size": size * 40}
            for size in (90, 320, 800)
        ]
        return self._user_content(chat_id, _with_caption({"photo": photo}, caption), kw)

    def user_voice(self, *, chat_id: int = 1001, duration: int = 3, **kw: Any) -> int:
        voice = {**_file("voice"), "duration": duration, "mime_type": "audio/ogg"}
        return self._user_content(chat_id, {"voice": voice}, kw)

    def user_document(
        self,
        *,
        chat_id: int = 1001,
        file_name: str = "article.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
        **kw: Any,
    ) -> int:
        document = {**_file("document"), "file_name": file_name, "mime_type": mime_type}
        return self._user_content(chat_id, _with_caption({"document": document}, caption), kw)

    def user_edits(self, chat_id: int, message_id: int, new_text: str) -> int:
        """The user edits a text message they sent: an edited_message update."""
        message = self.world.edit_user_message(chat_id, message_id, new_text)
        return self.world.updates.push({"edited_message": message})

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        force: bool = False,
    ) -> int:
        """A user presses the inline button carrying `data` on a message the bot sent.

        The button must be on the message's current keyboard unless `force` (a forged or
        stale callback, as a modified client could send).
        """
        query = self.world.callback_query(chat_id, message_id, data, user_id=user_id, force=force)
        return self.world.updates.push({"callback_query": query})

    def inline_query(self, query: str, *, user_id: int = 1001, offset: str = "") -> int:
        payload = self.world.inline_query(query, user_id=user_id, offset=offset)
        return self.world.updates.push({"inline_query": payload})

    def push_update(self, update: dict[str, Any]) -> int:
        """Any hand-made update; its chats and queries become known. update_id is assigned
        unless given (it must then be above the last one)."""
        self.world.learn_from_update(update)
        return self.world.updates.push(update)

    def block_bot(self, user_id: int) -> None:
        """The user blocks the bot: sending to them answers 403 Forbidden."""
        self.world.blocked_by.add(user_id)

    def _user_content(self, chat_id: int, content: dict[str, Any], kw: dict[str, Any]) -> int:
        message = self.world.user_message(chat_id, content, **kw)
        return self.world.updates.push({"message": message})

    # -- observing the bot ------------------------------------------------------------------

    @property
    def confirmed_offset(self) -> int:
        """The highest offset the bot confirmed through getUpdates."""
        return self.world.updates.confirmed_offset

    @property
    def pending_updates(self) -> int:
        return self.world.updates.pending_count

    @property
    def filtered_updates(self) -> list[dict[str, Any]]:
        """Updates never delivered because the bot's allowed_updates excluded their type."""
        return self.world.updates.filtered

    @property
    def unimplemented_calls(self) -> list[str]:
        """Spec methods the bot called that the fake only answered `true`."""
        return self.world.unimplemented

    def bot_messages(self, chat_id: int, *, include_deleted: bool = False) -> list[BotMessage]:
        """Messages the bot sent to the chat, oldest first, edits applied."""
        return self.world.messages_in(chat_id, include_deleted=include_deleted)

    def user_messages(self, chat_id: int) -> list[dict[str, Any]]:
        return [m for (chat, _), m in self.world.user_messages.items() if chat == chat_id]

    def callback_answers(self) -> list[dict[str, Any]]:
        return list(self.world.callback_answers)

    def unanswered_callback_queries(self) -> list[str]:
        return [q.query_id for q in self.world.callback_queries.values() if not q.answered]

    def inline_answers(self) -> list[dict[str, Any]]:
        return list(self.world.inline_answers)

    def commands(self, *, scope: dict[str, Any] | None = None, language_code: str = "") -> Any:
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return self.world.commands.get(key)

    def sends_per_chat(self, chat_id: int) -> list[float]:
        """time.monotonic() of every message the bot sent to the chat (rate checks)."""
        return list(self.world.sends.get(chat_id, []))

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def failed_calls(self) -> list[Call]:
        return [c for c in self.calls if c.status != 200]

    def assert_no_violations(self) -> None:
        if self.violations:
            raise AssertionError("Bot API violations:\n  " + "\n  ".join(self.violations))

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 5.0, *, what: str = ""
    ) -> None:
        """Poll `predicate` every 10 ms; AssertionError with the recent traffic on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() >= deadline:
                raise AssertionError(self.describe(f"not within {timeout} s: {what or predicate}"))
            await asyncio.sleep(0.01)

    async def wait_until_polling(self, timeout: float = 5.0) -> None:
        """Wait until the bot is long-polling: its start-up calls are done (a bot that calls
        deleteWebhook(drop_pending_updates=True) would drop updates pushed before that)."""
        await self.wait_until(lambda: self._polls_waiting > 0, timeout, what="a waiting getUpdates")

    async def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 5.0
    ) -> list[BotMessage]:
        """Wait until the bot has sent at least `count` messages to the chat; return them all."""
        await self.wait_until(
            lambda: len(self.bot_messages(chat_id)) >= count,
            timeout,
            what=f"{count} bot message(s) in chat {chat_id}",
        )
        return self.bot_messages(chat_id)

    def describe(self, headline: str) -> str:
        """A readable account of the recent traffic, for assertion messages."""
        lines = [headline, "last calls:"]
        for call in self.calls[-12:]:
            detail = call.description or _short(call.params.get("text", ""))
            lines.append(f"  {call.method} -> {call.status} {detail}")
        if len(lines) == 2:
            lines.append("  (none: is the bot polling this server?)")
        for chat_id in sorted({m.chat_id for m in self.world.bot_messages.values()}):
            texts = [_short(m.plain) for m in self.bot_messages(chat_id)]
            lines.append(f"bot messages in chat {chat_id}: {texts}")
        lines.append(f"pending updates: {self.pending_updates}")
        lines.append(f"violations: {self.violations or 'none'}")
        return "\n".join(lines)

    # -- faults -----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 500,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next `times` calls of `method` ("*": any) fail with `status`, unprocessed.

        429 carries parameters.retry_after (default 1) and "Too Many Requests: retry after N".
        `description` replaces the text after Telegram's prefix ("Bad Request: ...").
        """
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            description = description or f"retry after {retry_after}"
        self._faults.add(
            method,
            Fault("fail", times, status=status, retry_after=retry_after, description=description),
        )

    def drop_next(self, method: str, *, times: int = 1, after_processing: bool = False) -> None:
        """Close the connection without an answer; `after_processing`: the call took effect
        (e.g. the message was sent) but its answer was lost."""
        self._faults.add(method, Fault("drop", times, after_processing=after_processing))

    def stall_next(self, method: str, *, seconds: float, times: int = 1) -> None:
        """Answer only after `seconds` (the call is then processed normally)."""
        self._faults.add(method, Fault("stall", times, seconds=seconds))

    # -- HTTP -------------------------------------------------------------------------------

    async def _not_found(self, request: web.Request) -> web.Response:
        return web.json_response(error_body(404, ""), status=404)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        at = time.monotonic()
        method_name = request.match_info["method"]
        try:
            raw = await _read_params(request)
        except ValueError as error:
            body = error_body(400, f"can't parse request: {error}")
            return self._answer(method_name, {}, 400, body, at)
        if request.match_info["prefix"] != f"bot{self.token}":
            return self._answer(method_name, raw, 401, error_body(401, ""), at)
        method = self.spec.canonical_method(method_name)
        if method is None:
            self._violation(f"{method_name}: no such method in {self.spec.version}")
            return self._answer(method_name, raw, 404, error_body(404, ""), at)

        params = self.spec.decode(method, raw)
        problems = self.spec.check(method, params)
        for problem in problems:
            self._violation(f"{method}: {problem}")

        fault = self._faults.take(method)
        if fault is not None and fault.kind == "stall":
            await self._sleep(fault.seconds)
        elif fault is not None and fault.kind == "fail":
            body = error_body(
                fault.status, _fault_description(fault), retry_after=fault.retry_after
            )
            return self._answer(method, params, fault.status, body, at)
        elif fault is not None and not fault.after_processing:
            return self._drop(request, method, params, at)

        fatal = [p for p in problems if p.fatal]
        if fatal:
            status, body = 400, error_body(400, _spec_description(fatal[0]))
        else:
            status, body = await self._execute(method, params, request)
        if fault is not None and fault.kind == "drop":
            return self._drop(request, method, params, at)
        return self._answer(method, params, status, body, at)

    async def _execute(
        self, method: str, params: dict[str, Any], request: web.Request
    ) -> tuple[int, dict[str, Any]]:
        try:
            if method == "getUpdates":
                result = await self._get_updates(params, request)
            else:
                _check_common_limits(params)
                handler = HANDLERS.get(method)
                if handler is not None:
                    result = handler(self.world, params)
                else:
                    self.world.unimplemented.append(method)
                    result = self._generic_result(method, params)
        except ApiError as error:
            if error.violation:
                self._violation(f"{method}: {error.description}")
            return error.status, error.body()
        except Exception as error:  # a bug of the fake: make it loud, answer like Telegram
            self._violation(f"{method}: the fake server itself failed: {error!r}")
            return 500, error_body(500, "")
        if method.startswith("send") and method != "sendChatAction":
            chat_id = params.get("chat_id")
            if isinstance(chat_id, int):
                self.world.sends[chat_id].append(time.monotonic())
        return 200, {"ok": True, "result": result}

    def _generic_result(self, method: str, params: dict[str, Any]) -> Any:
        """A method the fake doesn't model: a send* that returns a Message gets one (aiogram
        can't read `true` as a Message); anything else answers `true`."""
        if method.startswith("send") and self.spec.returns.get(method) == ["Message"]:
            return send_other(self.world, method, params)
        return True

    async def _get_updates(self, params: dict[str, Any], request: web.Request) -> Any:
        updates = self.world.updates
        limit = params.get("limit", 100)
        if not 1 <= limit <= 100:
            self._violation(f"getUpdates: limit {limit} is outside 1-100")
            limit = min(max(limit, 1), 100)
        if "allowed_updates" in params:
            updates.set_allowed(list(params["allowed_updates"]))
        if params.get("offset"):
            updates.confirm(params["offset"])
        self._poll_generation += 1
        generation = self._poll_generation
        updates.poke()  # an older poll still waiting is answered 409, as Telegram does
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0, params.get("timeout", 0))
        while True:
            if generation != self._poll_generation:
                if _still_connected(request):
                    self._violation("getUpdates: two getUpdates requests at once")
                raise ApiError(409, CONFLICT)
            batch = updates.take(limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or updates.closed:
                return batch
            self._polls_waiting += 1
            try:
                await updates.wait_for_change(remaining)
            finally:
                self._polls_waiting -= 1

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    def _answer(
        self, method: str, params: dict[str, Any], status: int, body: dict[str, Any], at: float
    ) -> web.Response:
        self.calls.append(Call(method, params, status, body, at))
        dumps = lambda obj: json.dumps(obj, ensure_ascii=False)  # noqa: E731
        return web.json_response(body, status=status, dumps=dumps)

    def _drop(
        self, request: web.Request, method: str, params: dict[str, Any], at: float
    ) -> web.Response:
        self.calls.append(Call(method, params, 0, {}, at))
        if request.transport is not None:
            request.transport.close()
        return web.Response()  # never reaches the client: the connection is gone

    def _violation(self, text: str) -> None:
        self.violations.append(text)


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Query string plus the body: urlencoded, multipart (files as UploadedFile) or JSON."""
    params: dict[str, Any] = dict(request.query)
    if not request.body_exists:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as error:
            raise ValueError("the JSON body is not valid JSON") from error
        if not isinstance(body, dict):
            raise ValueError("the JSON body must be an object")
        params.update(body)
        return params
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            content = value.file.read()
            params[key] = UploadedFile(value.filename, value.content_type, len(content))
        else:
            params[key] = value
    return params


def _check_common_limits(params: dict[str, Any]) -> None:
    """Limits shared by many methods: keyboards and captions."""
    if "reply_markup" in params:
        limits.check_reply_markup(params["reply_markup"])
    if isinstance(params.get("caption"), str):
        limits.parse_text(
            params["caption"],
            params.get("parse_mode"),
            entities=params.get("caption_entities"),
            limit=limits.CAPTION_LIMIT,
            caption=True,
        )


def _spec_description(problem: Problem) -> str:
    if problem.message == "required field is missing":
        return "message text is empty" if problem.path == "text" else f"{problem.path} is empty"
    return f"can't parse {problem.path}: {problem.message}"


def _fault_description(fault: Fault) -> str:
    if fault.description is not None:
        return fault.description
    return _DEFAULT_FAULT_DESCRIPTIONS.get(fault.status, "injected failure")


def _still_connected(request: web.Request) -> bool:
    transport = request.transport
    return transport is not None and not transport.is_closing()


def _file(kind: str) -> dict[str, Any]:
    stamp = time.monotonic_ns()
    return {"file_id": f"{kind}-{stamp}", "file_unique_id": f"u{kind}{stamp}"}


def _with_caption(content: dict[str, Any], caption: str | None) -> dict[str, Any]:
    return {**content, "caption": caption} if caption is not None else content


def _short(text: Any, width: int = 60) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
