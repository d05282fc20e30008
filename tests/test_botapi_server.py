"""The fake Telegram server answers a real aiogram Bot the way Telegram does."""

# pytest injects the imported fixture by parameter name, which ruff reads as a redefinition.
# ruff: noqa: F811

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)

from tests.botapi import FakeTelegram, HtmlError, visible_text
from tests.botapi.fixtures import FAKE_TOKEN, fake_telegram  # noqa: F401
from tests.botapi.html_check import parse_html

CHAT = 1001


def make_bot(base_url: str, token: str = FAKE_TOKEN) -> Bot:
    return Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))


async def close_bot(bot: Bot) -> None:
    # AiohttpSession.close() sleeps 250 ms for TLS connections; there are none here.
    client = getattr(bot.session, "_session", None)
    if client is not None:
        await client.close()


@pytest_asyncio.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    bot = make_bot(fake_telegram.base_url)
    yield bot
    await close_bot(bot)


@pytest.fixture
def fake(fake_telegram: FakeTelegram) -> FakeTelegram:
    """The server with a user who has written to the bot (so CHAT is known)."""
    fake_telegram.user_text("Сәлем!", chat_id=CHAT)
    return fake_telegram


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=f"b{i}", callback_data=d)] for i, d in enumerate(data)
        ]
    )


async def post_raw(fake: FakeTelegram, method: str, data: dict[str, str]) -> tuple[int, dict]:
    async with (
        aiohttp.ClientSession() as client,
        client.post(f"{fake.base_url}/bot{fake.token}/{method}", data=data) as response,
    ):
        return response.status, await response.json()


async def test_get_me_answers_the_bot_user(bot: Bot) -> None:
    me = await bot.get_me()

    assert me.is_bot and me.username == "forum_test_bot" and me.id == 123456


async def test_html_message_arrives_with_text_and_entities(fake: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "<b>Жамбыл</b> облысы: 165 &lt;ауыл&gt;", parse_mode="HTML")

    [message] = fake.bot_messages(CHAT)
    assert message.message_id == sent.message_id == 2  # the user's message was 1
    assert message.text == "<b>Жамбыл</b> облысы: 165 &lt;ауыл&gt;"
    assert message.plain == sent.text == "Жамбыл облысы: 165 <ауыл>"
    assert sent.entities is not None and sent.entities[0].type == "bold"
    assert fake.violations == []


