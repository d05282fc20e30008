import asyncio
import pytest
from bot.telegram.flood import FloodGuard
from tests.test_telegram_e2e import EN, RU, database, start_bot  # noqa: F401
from tests.botapi.fixtures import fake_telegram  # noqa: F401

@pytest.mark.parametrize("guard", [True, False])
async def test_flood_latency(fake_telegram, database, monkeypatch, guard):
    if not guard:
        async def through(self, handler, event, data):
            return await handler(event, data)
        monkeypatch.setattr(FloodGuard, "__call__", through)
    fake = fake_telegram
    running = await start_bot(fake, database)
    loop = asyncio.get_running_loop()
    async def timed(chat):
        t = loop.time(); fake.user_text(EN, chat_id=chat, language_code="en")
        try:
            await fake.wait_for_messages(chat, 1, timeout=30)
        except AssertionError:
            return 99.0
        return loop.time() - t
    waits = []
    for tick in range(25):
        if tick < 10:
            for n in range(6):
                fake.user_text(f"{RU} {tick}-{n}", chat_id=1001, language_code="ru")
        if tick in (2, 5, 8, 12, 16, 20, 24):
            waits.append(asyncio.create_task(timed(2001 + tick)))
        await asyncio.sleep(0.1)
    lat = await asyncio.gather(*waits)
    print(f"\nguard={guard}: others' latencies {[round(x,2) for x in lat]}, flooder msgs so far {len(fake.bot_messages(1001))}")
    running.app.stop()
    running.task.cancel()
