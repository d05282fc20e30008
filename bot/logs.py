"""Logging: one plain line per event, and the bot token never printed, whoever logs it."""

from __future__ import annotations

import logging
import re
import sys
from types import TracebackType

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]

# Telegram tokens anywhere in a line (aiogram's messages can carry request URLs).
TOKEN_PATTERN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{30,}")
REDACTED = "<token hidden>"


def redact(text: str, secret: str | None = None) -> str:
    if secret:
        text = text.replace(secret, REDACTED)
    return TOKEN_PATTERN.sub(REDACTED, text)


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, secret: str | None = None) -> None:
        super().__init__(fmt, datefmt="%Y-%m-%d %H:%M:%S")
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secret)

    def formatException(self, ei: ExcInfo) -> str:
        return redact(super().formatException(ei), self.secret)


def setup_logging(level: str = "INFO", secret: str | None = None) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secret)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiogram logs every update at INFO: one line per event is ours to write.
    logging.getLogger("aiogram.event").setLevel(max(logging.getLevelName(level), logging.WARNING))
    # bm25s (the eval's peer) narrates its indexing at DEBUG.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
