"""Telegram's error answers."""

from __future__ import annotations

from typing import Any

_PREFIX = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class ApiError(Exception):
    """An error answer. `violation`: the bot broke a rule (spec or limit), not bad luck.

    `description` is the text after Telegram's status prefix ("Bad Request: " + description).
    """

    def __init__(
        self,
        status: int,
        description: str,
        *,
        violation: bool = False,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.violation = violation
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.description, retry_after=self.retry_after)


def bad_request(description: str, *, violation: bool = False) -> ApiError:
    return ApiError(400, description, violation=violation)


def error_body(status: int, description: str, *, retry_after: int | None = None) -> dict[str, Any]:
    """{"ok": false, "error_code": ..., "description": "<Prefix>: <description>"}."""
    prefix = _PREFIX.get(status, "Error")
    text = f"{prefix}: {description}" if description else prefix
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": text}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body
