"""The buttons under an answer: more facts, another region, 👍/👎, offered questions."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from aiogram import Bot, F, Router, html
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.callback_answer import CallbackAnswer

from bot.engine.models import Answer
from bot.telegram.callbacks import FeedbackCb, MoreCb, OtherRegionCb, ReaskCb, SuggestCb
from bot.telegram.keyboards import reask_keyboard, without
from bot.telegram.memory import ChatMemory
from bot.telegram.ports import AnswerEngine, QuestionLog
from bot.telegram.presses import acknowledge, callback_chat_id, pressed_message
from bot.telegram.replies import deliver_answer
from bot.telegram.texts import text


async def more(
    callback: CallbackQuery,
    callback_data: MoreCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    engine: AnswerEngine,
    store: QuestionLog,
    state: FSMContext,
) -> None:
    """One follow-up message with the next fact; the pressed "more" button goes away."""
    memory = ChatMemory(state)
    record = await memory.recall(callback_data.a)
    chat_id = callback_chat_id(callback)
    if record is None or chat_id is None:
        await _stale(callback, callback_answer, memory)
        return
    chosen = record.context.language
    answer = engine.more(replace(record.context, language=record.language))
    answer = _keep_choice(answer, chosen)
    if not answer.facts:
        await acknowledge(callback, callback_answer, text("no_more", record.language))
        await memory.update_record(record, answer.context)
        await _drop_buttons(callback, MoreCb.__prefix__)
        return
    await acknowledge(callback, callback_answer)
    await _drop_buttons(callback, MoreCb.__prefix__)
    await deliver_answer(
        bot,
        chat_id,
        answer,
        engine=engine,
        store=store,
        memory=memory,
        is_question=False,
        question_id=record.question_id,
    )


async def other_region(
    callback: CallbackQuery,
    callback_data: OtherRegionCb,
    callback_answer: CallbackAnswer,
    engine: AnswerEngine,
    state: FSMContext,
) -> None:
    """Swap the "another region" button for one button per other region with articles."""
    memory = ChatMemory(state)
    record = await memory.recall(callback_data.a)
    message = pressed_message(callback)
    if record is None or message is None:
        await _stale(callback, callback_answer, memory)
        return
    regions = [r for r, _ in engine.regions_with_articles() if r.id != record.region]
    await acknowledge(callback, callback_answer, text("choose_region", record.language))
    kept = without(message.reply_markup, OtherRegionCb.__prefix__)
    choice = reask_keyboard(record.id, regions, record.language)
    rows = [*(kept.inline_keyboard if kept else []), *choice.inline_keyboard]
    with contextlib.suppress(TelegramBadRequest):  # "message is not modified" and the like
        await message.edit_reply_markup(reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def reask(
    callback: CallbackQuery,
    callback_data: ReaskCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    engine: AnswerEngine,
    store: QuestionLog,
    state: FSMContext,
) -> None:
    """The same question again, for the chosen region."""
    memory = ChatMemory(state)
    record = await memory.recall(callback_data.a)
    chat_id = callback_chat_id(callback)
    region = engine.region(callback_data.r)
    if record is None or chat_id is None or region is None or not record.question:
        await _stale(callback, callback_answer, memory)
        return
    answer = engine.answer(record.question, record.context.with_region(region.id))
    await acknowledge(callback, callback_answer)
    lead = f"<b>{html.quote(region.name(answer.language))}</b>\n"
    await deliver_answer(
        bot, chat_id, answer, engine=engine, store=store, memory=memory, lead_html=lead
    )


async def feedback(
    callback: CallbackQuery,
    callback_data: FeedbackCb,
    callback_answer: CallbackAnswer,
    store: QuestionLog,
    state: FSMContext,
) -> None:
    """👍/👎 goes to the store; the buttons go away (one vote per answer)."""
    memory = ChatMemory(state)
    record = await memory.recall(callback_data.a)
    if record is None or record.question_id is None:
        await _stale(callback, callback_answer, memory)
        return
    await store.log_feedback(record.question_id, callback_data.v)
    await acknowledge(callback, callback_answer, text("feedback_thanks", record.language))
    await _drop_buttons(callback, FeedbackCb.__prefix__)


async def suggestion(
    callback: CallbackQuery,
    callback_data: SuggestCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    engine: AnswerEngine,
    store: QuestionLog,
    state: FSMContext,
) -> None:
    """An offered question, asked as if typed (the answer starts with the question)."""
    memory = ChatMemory(state)
    question = await memory.offered(callback_data.i)
    chat_id = callback_chat_id(callback)
    if question is None or chat_id is None:
        await _stale(callback, callback_answer, memory)
        return
    answer = engine.answer(question, await memory.context())
    await acknowledge(callback, callback_answer)
    await deliver_answer(
        bot,
        chat_id,
        answer,
        engine=engine,
        store=store,
        memory=memory,
        lead_html=f"❓ <i>{html.quote(question)}</i>\n\n",
    )


async def unknown_button(
    callback: CallbackQuery, callback_answer: CallbackAnswer, state: FSMContext
) -> None:
    """A button from an older version of the bot, or forged data: still answered."""
    await _stale(callback, callback_answer, ChatMemory(state))


async def _stale(
    callback: CallbackQuery, callback_answer: CallbackAnswer, memory: ChatMemory
) -> None:
    language = await memory.language(callback.from_user)
    await acknowledge(callback, callback_answer, text("stale_button", language))


async def _drop_buttons(callback: CallbackQuery, *prefixes: str) -> None:
    message = pressed_message(callback)
    if message is None or message.reply_markup is None:
        return
    with contextlib.suppress(TelegramBadRequest):
        await message.edit_reply_markup(reply_markup=without(message.reply_markup, *prefixes))


def _keep_choice(answer: Answer, chosen: str | None) -> Answer:
    """The answer's context, but with the chat's own /lang choice (or none) kept."""
    return replace(answer, context=replace(answer.context, language=chosen))  # type: ignore[arg-type]


def register(router: Router) -> None:
    """Add this feature's handlers to `router` (bot.telegram.handlers says in which order)."""
    router.callback_query.register(more, MoreCb.filter())
    router.callback_query.register(other_region, OtherRegionCb.filter())
    router.callback_query.register(reask, ReaskCb.filter())
    router.callback_query.register(feedback, FeedbackCb.filter(F.v.in_({1, -1})))
    router.callback_query.register(suggestion, SuggestCb.filter())
    router.callback_query.register(unknown_button)
