"""What a test observes: the calls the bot made and the messages it sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Call:
    """One request to the server, with Telegram's answer.

    `params` are decoded (numbers, booleans and JSON objects as values); `status` is the HTTP
    status, 0 when the connection was dropped without an answer; `at` is time.monotonic().
    """

    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any]
    at: float

    @property
    def description(self) -> str:
        return str(self.response.get("description", ""))


@dataclass
class BotMessage:
    """A message the bot sent, with its edits applied.

    `text` is what the bot sent (the HTML source under parse_mode HTML); `plain` is what the
    user sees after entity parsing; `history` holds the earlier texts, oldest first.
    `reply_markup` is the markup as sent (None once removed).
    """

    message_id: int
    chat_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    edits: int = 0
    plain: str = ""
    entities: list[dict[str, Any]] = field(default_factory=list)
    date: int = 0
    edit_date: int | None = None
    deleted: bool = False
    history: list[str] = field(default_factory=list)
    reply_to_message_id: int | None = None
    kind: str = "text"  # or what another send method sent: "photo" for sendPhoto, ...

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Inline keyboard buttons, row by row, left to right ([] without an inline keyboard)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def callback_data(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]
