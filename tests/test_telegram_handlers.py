"""Handlers, fed updates directly (`dispatcher.feed_update`) with a recording session.

Each test plays a user and checks what the bot sends back: texts, buttons, what it logs.
Every request is checked against Telegram's limits and HTML rules as it is made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.models import Context
from bot.telegram.callbacks import FeedbackCb, LangCb, MoreCb, RegionCb, SuggestCb, SummaryCb
from tests.botapi.html_check import visible_text
from tests.telegram_helpers import (
    ADMIN_ID,
    BOT_USERNAME,
    Harness,
    inline_update,
    make_harness,
    message_update,
)


@pytest.fixture
def h(tmp_path: Path) -> Harness:
    return make_harness(tmp_path)


def answered_once(h: Harness) -> None:
    """Every button press got exactly one answerCallbackQuery."""
    ids = [c.params["callback_query_id"] for c in h.session.of("answerCallbackQuery")]
    assert len(ids) == len(set(ids))


async def test_start_greets_in_the_users_language_with_regions_and_examples(h: Harness) -> None:
    await h.say("/start", language_code="ru")
    sent = h.session.last_sent()
    assert "Здравствуйте!" in sent.params["text"]
    assert "Жамбылская область (2)" in visible_text(sent.params["text"])
    data = h.data()
    assert RegionCb(r="zhambyl").pack() in data and RegionCb(r="kazakhstan").pack() in data
    examples = [d for d in data if d.startswith("g:")]
    assert 2 <= len(examples) <= 3
    # Example labels are questions (plain text), the data only a number.
    assert all(len(d.encode()) <= 64 for d in data)


async def test_start_without_language_code_is_kazakh_and_english_stays_english(h: Harness) -> None:
    await h.say("/start", language_code=None)
    assert "Сәлеметсіз бе!" in h.session.last_sent().params["text"]
    await h.say("/start", chat_id=2, language_code="en-GB")
    assert "Hello!" in h.session.last_sent().params["text"]


async def test_lang_choice_sticks_per_chat(h: Harness) -> None:
    await h.say("/lang")
    assert h.data() == [LangCb(l=c).pack() for c in ("kk", "ru", "en")]
    await h.press(LangCb(l="en").pack())
    edited = h.session.of("editMessageText")[-1]
    assert "English" in edited.params["text"]
    await h.say("/start", language_code="kk")
    assert "Hello!" in h.session.last_sent().params["text"]
    # The engine gets the chosen language with every question.
    await h.say("Қанша әкім?")
    assert h.services.engine.calls[-1][1][1].language == "en"
    # Another chat is not affected.
    await h.say("/start", chat_id=5, language_code="kk")
    assert "Сәлеметсіз бе!" in h.session.last_sent().params["text"]
    answered_once(h)


async def test_a_question_is_answered_with_buttons_and_logged(h: Harness) -> None:
    await h.say("Жамбылда қанша ауыл әкімі сайланды?")
    sent = h.session.last_sent()
    assert sent.params["text"].startswith("<b>165</b> [kk]")
    data = h.data()
    assert MoreCb(a=1).pack() in data
    assert SummaryCb(k=1).pack() in data  # the first fact's article
    assert "o:1" in data  # another region
    assert FeedbackCb(a=1, v=1).pack() in data and FeedbackCb(a=1, v=-1).pack() in data
    assert [q[1].question for q in h.services.store.questions] == [
        "Жамбылда қанша ауыл әкімі сайланды?"
    ]
    assert h.services.store.questions[0][0] == "telegram"


async def test_follow_up_gets_the_previous_question_in_its_context(h: Harness) -> None:
    await h.say("Жамбылда қанша ауыл әкімі сайланды?")
    await h.say("Ал Алматы облысында ше?")
    question, context = h.services.engine.calls[-1][1]
    assert question == "Ал Алматы облысында ше?"
    assert context.last_question == "Жамбылда қанша ауыл әкімі сайланды?"
    assert context.shown == (11,)


async def test_context_survives_a_new_dispatcher_with_the_sqlite_storage(tmp_path: Path) -> None:
    from bot.telegram.storage import SQLiteStorage

    storage = await SQLiteStorage.open(tmp_path / "bot.sqlite3")
    first = make_harness(tmp_path, storage=storage)
    await first.say("/zhambyl")
    await first.say("Қанша әкім?")
    await storage.close()

    storage = await SQLiteStorage.open(tmp_path / "bot.sqlite3")
    second = make_harness(tmp_path, storage=storage)
    await second.say("Тағы бір сұрақ?")
    _, context = second.services.engine.calls[-1][1]
    assert context.region == "zhambyl"
    assert context.last_question == "Қанша әкім?"
    await storage.close()


async def test_more_sends_one_follow_up_and_removes_its_button(h: Harness) -> None:
    await h.say("Қанша әкім?")
    answer = h.session.last_sent()
    h.session.clear()
    await h.press(MoreCb(a=1).pack(), message=answer)
    assert len(h.session.sent()) == 1
    assert h.session.last_sent().params["text"].startswith("Тағы:")
    edit = h.session.of("editMessageReplyMarkup")[-1]
    assert "m:1" not in str(edit.params.get("reply_markup"))
    assert len(h.session.of("answerCallbackQuery")) == 1
    follow_up = h.session.last_sent()
    # The follow-up's feedback belongs to the same question.
    assert FeedbackCb(a=2, v=1).pack() in h.data(follow_up)
    assert len(h.services.store.questions) == 1

    # Pressing "more" until nothing is left: a short note, no message.
    await h.press(MoreCb(a=2).pack(), message=follow_up)
    last = h.session.last_sent()
    assert MoreCb(a=3).pack() not in h.data(last)  # the engine said nothing more is left
    h.session.clear()
    await h.press(MoreCb(a=3).pack(), message=last)
    assert h.session.sent() == []
    note = h.session.of("answerCallbackQuery")[-1].params.get("text", "")
    assert "дерек жоқ" in note
    answered_once(h)


async def test_feedback_is_stored_with_the_question_id_and_buttons_go(h: Harness) -> None:
    await h.say("Қанша әкім?")
    answer = h.session.last_sent()
    await h.press(FeedbackCb(a=1, v=-1).pack(), message=answer)
    assert h.services.store.feedback == [(1, -1)]
    assert "Рақмет" in h.session.of("answerCallbackQuery")[-1].params["text"]
    markup = h.session.of("editMessageReplyMarkup")[-1].params.get("reply_markup")
    assert "f:" not in str(markup)


async def test_unknown_question_offers_suggestions_by_number(h: Harness) -> None:
    await h.say("unknown thing")
    data = [d for d in h.data() if d.startswith("g:")]
    labels = [b["text"] for b in h.buttons() if b["callback_data"].startswith("g:")]
    assert labels == ["Қанша ауыл әкімі сайланды?", "Who spoke at the <forum> & why?"]
    assert data == [SuggestCb(i=1).pack(), SuggestCb(i=2).pack()]
    await h.press(data[1])
    question, _ = h.services.engine.calls[-1][1]
    assert question == "Who spoke at the <forum> & why?"
    text = h.session.last_sent().params["text"]
    assert "&lt;forum&gt; &amp; why?" in text  # the quoted question is escaped
    answered_once(h)


async def test_old_suggestion_buttons_keep_their_own_question(h: Harness) -> None:
    await h.say("unknown one")
    first = h.session.last_sent()
    await h.say("/start")  # offers other questions
    await h.press(SuggestCb(i=1).pack(), message=first)
    assert h.services.engine.calls[-1][1][0] == "Қанша ауыл әкімі сайланды?"


async def test_another_region_reasks_the_same_question_there(h: Harness) -> None:
    await h.say("Қанша әкім?")
    answer = h.session.last_sent()
    await h.press("o:1", message=answer)
    markup = h.session.of("editMessageReplyMarkup")[-1].params["reply_markup"]
    choices = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    assert "q:1:almaty" in choices and "q:1:kazakhstan" in choices
    assert "o:1" not in choices and "m:1" in choices  # the other buttons stay
    await h.press("q:1:almaty", message=answer)
    question, context = h.services.engine.calls[-1][1]
    assert (question, context.region) == ("Қанша әкім?", "almaty")
    assert "Алматы облысы" in h.session.last_sent().params["text"]
    answered_once(h)


async def test_summary_button_sends_the_article_summary(h: Harness) -> None:
    await h.say("/sources")
    assert h.data() == [SummaryCb(k=a).pack() for a in (1, 2, 3, 4)]
    await h.press(SummaryCb(k=1).pack())
    assert "Summary A &amp; &lt;b&gt;" in h.session.last_sent().params["text"]
    await h.press(SummaryCb(k=99).pack())  # an article that is gone
    assert "ескірді" in h.session.of("answerCallbackQuery")[-1].params["text"]


async def test_region_command_shows_overview_and_sets_the_region(h: Harness) -> None:
    await h.say("/almaty")
    assert "Алматы облысы" in h.session.last_sent().params["text"]
    assert SummaryCb(k=3).pack() in h.data()
    await h.say("Қанша әкім?")
    assert h.services.engine.calls[-1][1][1].region == "almaty"


async def test_region_command_with_a_question_answers_inside_the_region(h: Harness) -> None:
    await h.say("/kazakhstan Қанша әкім?")
    question, context = h.services.engine.calls[-1][1]
    assert (question, context.region) == ("Қанша әкім?", "kazakhstan")
    assert "(kazakhstan)" in h.session.last_sent().params["text"]


async def test_regions_lists_counts_and_buttons(h: Harness) -> None:
    await h.say("/regions", language_code="en")
    text = visible_text(h.session.last_sent().params["text"])
    assert "Zhambyl Region: /zhambyl (2 articles)" in text
    assert h.data() == [RegionCb(r=r).pack() for r in ("zhambyl", "almaty", "kazakhstan")]
    await h.press(RegionCb(r="zhambyl").pack(), language_code="en")
    assert "Zhambyl Region" in h.session.last_sent().params["text"]


async def test_admin_commands_answer_admins_and_nobody_else(h: Harness) -> None:
    await h.say("/stats", chat_id=42)
    await h.say("/reload", chat_id=42)
    assert h.session.calls == [] and h.services.reloads == 0
    await h.say("/stats", chat_id=ADMIN_ID, language_code="en")
    assert "Statistics" in h.session.last_sent().params["text"]
    await h.say("/reload", chat_id=ADMIN_ID)
    assert h.services.reloads == 1
    assert "&lt;ok&gt;" in h.session.texts(ADMIN_ID)[-1]
    assert len(h.session.of("setMyCommands")) == 3  # the menu follows the corpus


async def test_non_text_gets_a_polite_note_and_service_messages_nothing(h: Harness) -> None:
    sticker = {
        "sticker": {
            "file_id": "x",
            "file_unique_id": "y",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        }
    }
    await h.feed(message_update(None, language_code="ru", extra=sticker))
    assert "только текст" in h.session.last_sent().params["text"]
    location = {"location": {"latitude": 43.2, "longitude": 76.9}}
    await h.feed(message_update(None, language_code="en", extra=location))
    assert "only read text" in h.session.last_sent().params["text"]
    h.session.clear()
    joined = {"new_chat_members": [{"id": 9, "is_bot": False, "first_name": "N"}]}
    await h.feed(message_update(None, chat_id=-100, chat_type="supergroup", extra=joined))
    assert h.session.calls == []


async def test_edited_question_is_answered_again(h: Harness) -> None:
    await h.feed(message_update("Қанша әкім сайланды?", edited=True))
    assert h.services.engine.calls[-1][1][0] == "Қанша әкім сайланды?"
    assert len(h.session.sent()) == 1


async def test_groups_answer_only_commands_mentions_and_replies(h: Harness) -> None:
    group = {"chat_id": -100, "chat_type": "supergroup", "user_id": 5}
    await h.say("Қанша әкім?", **group)
    await h.say("/start@other_bot", **group)
    await h.say("/foo", **group)
    assert h.session.sent() == []
    await h.say(f"@{BOT_USERNAME} Қанша әкім?", **group)
    assert h.services.engine.calls[-1][1][0] == "Қанша әкім?"
    assert h.session.last_sent().params["reply_parameters"]["message_id"] > 0
    await h.say("Ал Алматыда?", reply_to_bot=True, **group)
    assert h.services.engine.calls[-1][1][0] == "Ал Алматыда?"
    await h.say(f"/start@{BOT_USERNAME}", **group)
    assert "Сәлеметсіз бе!" in h.session.last_sent().params["text"]
    await h.say(f"/zhambyl@{BOT_USERNAME}", **group)
    assert h.services.engine.calls[-1][0] == "overview"


async def test_unknown_command_in_private_points_to_help(h: Harness) -> None:
    await h.say("/nonsense", language_code="en")
    assert "/help" in h.session.last_sent().params["text"]
    assert h.services.engine.calls == []


async def test_inline_mode_offers_facts_with_sources(h: Harness) -> None:
    await h.feed(inline_update("Қанша әкім?"))
    answer = h.session.of("answerInlineQuery")[-1].params
    results = answer["results"]
    assert 1 <= len(results) <= 10
    assert len({r["id"] for r in results}) == len(results)
    first = results[0]["input_message_content"]["message_text"]
    assert "165 ауыл әкімі" in first and "&lt;b&gt;" in first  # the sentence is escaped
    assert "BAQ.KZ" in first and "2025-11-28" in first
    await h.feed(inline_update(""))
    assert h.session.of("answerInlineQuery")[-1].params["results"] == []


async def test_long_answers_are_split_with_the_keyboard_last(h: Harness) -> None:
    await h.say("long answer please")
    sent = h.session.sent()
    assert len(sent) >= 3
    assert all(len(visible_text(c.params["text"])) <= 4096 for c in sent)
    assert all("reply_markup" not in c.params for c in sent[:-1])
    assert "reply_markup" in sent[-1].params


async def test_stale_or_forged_buttons_are_still_answered(h: Harness) -> None:
    await h.say("/help")
    for data in ("m:999", "f:999:1", "q:999:almaty", "g:999", "r:nowhere", "zzz", "l:xx"):
        await h.press(data)
    answers = h.session.of("answerCallbackQuery")
    assert len(answers) == 7
    assert all("ескірді" in a.params.get("text", "ескірді") for a in answers)
    answered_once(h)


async def test_help_uses_the_engine_help(h: Harness) -> None:
    await h.say("/help", language_code="ru")
    assert h.session.last_sent().params["text"] == "<b>help</b> [ru]"


async def test_question_is_served_when_the_log_is_read_only(h: Harness) -> None:
    h.services.store.writable = False
    await h.say("Қанша әкім?")
    assert "f:" not in str(h.data())  # no feedback without a question id
    assert h.session.last_sent().params["text"].startswith("<b>165</b>")


async def test_chat_memory_holds_only_the_context_and_short_ids(h: Harness) -> None:
    await h.say("unknown x")
    key_data = await h.dispatcher.fsm.get_context(h.bot, chat_id=1, user_id=1).get_data()
    assert Context.from_dict(key_data["ctx"]).last_question == "unknown x"
    assert set(key_data) <= {"ctx", "ans", "n", "sug", "sn"}


async def test_a_failing_engine_gets_an_apology_not_silence(h: Harness) -> None:
    def broken(question: str, context: Context | None = None) -> None:
        raise RuntimeError("engine bug")

    h.services.engine.answer = broken  # type: ignore[method-assign,assignment]
    await h.say("Қанша әкім?", language_code="en")
    assert "something went wrong" in h.session.last_sent().params["text"]
    await h.say("Қанша әкім?", chat_id=-100, chat_type="supergroup", reply_to_bot=True)
    assert len(h.session.sent()) == 1  # a group is not told about failures
