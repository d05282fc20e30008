"""The command line of DESIGN.md: run, chat, ingest, ask, eval, stats."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence

import yaml

from bot.config import ConfigError, Settings, load_settings
from bot.logs import redact, setup_logging
from bot.store.db import DatabaseError, database_error

log = logging.getLogger("bot")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="forum-bot", description="Answers questions about regional forums from news articles."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="the Telegram bot (polling, or a webhook with WEBHOOK_URL)")
    sub.add_parser("chat", help="a conversation with the bot in the terminal")
    ingest = sub.add_parser("ingest", help="load article files or folders into the database")
    ingest.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: SEEDS_DIR)"
    )
    ask = sub.add_parser("ask", help="answer one question, or every line of standard input")
    ask.add_argument("question", nargs="?", help="the question (default: read standard input)")
    ask.add_argument("--region", help="the region context, as a region command sets it")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    evaluate = sub.add_parser("eval", help="accuracy on the project's question set")
    evaluate.add_argument(
        "file", nargs="?", help="a question set (default: tests/eval/questions.yaml)"
    )
    evaluate.add_argument(
        "--holdout", action="store_true", help="score the holdout sets instead (figures only)"
    )
    evaluate.add_argument("--no-bm25", action="store_true", help="skip the BM25 peer")
    evaluate.add_argument("--failures", action="store_true", help="list the questions it got wrong")
    sub.add_parser("stats", help="the same figures as /stats")
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        sys.exit(2)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"forum-bot: {redact(str(exc))}", file=sys.stderr)
        sys.exit(2)
    setup_logging(settings.log_level, settings.token)
    try:
        code = asyncio.run(_dispatch(args, settings))
    except (ConfigError, DatabaseError) as exc:
        _say(str(exc), settings)
        code = 2
    except sqlite3.Error as exc:
        # Raised past the Store: an ingest meeting a lock, a load meeting a damaged page.
        _say(str(database_error(settings.database_path, exc)), settings)
        code = 2
    except yaml.YAMLError as exc:
        _say(_seeds_error(exc), settings)
        code = 2
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # The reader left ("ask ... | head -1"): nothing to say, and nobody to say it to.
        # Python would complain again flushing stdout at exit: point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    except Exception:
        # A bug: the traceback goes through the redacting formatter, never raw to stderr,
        # so a token inside an error message or a request URL is not printed.
        log.exception("stopped on an unexpected error")
        code = 1
    sys.exit(code)


def _say(sentence: str, settings: Settings) -> None:
    print(f"forum-bot: {redact(sentence, settings.token)}", file=sys.stderr)


def _seeds_error(exc: yaml.YAMLError) -> str:
    """'SEEDS_DIR: seeds/lexicon.yaml:1393: found character ...': where to look, in one line."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    where = f"{mark.name}:{mark.line + 1}" if mark is not None else "a YAML file"
    return f"SEEDS_DIR: {where}: {problem}; fix the file and try again."


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli import commands

    handlers = {
        "run": commands.run,
        "chat": commands.chat,
        "ingest": commands.ingest,
        "ask": commands.ask,
        "eval": commands.evaluate,
        "stats": commands.stats,
    }
    return await handlers[args.command](args, settings)
