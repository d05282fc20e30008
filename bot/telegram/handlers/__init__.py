"""The features' handlers, in the order they must be tried, on two routers.

Each module registers its handlers (`register(router)`); aiogram walks every router of the tree
for every update, about 15 µs each even with nothing to match, so the features share routers
instead of having one each: "commands" (whose messages must look like a command, so a
question skips all their `Command` filters at once; their button presses go through) and
"main" (errors, buttons, inline, non-text, and last the catch-all: any other text is a
question).
"""

from __future__ import annotations

from aiogram import Router

from bot.telegram.filters import IsCommand
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
    """Fresh routers (a router belongs to one dispatcher): fixed commands, admin commands,
    region commands (any `/<region id>`), then the error reporter (it sees only failures),
    buttons, inline, non-text, and the catch-all."""
    commands = Router(name="commands")
    commands.message.filter(IsCommand())
    for feature in (start, language, sources, admin, regions):
        feature.register(commands)
    main = Router(name="main")
    for feature in (errors, buttons, inline, media, questions):
        feature.register(main)
    return [commands, main]
