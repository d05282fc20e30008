"""/regions, one command per region (/zhambyl, /almaty question), and the region buttons."""

from __future__ import annotations

from dataclasses import replace

from aiogram import Bot, Router, html
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, User
from aiogram.utils.callback_answer import CallbackAnswer

from bot.engine.reply import region_line
from bot.telegram.callbacks import RegionCb
from bot.telegram.filters import REGION_COMMAND, RegionCommand
from bot.telegram.keyboards import overview_keyboard, regions_keyboard
from bot.telegram.memory import ChatMemory
from bot.telegram.ports import AnswerEngine, QuestionLog
from bot.telegram.presses import acknowledge, callback_chat_id
from bot.telegram.replies import deliver_answer, send_html
from bot.telegram.texts import text

EXAMPLES_IN_OVERVIEW = 2


async def regions(message: Message, bot: Bot, engine: AnswerEngine, state: FSMContext) -> None:
    """The regions that have articles, with their counts, as buttons."""
    language = await ChatMemory(state).language(message.from_user)
    items = engine.regions_with_articles()
    if not items:
        await send_html(bot, message.chat.id, html.quote(text("no_regions", language)))
        return
    lines = [f"<b>{html.quote(text('regions_title', language))}</b>"]
    for region, count in items:
        lines.append(f"• {html.quote(region_line(region, count, language))}")
    await send_html(
        bot, message.chat.id, "\n".join(lines), reply_markup=regions_keyboard(items, language)
    )


async def region_command(
    message: Message,
    bot: Bot,
    command: CommandObject,
    region_id: str,
    engine: AnswerEngine,
    store: QuestionLog,
    state: FSMContext,
) -> None:
    """`/almaty`: the region's overview and context; `/almaty <question>`: answered there."""
    memory = ChatMemory(state)
    if command.args and command.args.strip():
        context = (await memory.context()).with_region(region_id)
        answer = engine.answer(command.args.strip(), context)
        reply_to = message.message_id if message.chat.type != "private" else None
        await deliver_answer(
            bot,
            message.chat.id,
            answer,
            engine=engine,
            store=store,
            memory=memory,
            reply_to=reply_to,
        )
        return
    await show_overview(bot, message.chat.id, region_id, message.from_user, engine, memory)


async def region_button(
    callback: CallbackQuery,
    callback_data: RegionCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    engine: AnswerEngine,
    state: FSMContext,
) -> None:
    chat_id = callback_chat_id(callback)
    if chat_id is None or engine.region(callback_data.r) is None:
        language = await ChatMemory(state).language(callback.from_user)
        await acknowledge(callback, callback_answer, text("stale_button", language))
        return
    await acknowledge(callback, callback_answer)
    await show_overview(
        bot, chat_id, callback_data.r, callback.from_user, engine, ChatMemory(state)
    )


async def show_overview(
    bot: Bot,
    chat_id: int,
    region_id: str,
    user: User | None,
    engine: AnswerEngine,
    memory: ChatMemory,
) -> None:
    """The region's overview, its articles and example questions; the chat moves there."""
    context = await memory.context()
    language = await memory.language(user)
    # The overview speaks the user's language without making it the chat's /lang choice.
    answer = engine.overview(region_id, replace(context, language=language))
    await memory.set_context(replace(answer.context, language=context.language))
    offered = await memory.offer(
        engine.example_questions(language, region_id)[:EXAMPLES_IN_OVERVIEW]
    )
    markup = overview_keyboard(engine.articles_in(region_id), offered)
    await send_html(bot, chat_id, answer.reply, reply_markup=markup)


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.message.register(regions, Command("regions"))
    router.message.register(region_command, Command(REGION_COMMAND), RegionCommand())
    router.callback_query.register(region_button, RegionCb.filter())
