"""The subcommands. Each opens the services it needs and returns the exit code."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.conversation import reply_to
from bot.cli.plain import html_to_text
from bot.config import Settings
from bot.engine.models import Context
from bot.services import Services, build_engine, regions_from

if TYPE_CHECKING:
    from bot.store.db import Store

log = logging.getLogger("bot")

NO_TOKEN = """\
BOT_TOKEN is not set, so the bot is not connected to Telegram.
To get a token: open Telegram, talk to @BotFather, send /newbot, choose a name and a username
ending in "bot"; BotFather answers with a token like 123456789:AAE... Put it in a file named
.env next to the Makefile as the line BOT_TOKEN=<your token> (see .env.example) and run
`make run` again. Meanwhile, here is the same bot as a chat in this terminal."""


async def run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        return await chat(args, settings)
    from bot.telegram.app import run_bot

    await run_bot(settings)
    return 0


async def chat(args: argparse.Namespace, settings: Settings) -> int:
    services = await Services.open(settings)
    try:
        context = Context()
        interactive = sys.stdin.isatty()
        if interactive:
            print(html_to_text(services.engine.greeting("kk")))
            print("(Ctrl-D: exit)")
        while True:
            try:
                line = input("› " if interactive else "")
            except EOFError:
                break
            turn = reply_to(services.engine, line, context)
            context = turn.context
            if turn.answer is not None:
                await services.store.log_question("chat", turn.answer)
            print(turn.text)
            print()
    finally:
        await services.close()
    return 0


async def ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.config import check_database_path
    from bot.store.db import Store
    from bot.store.ingest import ProgressBar
    from bot.store.ingest import ingest as load

    regions = regions_from(settings.seeds_dir)
    paths = [Path(p) for p in args.paths] or [settings.seeds_dir / "articles"]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    check_database_path(settings.database_path)
    store = await Store.open(settings.database_path)
    try:
        report = await load(
            store, [p for p in paths if p.exists()], regions, progress=ProgressBar()
        )
        if report.changed:
            await _prepare_caches(store, settings)
    finally:
        await store.close()
    for error in report.errors:
        print(error, file=sys.stderr)
    print(report.summary_line())
    return 1 if report.errors or missing else 0


async def _prepare_caches(store: Store, settings: Settings) -> None:
    """Build the engine once, so that the corpus columns and the search index are cached
    beside the database now: else the first `ask` or bot start after an ingest would build
    them (seconds at 20,000 articles) before its first answer."""
    try:
        await build_engine(store, settings.seeds_dir)
    except Exception as exc:  # the corpus is stored all the same; the next start tries again
        log.warning("caches not prepared: %s", exc)


async def ask(args: argparse.Namespace, settings: Settings) -> int:
    services = await Services.open(settings)
    try:
        if args.region and args.region not in services.engine.regions:
            ids = ", ".join(services.engine.regions)
            print(f"forum-bot: unknown region {args.region!r}; known: {ids}", file=sys.stderr)
            return 2
        questions = [args.question] if args.question is not None else _stdin_lines()
        single = args.question is not None
        for question in questions:
            # Each question on its own: no context carried from the line before.
            answer = services.engine.answer(question, Context(region=args.region))
            if args.json:
                print(json.dumps(answer.as_json(), ensure_ascii=False), flush=True)
            elif single:
                print(html_to_text(answer.reply))
            else:
                print(" | ".join(html_to_text(answer.reply).splitlines()), flush=True)
    finally:
        await services.close()
    return 0


def _stdin_lines() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\r\n")


async def evaluate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import DEFAULT_SETS, HOLDOUT_SETS, run_evaluation

    if args.holdout and args.failures:
        # A holdout whose misses are read is tuned on: it would flatter the bot like the rest.
        print("eval: the holdout's failures are never listed; only its figures", file=sys.stderr)
        return 2
    if args.file:
        paths: tuple[Path, ...] = (Path(args.file),)
    elif args.holdout:
        paths = tuple(p for p in HOLDOUT_SETS if p.exists())
    else:
        paths = DEFAULT_SETS
    services = await Services.open(settings)
    try:
        report = run_evaluation(services.engine, paths, with_bm25=not args.no_bm25)
    finally:
        await services.close()
    print(report.render(failures=args.failures))
    return 0


async def stats(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store.stats import format_stats

    services = await Services.open(settings)
    try:
        print(format_stats(await services.store.stats(), "en", html=False))
    finally:
        await services.close()
    return 0
