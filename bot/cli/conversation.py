"""`chat`: the bot as a conversation in the terminal, its commands included.

A line starting with "/" is a command, as in Telegram: /start, /help, /regions, /sources,
/lang and the region commands (/zhambyl, or /zhambyl with a question); any other text is a
question for the engine. Replies are
the engine's HTML turned into plain text."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.cli.plain import html_to_text
from bot.corpus.models import Language
from bot.engine.engine import Engine
from bot.engine.models import Answer, Context
from bot.engine.reply import region_line

LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")


@dataclass(frozen=True)
class Turn:
    """One line's reply: the text to print, the conversation after it, and the engine's
    answer when the line was a question (to log)."""

    text: str
    context: Context
    answer: Answer | None = None


def reply_to(engine: Engine, line: str, context: Context) -> Turn:
    command, _, argument = line.strip().partition(" ")
    name = command[1:].split("@")[0].lower() if command.startswith("/") else ""
    language = _language(engine, context)
    if name == "start":
        examples = "\n".join(f"• {q}" for q in engine.example_questions(language)[:3])
        return Turn(f"{html_to_text(engine.greeting(language))}\n{examples}", context)
    if name == "help":
        return Turn(html_to_text(engine.help(language)), context)
    if name == "regions":
        return Turn(
            "\n".join(
                f"• {region_line(region, count, language)}"
                for region, count in engine.regions_with_articles()
            ),
            context,
        )
    if name == "sources":
        return Turn(html_to_text(engine.sources_reply(language)), context)
    if name == "lang":
        chosen = argument.strip().lower()
        if chosen not in LANGUAGES:
            return Turn(f"/lang {' | '.join(LANGUAGES)}", context)
        return Turn(f"/lang {chosen}: ✓", replace(context, language=chosen))
    if name and all(region.command != f"/{name}" for region in engine.regions.values()):
        return Turn(html_to_text(engine.help(language)), context)  # a command it does not know
    answer = engine.answer(line, context)  # a question, or a region command
    return Turn(html_to_text(answer.reply), answer.context, answer)


def _language(engine: Engine, context: Context) -> Language:
    """The conversation's language: the one chosen, else the last question's, else Kazakh."""
    if context.language:
        return context.language
    if context.last_question:
        return engine.language_of(context.last_question)
    return "kk"
