"""Opening what every front end needs: the database (migrated, seeded) and the engine."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, check_database_path
from bot.corpus.models import Region
from bot.corpus.regions import RegionsError, load_regions
from bot.engine.engine import Engine
from bot.engine.vocabulary import load_vocabulary
from bot.store.corpus import load_corpus
from bot.store.db import Store

if TYPE_CHECKING:
    from bot.store.ingest import IngestReport

log = logging.getLogger(__name__)


def regions_from(seeds_dir: Path) -> dict[str, Region]:
    path = seeds_dir / "regions.yaml"
    if not path.exists():
        raise ConfigError(f"SEEDS_DIR has no regions.yaml: {path} is missing.")
    try:
        return load_regions(path)
    except RegionsError as exc:
        raise ConfigError(f"SEEDS_DIR: {exc}") from None


@dataclass
class Services:
    settings: Settings
    store: Store
    engine: Engine

    @classmethod
    async def open(cls, settings: Settings, *, sync_seeds: bool = False) -> Services:
        """The store and the engine. Loads SEEDS_DIR into an empty database (or always, with
        sync_seeds: ingest is idempotent, so unchanged files cost only a checksum)."""
        check_database_path(settings.database_path)
        regions = regions_from(settings.seeds_dir)
        store = await Store.open(settings.database_path)
        try:
            if store.writable and (sync_seeds or await store.article_count() == 0):
                log_report(await load_seeds(store, settings.seeds_dir, regions, sync_seeds))
            engine = await build_engine(store, settings.seeds_dir)
        except BaseException:
            await store.close()
            raise
        return cls(settings, store, engine)

    async def reload(self) -> str:
        """Re-read SEEDS_DIR without a restart: new, changed and removed articles, new data.

        The ingest runs on a connection of its own: the bot's connection goes on logging
        questions (and committing) meanwhile, which must not commit half an ingest."""
        regions = regions_from(self.settings.seeds_dir)
        loader = await Store.open(self.settings.database_path)
        try:
            report = await load_seeds(loader, self.settings.seeds_dir, regions, prune=True)
        finally:
            await loader.close()
        log_report(report)
        self.engine.swap(await build_engine(self.store, self.settings.seeds_dir))
        return report.summary_line()

    async def close(self) -> None:
        await self.store.close()


async def load_seeds(
    store: Store, seeds_dir: Path, regions: dict[str, Region], prune: bool
) -> IngestReport:
    # Imported here: the loader is needed only when articles are loaded, not on every start.
    from bot.store.ingest import ingest

    return await ingest(store, [seeds_dir / "articles"], regions, prune=prune)


async def build_engine(store: Store, seeds_dir: Path) -> Engine:
    corpus = await load_corpus(store)
    return Engine(corpus, load_vocabulary(seeds_dir))


def log_report(report: IngestReport) -> None:
    for error in report.errors:
        log.warning("article not loaded: %s", error)
    log.info("seeds: %s", report.summary_line())


async def open_services(settings: Settings, *, sync_seeds: bool = False) -> Services:
    return await Services.open(settings, sync_seeds=sync_seeds)
