"""Shared fixtures: the real seeds loaded once into a temporary database, and the engine."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.services import Services

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def make_settings(tmp: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_path": tmp / "bot.sqlite3",
        "seeds_dir": SEEDS,
        "bot_token": None,
        "admin_ids": "",
        "log_level": "INFO",
        "telegram_api_url": "",
        "webhook_url": "",
        "redis_url": "",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type,call-arg]


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the seeds loaded, built once; copy it before writing to it."""
    folder = tmp_path_factory.mktemp("seeded")
    settings = make_settings(folder)

    async def build() -> None:
        services = await Services.open(settings)
        await services.close()

    asyncio.run(build())
    return settings.database_path


@pytest.fixture(scope="session")
def engine(seeded_db: Path) -> Iterator[Engine]:
    settings = make_settings(seeded_db.parent)

    async def build() -> Engine:
        services = await Services.open(settings)
        await services.close()
        return services.engine

    yield asyncio.run(build())
