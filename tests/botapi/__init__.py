"""A fake Telegram Bot API server for the bot's end-to-end tests (see server.py)."""

from tests.botapi.html_check import HtmlError, visible_text
from tests.botapi.models import BotMessage, Call
from tests.botapi.server import FakeTelegram

__all__ = ["BotMessage", "Call", "FakeTelegram", "HtmlError", "visible_text"]
