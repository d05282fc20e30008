"""What an operator does: drop an article into seeds/ and reload, without a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.engine.models import Context
from bot.services import Services
from tests.conftest import SEEDS, make_settings

NEW_ARTICLE = """---
title: "Түркістан облысында ауыл әкімдерінің форумы өтті"
region: turkistan
source: "Test News"
date: 2025-12-01
---
Түркістан облысында 2022 жылдан бері 412 ауыл әкімі сайланды. Олардың 61 пайызы жастар.
"""


async def test_reload_picks_up_a_new_article_and_the_same_engine_answers_from_it(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    services = await Services.open(make_settings(tmp_path, seeds_dir=seeds))
    engine = services.engine  # handlers hold this object: it must see the reload
    try:
        question = "Түркістан облысында қанша ауыл әкімі сайланды?"
        assert engine.answer(question).facts == []

        (seeds / "articles" / "900_turkistan.md").write_text(NEW_ARTICLE, encoding="utf-8")
        line = await services.reload()
        await services.store.log_question("test", engine.answer("сәлем", Context()))

        assert "1 added" in line
        answer = engine.answer(question)
        assert answer.facts and "412 ауыл әкімі" in answer.facts[0].text
        assert "turkistan" in {r.id for r, _ in engine.regions_with_articles()}

        (seeds / "articles" / "900_turkistan.md").unlink()
        assert "1 removed" in await services.reload()
        assert engine.answer(question).facts == []
    finally:
        await services.close()