async def test_invalid_html_is_refused_like_telegram(fake: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_message(CHAT, "Жауап: <x>165</x>", parse_mode="HTML")

    assert refused.value.message == (
        'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 12'
    )
    assert fake.bot_messages(CHAT) == []
    assert len(fake.violations) == 1 and "Unsupported start tag" in fake.violations[0]


async def test_length_counts_visible_characters_not_tags(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(CHAT, "<b>" + "ә" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "ә" * 4097, parse_mode="HTML")

    assert len(fake.bot_messages(CHAT)) == 1
    assert fake.violations == ["sendMessage: message is too long"]


async def test_callback_data_over_64_bytes_is_refused(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("ә" * 32))  # 64 bytes
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "no", reply_markup=keyboard("a" * 65))

    assert fake.violations == ["sendMessage: BUTTON_DATA_INVALID"]


async def test_a_429_raises_retry_after(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=7)

    with pytest.raises(TelegramRetryAfter) as limited:
        await bot.send_message(CHAT, "бірінші")
    await bot.send_message(CHAT, "екінші")

    assert limited.value.retry_after == 7
    assert "Too Many Requests: retry after 7" in limited.value.message
    assert [m.plain for m in fake.bot_messages(CHAT)] == ["екінші"]


async def test_a_500_raises_server_error(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next("sendMessage", status=500)

    with pytest.raises(TelegramServerError):
        await bot.send_message(CHAT, "сәлем")


async def test_a_dropped_connection_raises_network_error(fake: FakeTelegram, bot: Bot) -> None:
    fake.drop_next("sendMessage")

    with pytest.raises(TelegramNetworkError):
        await bot.send_message(CHAT, "сәлем")
    assert fake.bot_messages(CHAT) == []
    await bot.send_message(CHAT, "сәлем")  # the next call goes through
    assert len(fake.bot_messages(CHAT)) == 1


async def test_a_stalled_answer_times_the_client_out(fake: FakeTelegram, bot: Bot) -> None:
    fake.stall_next("sendMessage", seconds=0.5)

    with pytest.raises(TelegramNetworkError, match="timeout"):
        await bot.send_message(CHAT, "сәлем", request_timeout=0.1)  # type: ignore[arg-type]
    # Telegram may still deliver a message whose answer timed out; so does the fake.
    await fake.wait_for_messages(CHAT, 1, timeout=2)


async def test_long_poll_returns_an_update_pushed_while_waiting(
    fake_telegram: FakeTelegram,
    bot: Bot,
) -> None:
    started = time.monotonic()
    polling = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    update_id = fake_telegram.user_text("Қанша әкім сайланды?")

    [update] = await asyncio.wait_for(polling, 2)

    assert time.monotonic() - started < 1.5
    assert update.update_id == update_id and update.message is not None
    assert update.message.text == "Қанша әкім сайланды?"


async def test_offset_confirms_and_forgets_updates(
    fake_telegram: FakeTelegram,
    bot: Bot,
) -> None:
    first = fake_telegram.user_text("бір")
    second = fake_telegram.user_text("екі")

    assert [u.update_id for u in await bot.get_updates()] == [first, second]
    assert [u.update_id for u in await bot.get_updates(offset=second)] == [second]
    assert await bot.get_updates(offset=second + 1) == []
    assert await bot.get_updates() == []  # confirmed updates are gone for good
    assert fake_telegram.confirmed_offset == second + 1


async def test_allowed_updates_filters_update_types(
    fake_telegram: FakeTelegram,
    bot: Bot,
) -> None:
    fake_telegram.inline_query("жамбыл")
    text = fake_telegram.user_text("сәлем")

    updates = await bot.get_updates(allowed_updates=["message"])

    assert [u.update_id for u in updates] == [text]
    assert len(fake_telegram.filtered_updates) == 1


async def test_stop_does_not_wait_for_a_long_poll() -> None:
    fake = FakeTelegram(FAKE_TOKEN)
    bot = make_bot(await fake.start())
    polling = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)

    started = time.monotonic()
    await fake.stop()

    assert time.monotonic() - started < 1
    assert await asyncio.wait_for(polling, 1) == []
    await close_bot(bot)


async def test_a_missing_required_field_is_flagged(fake: FakeTelegram, bot: Bot) -> None:
    # aiogram leaves empty strings out of the form, so text="" reaches Telegram as no text.
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(CHAT, "")

    assert fake.violations == ["sendMessage: text: required field is missing"]


async def test_unknown_fields_and_wrong_types_are_violations(fake: FakeTelegram) -> None:
    status, body = await post_raw(
        fake, "sendMessage", {"chat_id": "1001", "text": "a", "colour": "red"}
    )
    assert status == 200 and body["ok"]
    status, body = await post_raw(
        fake, "sendMessage", {"chat_id": "1001", "text": "a", "disable_notification": "maybe"}
    )
    assert status == 400 and "disable_notification" in body["description"]

    assert [v.split(":")[1].strip() for v in fake.violations] == ["colour", "disable_notification"]


async def test_wrong_token_and_unknown_method(fake_telegram: FakeTelegram) -> None:
    stranger = make_bot(fake_telegram.base_url, token="654321:someone-else")
    with pytest.raises(TelegramUnauthorizedError):
        await stranger.get_me()
    await close_bot(stranger)

    status, body = await post_raw(fake_telegram, "sendTelepathy", {})
    assert (status, body["description"]) == (404, "Not Found")


async def test_unimplemented_spec_methods_answer_true(fake: FakeTelegram) -> None:
    status, body = await post_raw(
        fake, "setMessageReaction", {"chat_id": "1001", "message_id": "1"}
    )

    assert (status, body) == (200, {"ok": True, "result": True})
    assert fake.unimplemented_calls == ["setMessageReaction"]


async def test_sending_to_a_chat_that_never_wrote(fake_telegram: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(777, "сәлем")
    assert fake_telegram.violations == []


async def test_edits_apply_and_identical_edits_are_refused(fake: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "Іздеп жатырмын…", reply_markup=keyboard("more"))
    await bot.edit_message_text(
        "<b>165</b> ауыл әкімі", chat_id=CHAT, message_id=sent.message_id, parse_mode="HTML"
    )

    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "<strong>165</strong> ауыл әкімі",
            chat_id=CHAT,
            message_id=sent.message_id,
            parse_mode="HTML",
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=CHAT, message_id=99)

    [message] = fake.bot_messages(CHAT)
    assert (message.plain, message.edits, message.history) == (
        "165 ауыл әкімі",
        1,
        ["Іздеп жатырмын…"],
    )
    assert message.reply_markup is None  # editing text without reply_markup drops the keyboard


async def test_button_press_is_answered_once(fake: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "Облысты таңдаңыз", reply_markup=keyboard("r:zhambyl"))
    await bot.get_updates(offset=-1)  # skip the user's greeting
    fake.press_button(CHAT, sent.message_id, "r:zhambyl")

    [update] = await bot.get_updates(offset=fake.confirmed_offset + 1)
    assert update.callback_query is not None and update.callback_query.data == "r:zhambyl"
    await bot.answer_callback_query(update.callback_query.id, text="Жамбыл")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(update.callback_query.id)

    assert fake.callback_answers()[0]["text"] == "Жамбыл"
    with pytest.raises(ValueError, match="no button"):
        fake.press_button(CHAT, sent.message_id, "r:almaty")


async def test_inline_answers_are_checked(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.inline_query("жамбыл")
    [update] = await bot.get_updates(allowed_updates=["inline_query"])
    assert update.inline_query is not None

    def article(i: int, text: str) -> InlineQueryResultArticle:
        content = InputTextMessageContent(message_text=text, parse_mode="HTML")
        return InlineQueryResultArticle(id=str(i), title="Жамбыл", input_message_content=content)

    with pytest.raises(TelegramBadRequest, match="RESULTS_TOO_MUCH"):
        await bot.answer_inline_query(update.inline_query.id, [article(i, "ok") for i in range(51)])
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.answer_inline_query(update.inline_query.id, [article(1, "a <br> b")])
    await bot.answer_inline_query(
        update.inline_query.id, [article(1, "<b>165</b>")], next_offset="10"
    )

    assert fake_telegram.inline_answers()[0]["next_offset"] == "10"
    assert len(fake_telegram.violations) == 2


async def test_commands_are_checked_and_kept_per_language(
    fake_telegram: FakeTelegram, bot: Bot
) -> None:
    await bot.set_my_commands(
        [BotCommand(command="zhambyl", description="Жамбыл облысы")], language_code="kk"
    )
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Almaty", description="Алматы")])

    assert [c.command for c in await bot.get_my_commands(language_code="kk")] == ["zhambyl"]
    assert await bot.get_my_commands() == []
    assert len(fake_telegram.violations) == 1


@pytest.mark.parametrize(
    ("html", "visible"),
    [
        ("<b>a</b> &amp; <i>b</i> &lt;c&gt; &quot;d&quot; &#1241; &#x4d9;", 'a & b <c> "d" ә ә'),
        ('<a href="https://baq.kz/?a=1&amp;b=2">BAQ</a> > ok', "BAQ > ok"),
        ('<a href="https://baq.kz/?a=1&b=2">&amp;</a>', "&"),  # hrefs: aiogram doesn't escape
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        (
            '<blockquote expandable>дәйексөз</blockquote><span class="tg-spoiler">s</span>',
            "дәйексөзs",
        ),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><tg-time unix="1">t</tg-time>',
            "👍t",
        ),
    ],
)
def test_html_checker_accepts_telegram_html(html: str, visible: str) -> None:
    assert visible_text(html) == visible


@pytest.mark.parametrize(
    ("html", "description"),
    [
        ("a <br/> b", 'Unsupported start tag "br/" at byte offset 2'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("AT&T", 'Unsupported HTML entity "&T" at byte offset 2'),
        ("a & b", "Character '&' is reserved"),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("<b>a", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>a</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("a</b>", "Unexpected end tag at byte offset 1"),
        (
            "<blockquote>a<blockquote>b</blockquote></blockquote>",
            "Blockquote entities can't be nested",
        ),
        ("<code><b>a</b></code>", 'Entity "b" can\'t be nested in "code"'),
        ("<span>a</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("ә<b", "Unclosed start tag at byte offset 2"),
    ],
)
def test_html_checker_refuses_what_telegram_refuses(html: str, description: str) -> None:
    with pytest.raises(HtmlError) as refused:
        visible_text(html)
    assert description in refused.value.description


def test_entity_offsets_are_utf16() -> None:
    text, entities = parse_html("👍 <b>ok</b>")
    assert text == "👍 ok"
    assert entities == [{"type": "bold", "offset": 3, "length": 2}]


async def test_a_polling_dispatcher_talks_to_the_fake(fake_telegram: FakeTelegram) -> None:
    from aiogram import Dispatcher
    from aiogram.types import Message

    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(f"<i>{message.text}</i>", parse_mode="HTML")

    bot = make_bot(fake_telegram.base_url)
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=10)
    )
    await fake_telegram.wait_until_polling()
    update_id = fake_telegram.user_text("Жамбыл", chat_id=5)

    [reply] = await fake_telegram.wait_for_messages(5, 1)
    assert reply.plain == "Жамбыл"
    await fake_telegram.wait_until(lambda: fake_telegram.confirmed_offset == update_id + 1)
    await dispatcher.stop_polling()
    await asyncio.wait_for(polling, 2)
    fake_telegram.assert_no_violations()


async def test_two_pollers_at_once_conflict(fake_telegram: FakeTelegram, bot: Bot) -> None:
    from aiogram.exceptions import TelegramConflictError

    abandoned = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    abandoned.cancel()  # a bot that stopped mid-poll: no conflict with its successor
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    fake_telegram.user_text("сәлем")

    with pytest.raises(TelegramConflictError):
        await first
    assert len(await second) == 1
    assert [c.status for c in fake_telegram.calls_to("getUpdates")] == [409, 409, 200]
    assert fake_telegram.violations == ["getUpdates: two getUpdates requests at once"]
