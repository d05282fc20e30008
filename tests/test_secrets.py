"""BOT_TOKEN never shows: not in a log line, an error message, a traceback or a reply."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramNetworkError

from bot.config import ConfigError, load_settings
from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.logs import REDACTED, RedactingFormatter, redact, setup_logging
from tests.cli_run import run_cli

TOKEN = "7312345678:AAFq3wV_secret-part-of-the-token-9xYz"
BOT_ID, SECRET_PART = TOKEN.split(":")


def assert_hidden(text: str) -> None:
    assert SECRET_PART not in text, text
    assert TOKEN not in text, text


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    """Every log record of every logger, through bot.logs' setup, into a string."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    stream = io.StringIO()
    setup_logging("DEBUG", TOKEN)
    root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        yield stream
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in ("BOT_TOKEN", "ADMIN_IDS", "LOG_LEVEL", "TELEGRAM_API_URL", "WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    "malformed",
    [
        TOKEN + "!",
        TOKEN.replace(":", ";"),
        " " + TOKEN + " extra",
        BOT_ID + ":" + SECRET_PART[:20],
        "bot" + TOKEN,
    ],
)
@pytest.mark.usefixtures("no_env")
def test_a_malformed_token_is_refused_without_being_echoed(malformed: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(bot_token=malformed)
    message = str(caught.value)
    assert "BOT_TOKEN" in message
    assert_hidden(message)
    assert malformed.strip() not in message


@pytest.mark.usefixtures("no_env")
def test_the_settings_never_print_the_token() -> None:
    settings = load_settings(bot_token=TOKEN)
    assert settings.token == TOKEN
    for shown in (
        repr(settings),
        str(settings),
        settings.model_dump_json(),
        str(settings.model_dump()),
    ):
        assert_hidden(shown)


def test_the_command_line_never_echoes_a_malformed_token(tmp_path: Path) -> None:
    result = run_cli(
        "ask", "x", cwd=tmp_path, BOT_TOKEN=TOKEN + "!", DATABASE_PATH=str(tmp_path / "db")
    )
    assert result.returncode != 0
    assert "BOT_TOKEN" in result.stderr
    assert_hidden(result.stdout + result.stderr)


async def _request(base_url: str) -> TelegramNetworkError:
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url), timeout=5))
    try:
        await bot.get_me()
    except TelegramNetworkError as exc:
        return exc
    finally:
        await bot.session.close()
    raise AssertionError("the request to an unreachable server succeeded")


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:9",  # nothing listens: a connection error
        "http://127.0.0.1:99999",  # a bad port: aiohttp quotes the whole URL, token and all
    ],
)
async def test_a_failed_telegram_request_is_logged_without_the_token(
    captured_logs: io.StringIO, base_url: str
) -> None:
    error = await _request(base_url)
    log = logging.getLogger("bot.telegram")
    log.warning("request failed: %s", error)
    log.error("request failed: %r", error)
    try:
        raise RuntimeError("polling stopped") from error
    except RuntimeError:
        log.exception("polling failed")
    logging.getLogger("asyncio").error("Task exception was never retrieved", exc_info=error)
    output = captured_logs.getvalue()
    assert "polling failed" in output and "Traceback" in output
    assert_hidden(output)
    if TOKEN in str(error):
        assert REDACTED in output


def test_the_formatter_hides_any_token_shaped_text() -> None:
    formatter = RedactingFormatter("%(message)s", TOKEN)
    other_bot = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef_-"
    for text in (
        f"https://api.telegram.org/bot{TOKEN}/getUpdates?offset=1",
        f"{TOKEN}{TOKEN}",
        f"token={TOKEN}\nnext line",
        f"another bot's token {other_bot}",
    ):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s", (text,), None)
        shown = formatter.format(record)
        assert_hidden(shown)
        assert other_bot not in shown
    assert redact(f"a{TOKEN}b", TOKEN) == f"a{REDACTED}b"


UNEXPECTED_ERROR_CARRYING_THE_TOKEN = f"""
import bot.cli.commands as commands

async def ask(args, settings):
    raise RuntimeError("GET https://api.telegram.org/bot{TOKEN}/getMe failed")

commands.ask = ask
from bot.cli import main
main()
"""


def test_an_unexpected_crash_of_the_command_line_hides_the_token(tmp_path: Path) -> None:
    result = run_cli(
        "ask",
        "x",
        cwd=tmp_path,
        python_code=UNEXPECTED_ERROR_CARRYING_THE_TOKEN,
        BOT_TOKEN=TOKEN,
        DATABASE_PATH=str(tmp_path / "db"),
    )
    assert result.returncode == 1
    assert "RuntimeError" in result.stderr and REDACTED in result.stderr
    assert_hidden(result.stdout + result.stderr)


def test_a_reply_never_carries_the_token(engine: Engine) -> None:
    """Someone pastes the token into the chat: the bot does not say it back."""
    for question in (TOKEN, f"Жамбыл облысында {TOKEN} қанша?", f"/start {TOKEN}"):
        answer = engine.answer(question, Context())
        assert_hidden(answer.reply)
        assert_hidden(str([f.as_json() for f in answer.facts]))
