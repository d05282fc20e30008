"""Keep BOT_TOKEN out of the logs.

The Bot API URL is `<server>/bot<token>/<method>`, and aiohttp's errors (and so aiogram's
`TelegramNetworkError` and the tracebacks aiogram logs) can quote it. A filter on the root
handlers rewrites any record that contains the token, message and traceback alike. (`bot.logs`
formats the bot's own log lines the same way; this filter also covers handlers it did not set
up, such as a test's log capture.)
"""

from __future__ import annotations

import logging

from bot.logs import redact

__all__ = ["TokenFilter", "install_token_filter", "redact", "remove_token_filter"]


class TokenFilter(logging.Filter):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to raise
            message = str(record.msg)
        if self.token in message:
            record.msg, record.args = redact(message, self.token), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = redact(record.exc_text, self.token)
        if record.stack_info and self.token in record.stack_info:
            record.stack_info = redact(record.stack_info, self.token)
        return True


def install_token_filter(token: str | None) -> TokenFilter | None:
    """Add the filter to every handler of the root logger (where all records end up)."""
    if not token:
        return None
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig()
    token_filter = TokenFilter(token)
    for handler in root.handlers:
        if not any(isinstance(f, TokenFilter) and f.token == token for f in handler.filters):
            handler.addFilter(token_filter)
    return token_filter


def remove_token_filter(token_filter: TokenFilter | None) -> None:
    if token_filter is None:
        return
    for handler in logging.getLogger().handlers:
        handler.removeFilter(token_filter)
