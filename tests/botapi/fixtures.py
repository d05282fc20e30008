"""The `fake_telegram` pytest fixture: a started FakeTelegram, stopped after the test.

The lead's tests/conftest.py imports it; a test module may import it explicitly:
`from tests.botapi.fixtures import fake_telegram  # noqa: F401`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.botapi.server import FakeTelegram

FAKE_TOKEN = "123456:TEST-token-ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest_asyncio.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram(FAKE_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
