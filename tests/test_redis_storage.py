"""REDIS_URL: several replicas share the chats' memory and the update ledger through a REAL
redis-server, started here on 127.0.0.1 on a free port (skipped if redis-server is missing:
`.ci/run` installs it from Debian's packages)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
from redis import Redis as SyncRedis
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.config import ConfigError
from bot.telegram.redis_storage import LEDGER_TTL, RedisLedger, open_redis
from bot.telegram.webhook import WebhookApp
from tests.botapi.fixtures import FAKE_TOKEN, fake_telegram  # noqa: F401
from tests.botapi.server import FakeTelegram
from tests.telegram_helpers import make_harness, make_settings
from tests.test_webhook import PUBLIC_URL, SECRET, Pusher, update_from

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None,
    reason="redis-server is not installed (apt-get install redis-server; .ci/run does it)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A throwaway redis-server: no persistence, loopback only, stopped after the module."""
    port = free_port()
    assert REDIS_SERVER is not None
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for_redis(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_redis(port: int, process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    client = SyncRedis(host="127.0.0.1", port=port, socket_timeout=1)
    try:
        while True:
            assert process.poll() is None, "redis-server exited at start"
            try:
                client.ping()
                return
            except RedisConnectionError as error:
                if time.monotonic() > deadline:
                    raise AssertionError(f"redis-server did not answer: {error}") from None
                time.sleep(0.05)  # polling a condition (is it up?), with a deadline
    finally:
        client.close()


@pytest_asyncio.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url, decode_responses=True)
    await client.flushdb()  # each test starts from an empty Redis
    try:
        yield client
    finally:
        await client.aclose()


async def test_a_context_set_by_one_replica_is_seen_by_another(
    redis: Redis, redis_url: str, tmp_path: Path
) -> None:
    """Two dispatchers (FakeEngine, recording sessions), one Redis: /zhambyl on the first sets
    the chat's region; the question on the second is answered inside it."""
    first_storage, _ = await open_redis(redis_url, 123456)
    second_storage, _ = await open_redis(redis_url, 123456)
    first = make_harness(tmp_path / "a", storage=first_storage)
    second = make_harness(tmp_path / "b", storage=second_storage)
    try:
        await first.say("/zhambyl", chat_id=5)
        await second.say("Қанша әкім сайланды?", chat_id=5)
        assert "(zhambyl)" in second.session.texts(5)[-1]
        await second.say("Қанша әкім сайланды?", chat_id=6)  # another chat: no region
        assert "(-)" in second.session.texts(6)[-1]
    finally:
        await first_storage.close()
        await second_storage.close()
    assert any(str(k).startswith("forum-bot:123456:") for k in await redis.keys("*"))


async def test_two_webhook_replicas_share_the_memory_and_answer_a_repeat_once(
    fake_telegram: FakeTelegram,  # noqa: F811
    redis: Redis,
    redis_url: str,
    seeded_db: Path,
    tmp_path: Path,
) -> None:
    fake = fake_telegram
    replicas: list[WebhookApp] = []
    for name in ("a", "b"):
        database = tmp_path / name / "bot.sqlite3"  # each replica its own SQLite file
        database.parent.mkdir()
        shutil.copyfile(seeded_db, database)
        settings = make_settings(
            database.parent,
            bot_token=FAKE_TOKEN,
            telegram_api_url=fake.base_url,
            database_path=database,
            webhook_url=PUBLIC_URL,
            webhook_host="127.0.0.1",
            webhook_port=0,
            webhook_secret=SECRET,
            redis_url=redis_url,
        )
        replica = await WebhookApp.open(settings)
        replicas.append(replica)
        await replica.start()
    try:
        async with aiohttp.ClientSession() as http:
            a, b = (Pusher(f"http://127.0.0.1:{r.port}/tg/hook", http) for r in replicas)
            assert await a.push(update_from(fake, "/zhambyl", 6001)) == 200
            question = update_from(fake, "Қанша ауыл әкімі сайланды?", 6001)
            assert await b.push(question) == 200
            assert await a.push(question) == 200  # Telegram's repeat, to the other replica
    finally:
        for replica in replicas:
            await replica.stop()
    _overview, answer = fake.bot_messages(6001)  # no third message: the repeat was skipped
    assert "165" in answer.plain and "Жамбыл" in answer.plain
    # The region the first replica set is in Redis, where the second found it.
    memory = await redis.get("forum-bot:123456:6001:6001:default:data")
    assert memory is not None and '"region": "zhambyl"' in str(memory)
    assert len(fake.calls_to("setWebhook")) == 2  # the same URL and secret, set by each
    assert fake.violations == []


async def test_the_ledger_forgets_by_itself(redis: Redis) -> None:
    ledger = RedisLedger(redis, 123456)
    assert not await ledger.handled(42)
    await ledger.mark(42)
    assert await ledger.handled(42)
    assert not await RedisLedger(redis, 654321).handled(42)  # another bot's update 42
    assert 0 < await redis.ttl("forum-bot:123456:update:42") <= LEDGER_TTL


async def test_an_unreachable_redis_stops_with_one_sentence_and_no_password() -> None:
    url = f"redis://:hunter2@127.0.0.1:{free_port()}/0"  # nothing listens there
    with pytest.raises(ConfigError) as refused:
        await open_redis(url, 123456)
    message = str(refused.value)
    assert message.startswith("REDIS_URL does not answer") and "hunter2" not in message
    assert "\n" not in message
