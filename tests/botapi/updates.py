"""The queue getUpdates serves: ids, offsets, allowed_updates and long-poll wake-ups."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from typing import Any

# What Telegram delivers when allowed_updates was never given, or given as [].
_NOT_BY_DEFAULT = {"chat_member", "message_reaction", "message_reaction_count"}
FIRST_UPDATE_ID = 500_000_001


def update_type(update: dict[str, Any]) -> str:
    kinds = [key for key in update if key != "update_id"]
    return kinds[0] if kinds else ""


class UpdateQueue:
    """Pending updates, confirmed (and forgotten for good) by getUpdates' offset.

    Touch it from the event loop's thread only (the test and the server share one loop).
    """

    def __init__(self) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = FIRST_UPDATE_ID
        self._changed = asyncio.Event()
        self.confirmed_offset = 0
        self.allowed: set[str] | None = None  # None: Telegram's default set
        self.filtered: list[dict[str, Any]] = []  # dropped because allowed_updates excluded them
        self.closed = False

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def push(self, update: dict[str, Any]) -> int:
        update = copy.deepcopy(update)
        given = update.get("update_id")
        if given is not None:
            if given < self._next_id:
                msg = f"update_id {given} is not above the last one ({self._next_id - 1})"
                raise ValueError(msg)
            self._next_id = given
        update["update_id"] = self._next_id
        self._next_id += 1
        self._pending.append(update)
        self.poke()
        return int(update["update_id"])

    def poke(self) -> None:
        """Wake every waiting long poll."""
        self._changed.set()
        self._changed = asyncio.Event()

    def confirm(self, offset: int) -> None:
        if offset < 0:
            # -N: keep only the last N updates; everything before is forgotten.
            keep = self._pending[offset:]
            if keep:
                self.confirmed_offset = max(self.confirmed_offset, keep[0]["update_id"])
            self._pending = keep
            return
        self.confirmed_offset = max(self.confirmed_offset, offset)
        self._pending = [u for u in self._pending if u["update_id"] >= offset]

    def set_allowed(self, allowed: list[str]) -> None:
        self.allowed = set(allowed) if allowed else None

    def take(self, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` unconfirmed updates (they stay pending until confirmed)."""
        wanted: list[dict[str, Any]] = []
        kept: list[dict[str, Any]] = []
        for update in self._pending:
            if self._is_allowed(update_type(update)):
                kept.append(update)
                if len(wanted) < limit:
                    wanted.append(update)
            else:
                self.filtered.append(update)
        self._pending = kept
        return copy.deepcopy(wanted)

    def drop_all(self) -> None:
        """deleteWebhook(drop_pending_updates=True)."""
        if self._pending:
            self.confirmed_offset = max(self.confirmed_offset, self._pending[-1]["update_id"] + 1)
        self._pending = []

    async def wait_for_change(self, timeout: float) -> None:
        if self.closed or timeout <= 0:
            return
        changed = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), timeout)

    def close(self) -> None:
        self.closed = True
        self.poke()

    def _is_allowed(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in _NOT_BY_DEFAULT
        return kind in self.allowed
