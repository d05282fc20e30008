"""One short, token-free line describing a failed Bot API call, for the operator's log.

aiogram's own messages span several lines (a 429 adds "Original description: ..." and a link)
and a network error can quote the request URL, which holds the token. The log wants one line
per fault that says what happened: "429 Too Many Requests, retry after 3 s", "server error
(Bad Gateway)", "no answer within the timeout", "network error (ServerDisconnectedError: ...)".
"""

from __future__ import annotations

from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.logs import redact

_TIMEOUT = "Request timeout error"  # aiogram's text for an aiohttp timeout
_LONGEST = 200  # characters of an unforeseen error's text worth a log line


def describe_fault(error: BaseException, token: str | None = None) -> str:
    if isinstance(error, TelegramRetryAfter):
        text = f"429 Too Many Requests, retry after {error.retry_after} s"
    elif isinstance(error, TelegramServerError):
        text = f"server error ({error.message or 'no description'})"
    elif isinstance(error, TelegramNetworkError):
        if error.message == _TIMEOUT:
            text = "no answer within the timeout"
        else:
            text = f"network error ({error.message})"
    elif isinstance(error, ClientDecodeError):
        # Telegram's front proxy answers a 502 with an HTML page, not JSON.
        text = "an answer that is not JSON (a proxy's error page?)"
    else:
        text = f"{type(error).__name__}: {error}"
    text = " ".join(redact(text, token).split())
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"
