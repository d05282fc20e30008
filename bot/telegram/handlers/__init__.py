"""A router per feature, collected in the order they must be tried."""

from __future__ import annotations

from aiogram import Router

from bot.telegram.handlers import (
    admin,
    buttons,
    errors,
    inline,
    language,
    media,
    questions,
    regions,
    sources,
    start,
)


def get_routers() -> list[Router]:
    """Fresh routers (a router belongs to one dispatcher), in the order they must be tried:
    the error reporter (it sees only failures), fixed commands, admin commands, region commands
    (any `/<region id>`), buttons, inline, non-text, and last the catch-all: any other text is
    a question."""
    return [
        errors.make_router(),
        start.make_router(),
        language.make_router(),
        sources.make_router(),
        admin.make_router(),
        regions.make_router(),
        buttons.make_router(),
        inline.make_router(),
        media.make_router(),
        questions.make_router(),
    ]
