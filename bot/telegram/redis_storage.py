"""REDIS_URL: the chats' memory and the update ledger in Redis, shared by several replicas.

Behind one webhook, Telegram hands each update to whichever replica answers; a follow-up
question must find the region and the last question its predecessor left, wherever that was
handled. So with REDIS_URL set:
- the chat memory is aiogram's `RedisStorage` (one key per chat,
  `forum-bot:<bot id>:<chat>:<chat>:default:data`), kept 90 days after the chat's last change
  (SQLiteStorage keeps it forever, but one file per replica would not be shared);
- the update ledger ("answered already?") is a Redis key per update, kept two days (Telegram
  retries an update for at most a day), so an update Telegram delivers twice is answered once
  even when the two deliveries reach different replicas;
- the webhook's per-chat lock (`events_isolation`) is a Redis lock, so two replicas never
  handle the same chat at the same time (see bot.telegram.webhook).

Articles and the question log stay in each replica's SQLite file (DATABASE_PATH).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aiogram.fsm.storage.base import DefaultKeyBuilder
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.config import ConfigError

KEY_PREFIX = "forum-bot"
MEMORY_TTL = 90 * 24 * 3600  # seconds a chat's memory outlives its last change
LEDGER_TTL = 2 * 24 * 3600  # seconds an update id is remembered as answered


def key_builder() -> DefaultKeyBuilder:
    # The bot id in every key: two bots (staging, production) may share one Redis.
    return DefaultKeyBuilder(prefix=KEY_PREFIX, with_bot_id=True, with_destiny=True)


def redis_storage(url: str) -> RedisStorage:
    """RedisStorage for REDIS_URL (no connection is made yet)."""
    try:
        return RedisStorage.from_url(
            url, key_builder=key_builder(), state_ttl=MEMORY_TTL, data_ttl=MEMORY_TTL
        )
    except ValueError as exc:
        raise ConfigError(f"REDIS_URL is invalid: {exc}.") from None


async def open_redis(url: str, bot_id: int) -> tuple[RedisStorage, RedisLedger]:
    """The chat memory and the ledger in Redis; ConfigError (one sentence) if unreachable."""
    storage = redis_storage(url)
    try:
        await storage.redis.ping()
    except (RedisError, OSError) as exc:
        await storage.close()
        raise ConfigError(
            f"REDIS_URL does not answer: cannot reach Redis at {_where(url)} "
            f"({type(exc).__name__})."
        ) from None
    return storage, RedisLedger(storage.redis, bot_id)


class RedisLedger:
    """The UpdateLedger protocol (bot.telegram.ledger) on Redis keys that expire by themselves."""

    def __init__(self, redis: Redis, bot_id: int, *, ttl: int = LEDGER_TTL) -> None:
        self.redis = redis
        self.bot_id = bot_id  # update ids are counted per bot
        self.ttl = ttl

    async def handled(self, update_id: int) -> bool:
        return bool(await self.redis.exists(self._key(update_id)))

    async def mark(self, update_id: int) -> None:
        await self.redis.set(self._key(update_id), 1, ex=self.ttl)

    async def forget_before(self, offset: int) -> None:
        """Nothing to do: the keys expire on their own."""

    def _key(self, update_id: int) -> str:
        return f"{KEY_PREFIX}:{self.bot_id}:update:{update_id}"


def _where(url: str) -> str:
    """host:port of the URL, never its password."""
    try:
        parts = urlsplit(url)
        return f"{parts.hostname or 'localhost'}:{parts.port or 6379}"
    except ValueError:
        return "the given address"
