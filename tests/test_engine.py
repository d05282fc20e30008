"""The answer engine as a person meets it: the reply a question gets."""

from __future__ import annotations

import pytest

from bot.corpus.models import Language
from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.engine.numbers import percents_asked
from bot.text.fold import folded_words


def test_kazakh_question_gets_the_figure_the_quote_and_the_source(engine: Engine) -> None:
    answer = engine.answer("Жамбыл облысында қанша ауыл әкімі сайланды?")
    assert answer.language == "kk"
    assert answer.region == "zhambyl"
    assert "165 ауыл әкімі сайланды" in answer.facts[0].text
    assert "<b>165</b>" in answer.reply
    assert "<blockquote>" in answer.reply
    assert "Дереккөз" in answer.reply


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("канша ауыл экими сайланды жамбылда", "kk"),
        ("jambyl oblysynda qanşa auyl äkımı saılandy", "kk"),
        # the 2018 Latin alphabet (acutes), and the same as a phone may send it: letters
        # followed by combining accents
        ("Jambyl oblysynda qansha aýyl ákimi saılandy", "kk"),
        ("Jambyl oblysynda qansha aýyl ákimi saılandy".replace("á", "a\u0301"), "kk"),
        ("Сколько сельских акимов избрано в Жамбылской области?", "ru"),
        ("How many village akims were elected in Zhambyl region?", "en"),
    ],
)
def test_every_way_of_asking_reaches_the_same_fact(
    engine: Engine, question: str, language: str
) -> None:
    answer = engine.answer(question)
    assert answer.language == language
    assert answer.facts, answer.reply
    assert "165 ауыл әкімі" in answer.facts[0].text


def test_reply_frames_in_the_askers_language_and_quotes_in_kazakh(engine: Engine) -> None:
    answer = engine.answer("How many village akims were elected in Zhambyl region?")
    assert "Source" in answer.reply
    assert "ауыл әкімі" in answer.reply


def test_country_wide_question_uses_the_country_article(engine: Engine) -> None:
    answer = engine.answer("еліміз бойынша қанша ауыл әкімі сайланды")
    assert "2334" in answer.facts[0].text
    assert answer.facts[0].region == "kazakhstan"


def test_region_without_articles_is_refused_without_borrowing_a_fact(engine: Engine) -> None:
    answer = engine.answer("Қостанай облысында қанша ауыл әкімі сайланды?")
    assert answer.facts == []
    assert "Қостанай" in answer.reply
    assert "/zhambyl" in answer.reply


def test_out_of_corpus_question_gets_no_fact_and_suggestions(engine: Engine) -> None:
    answer = engine.answer("Алматыда ертең ауа райы қандай болады?")
    assert answer.facts == []
    assert answer.suggestions
    for suggestion in answer.suggestions:
        assert engine.answer(suggestion).facts, suggestion


def test_a_kazakh_word_spelt_like_an_english_stopword_keeps_its_meaning(engine: Engine) -> None:
    # "ән" (song) folds to "an", an English stopword: dropped, the question would be about
    # the gathering alone and get the forum's sentence.
    assert engine.answer("депутаттар жиынында қандай ән орындалды").facts == []


def test_region_context_scopes_a_question(engine: Engine) -> None:
    answer = engine.answer("канша ауыл экими сайланды", Context(region="almaty"))
    assert answer.region == "almaty"
    assert answer.facts and answer.facts[0].region == "almaty"


def test_follow_up_reasks_the_previous_question_for_another_region(engine: Engine) -> None:
    first = engine.answer("Жамбыл облысында ауыл әкімдерінің неше пайызы AMANAT мүшесі?")
    follow = engine.answer("Ал Алматы облысында ше?", first.context)
    assert follow.region == "almaty"
    assert follow.facts and follow.facts[0].region == "almaty"
    assert "74%" in follow.facts[0].text


def test_more_gives_the_next_fact_not_the_same_one(engine: Engine) -> None:
    first = engine.answer("Жамбыл облысында қанша ауыл әкімі сайланды?")
    again = engine.answer("тағы", first.context)
    assert again.facts
    assert again.facts[0].sentence_id != first.facts[0].sentence_id


@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        ("сәлем", "greeting", "kk"),
        ("привет!", "greeting", "ru"),
        ("hi", "greeting", "en"),
        # Also thanks in Russian as spoken in Kazakhstan: alone, it is Kazakh.
        ("рахмет", "thanks", "kk"),
        ("rakhmet", "thanks", "kk"),
        ("спасибо!", "thanks", "ru"),
        ("что ты умеешь?", "help", "ru"),
        ("help", "help", "en"),
        # An OK and what is thanked for ("за ответ", a word the lexicon reads as two article
        # words) are no question.
        ("ок, спасибо за подробный ответ", "thanks", "ru"),
        ("okay, thanks for your help", "thanks", "en"),
        ("жауабыңызға рахмет", "thanks", "kk"),
        # "What can you do?" as "what comes from your hand", typed without Kazakh letters.
        ("бот, сенин колыннан не келеди", "help", "kk"),
        # Goodbyes close the conversation like a thanks ("кош бол" got three facts).
        ("кош бол", "thanks", "kk"),
        ("ну пока", "thanks", "ru"),
        ("до свидания!", "thanks", "ru"),
        ("goodbye", "thanks", "en"),
        # Asked what the bot is ("ты бот?" read "ты" as the English "ty", thank you).
        ("ты бот?", "help", "ru"),
        ("чем можешь помочь?", "help", "ru"),
        ("what is your purpose", "help", "en"),
        ("сен бот па", "help", "kk"),
    ],
)
def test_small_talk_is_not_mistaken_for_a_question(
    engine: Engine, text: str, intent: str, language: str
) -> None:
    answer = engine.answer(text)
    assert answer.intent == intent
    assert answer.facts == []
    assert answer.language == language


def test_kazakh_typed_without_its_letters_is_kazakh_though_akim_is_a_russian_word_too(
    engine: Engine,
) -> None:
    # "экими" folds as Russian "акимы" does: no sign of either language.
    answer = engine.answer("алматы облысынын экими ким")
    assert answer.language == "kk"
    assert "Марат Сұлтанғазиев" in answer.facts[0].text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("кто такой Тоқаев", "ru"),
        ("что сказал Сұлтанғазиев на форуме", "ru"),
        ("Тоқаев кім", "kk"),
        ("Қонаевта не болды", "kk"),
        ("тоқаев кто", "kk"),  # a name typed lowercase is no name to tell apart
    ],
)
def test_a_russian_question_naming_a_kazakh_name_is_answered_in_russian(
    engine: Engine, text: str, language: str
) -> None:
    assert engine.answer(text).language == language


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "???"])
def test_empty_text_gets_a_hint(engine: Engine, text: str) -> None:
    answer = engine.answer(text)
    assert answer.facts == []
    assert answer.reply


@pytest.mark.parametrize(
    ("text", "asks_more", "example_word"),
    [
        ("кім?", "толығырақ", "кім"),
        ("сколько", "Уточните", "Сколько"),
        ("who", "say a little more", "Who"),
    ],
)
def test_a_question_word_alone_asks_for_more_with_a_like_example(
    engine: Engine, text: str, asks_more: str, example_word: str
) -> None:
    answer = engine.answer(text)
    assert answer.facts == []
    assert asks_more in answer.reply
    example = answer.reply.split("<i>")[1]
    assert example_word in example  # "кім?" gets an example that asks "кім"


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("kk", "Жамбыл облысы</b>: 2 мақала."),
        ("ru", "Жамбылская область</b>: 2 статьи."),
        ("en", "Zhambyl Region</b>: 2 articles."),
    ],
)
def test_a_region_overview_counts_its_articles_in_words_of_the_language(
    engine: Engine, language: Language, heading: str
) -> None:
    assert heading in engine.overview("zhambyl", language=language).reply


def test_a_region_command_mid_conversation_keeps_the_conversation_language(
    engine: Engine,
) -> None:
    asked = engine.answer("сколько школ построили в жамбылской области")
    assert "статьи" in engine.answer("/almaty", asked.context).reply
    assert "статьи" in engine.answer("жамбыл", asked.context).reply


def test_region_overview_lists_articles_and_sets_the_context(engine: Engine) -> None:
    answer = engine.overview("almaty", language="ru")
    assert answer.context.region == "almaty"
    assert "Алматы облысында ауыл әкімдерінің алғашқы форумы өтті" in answer.reply
    assert answer.facts


def test_every_example_question_is_answered(engine: Engine) -> None:
    for region, _count in engine.regions_with_articles():
        for language in ("kk", "ru", "en"):
            for question in engine.example_questions(language, region.id):
                assert engine.answer(question).facts, (region.id, question)


def test_when_without_a_year_in_the_lead_answers_with_the_article_date(engine: Engine) -> None:
    answer = engine.answer("когда Токаев выступил перед сельскими акимами")
    assert "диалог-платформасында сөз сөйледі" in answer.facts[0].text
    assert "<b>28.11.2025</b>" in answer.reply.split("\n")[0]


def test_a_number_the_question_gives_is_not_its_answer(engine: Engine) -> None:
    answer = engine.answer("Жамбылда сайланған 165 әкімнің нешеуі аманаттық?")
    assert "154-і" in answer.facts[0].text


def test_the_deputy_does_not_answer_who_the_akim_is(engine: Engine) -> None:
    answer = engine.answer("Жамбыл облысының әкімі кім?")
    assert not any("Мәдібек" in (f.highlight or "") for f in answer.facts)


def test_summary_is_an_overview_not_an_amount(engine: Engine) -> None:
    assert engine.answer("give me a summary of the Almaty deputies forum").intent == "overview"


def test_help_with_question_words_around_it_is_help(engine: Engine) -> None:
    answer = engine.answer("маған не сұрауға болатынын айтшы")
    assert answer.intent == "help"
    assert answer.facts == []


def test_fit_cuts_a_long_reply_at_a_line_within_telegrams_count() -> None:
    from bot.engine.reply import fit
    from bot.text.markup import visible_length

    # 📰 is two UTF-16 units for Telegram: 3,000 of them are 6,000, over the limit.
    text = "\n".join(f"<b>{n}</b> 📰" for n in range(1500))
    cut = fit(text)
    assert cut.endswith("\n…")
    assert visible_length(cut) <= 4096
    assert visible_length(cut) > 4000


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # "Негізгі мақсат – ... нығайту. Өйткені ...": the "because" after an aim is the reason.
        ("почему нужно укреплять сотрудничество депутатов и акимата", "Өйткені депутаттар"),
        # "... стратегиялық маңызы бар мәселе. Себебі ...": a sentence with its reason beside
        # it answers "неге" before one that only repeats the question's words.
        ("токаев ауыл неге манызды дейди", "Себебі халқымыздың тамыры"),
    ],
)
def test_why_question_gets_the_reason_next_to_the_sentence(
    engine: Engine, question: str, reason: str
) -> None:
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert answer.facts[0].text.startswith(reason)


def test_overview_opens_with_the_news_lead_not_a_subtitle(engine: Engine) -> None:
    # The deputies' forum article opens with a subtitle-like line; its lead is the "Бүгін ..."
    # sentence after it.
    answer = engine.answer("Алматы облысындағы депутаттар форумы туралы айтып беріңізші")
    assert answer.intent == "overview"
    assert answer.facts[0].text.startswith("Бүгін Алматы облысы бойынша")
    assert answer.context.shown == (answer.facts[0].sentence_id,)


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        # The speaker is named before the quotation opens ("... Қанатбек Мәдібек ... тоқталды.
        # «Бұл – ... серіктестердің кездесуі.") ...
        ("Мәдібек форумды қалай сипаттады, кімдердің кездесуі деді", "серіктестердің кездесуі"),
        ("мәдібек әр әкімнің рөлі туралы не айтты", "шешуші рөл атқаратынын"),
        # ... or a speech without quotation marks runs back to him ("..., - деді ол.").
        ("what did Tokayev say should be done with the akims' proposals", "ескеру қажет"),
        # ... or by office, when the question asks what was said ("облыс әкімі ... деді").
        ("облыс әкімі ауыл әкімдеріне не беруге міндеттіміз деді", "Біздің міндетіміз"),
        # His quotation beats the line that names him and shares the question's words.
        ("ауыл әкімі қандай басшы болуы керек, Сұлтанғазиевтің пікірі", "Ауыл әкімдері тек"),
    ],
)
def test_what_a_person_said_is_found_in_their_quotation(
    engine: Engine, question: str, quoted: str
) -> None:
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert quoted in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "place"),
    [
        # "в каких районах" asks where; a list of districts answers it.
        ("в каких районах прошли выездные приемы граждан", "Байзақ, Жамбыл, Жуалы"),
        # ... and beats "өңірдің барлық аудандарында" (a place noun, no name) for "where".
        ("where were the mobile public receptions held in Zhambyl", "Байзақ, Жамбыл, Жуалы"),
        # "қай ауылдың әкімі": a name before the asked kind of place, in any case.
        ("Қасымшалов қай ауылдың әкімі", "Ақсеңгір ауылдық округінің"),
        # "қайдан" names no kind of place: "ауылдан" answers it.
        ("коп белгили адамдар кайдан шыккан дейди мадибек", "ауылдан шыққан"),
    ],
)
def test_where_question_gets_the_sentence_naming_the_place(
    engine: Engine, question: str, place: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == "where"
    assert answer.facts, answer.reply
    assert place in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("депутаттар форумы қайда өтті", "Қонаевта"),
        ("where did the deputies forum take place", "Қонаевта"),
        ("Қасымшалов қай ауылдың әкімі", "Ақсеңгір ауылдық"),
    ],
)
def test_where_is_answered_with_the_place_first_and_bold(
    engine: Engine, question: str, place: str
) -> None:
    answer = engine.answer(question)
    first_line = answer.reply.split("\n")[0]
    assert first_line.startswith(f"<b>{place}</b>"), answer.reply
    assert f"<b>{place}</b>" in answer.reply.split("\n")[1]  # and bold in the quote


def test_which_city_is_not_answered_by_a_village_or_a_platform(engine: Engine) -> None:
    # The articles name no city for the president's meeting: "диалог-платформасында" is no
    # city.
    answer = engine.answer("in which city was Tokayev's dialogue platform with village akims held")
    assert answer.facts == []


@pytest.mark.parametrize(
    "question",
    [
        # The Zhambyl articles name the akim's deputy and the party's secretary, not the akim.
        "Жамбыл облысының әкімі кім?",
        # The prosecutor takes part in a session, unnamed.
        "Jambyl oblysy prokurory kım",
        # "кто возглавляет": the head of the maslikhat is named nowhere.
        "кто возглавляет маслихат Жамбылской области",
    ],
)
def test_who_holds_an_office_is_refused_when_no_holder_is_named(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.facts == [], answer.facts[0].text


def test_who_holds_an_office_gets_the_person_holding_it(engine: Engine) -> None:
    answer = engine.answer("кто аким Алматинской области")
    assert answer.facts, answer.reply
    assert "Марат Сұлтанғазиев" in answer.facts[0].text
    # "кім келді" from an office is not a question about who holds it.
    answer = engine.answer("жамбылдагы жиынга облыс экимдигинен ким келди")
    assert answer.facts, answer.reply
    # "филиалын кім басқарады": the branch's chairman heads it.
    answer = engine.answer("аманат жамбыл филиалын ким баскарады")
    assert "филиалының төрағасы Дауыл Бейсенқұлов" in answer.facts[0].text


def test_which_city_is_refused_when_no_city_is_named(engine: Engine) -> None:
    # The Zhambyl forum's article names no city ("аймақтарда ... форумдарын өткізіп" is not one).
    answer = engine.answer("Жамбылдағы ауыл әкімдері форумы қай қалада өтті")
    assert answer.facts == [], answer.facts[0].text
    # A plain "where" still takes a place noun: "диалог-платформасында".
    answer = engine.answer("Тоқаев ауыл әкімдеріне қайда сөз сөйледі")
    assert "диалог-платформасында" in answer.facts[0].text


def test_a_named_persons_thing_is_not_answered_by_other_peoples(engine: Engine) -> None:
    # "Олардың орташа жасы – 43 жас" (in Tokayev's speech) is the new akims' age, not his.
    answer = engine.answer("Тоқаевтың жасы нешеде")
    assert answer.facts == [], answer.facts[0].text
    # Said by him ("сөзінше", "айтуынша"), his quotation still answers.
    answer = engine.answer("токаев ауыл неге манызды дейди")
    assert answer.facts, answer.reply


@pytest.mark.parametrize(
    "question",
    [
        # "what ... about, in short": an overview, not a "which" question.
        "what was the Konaev forum of party deputies about, in short",
        # The deputies' article has the most sentences on "форум депутатов маслихатов", though
        # another article's one sentence shares as many words.
        "кратко про первый форум депутатов маслихатов от Аманата",
    ],
)
def test_overview_tells_the_article_the_question_is_about(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "overview"
    assert "мәслихат депутаттарының I өңірлік форумы" in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "answer_text"),
    [
        # The deputies are named in the article's title and lead, not in the sentence.
        ("депутаттар форумында кім қорытынды жасады", "Форумның ашылуында сөз алған"),
        ("what was the purpose of the first rural akims forum in Almaty region", "Шараның мақсаты"),
    ],
)
def test_the_articles_topic_counts_for_its_sentences(
    engine: Engine, question: str, answer_text: str
) -> None:
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert answer.facts[0].text.startswith(answer_text)


def test_asked_what_a_thing_is_called_the_quoted_name_answers(engine: Engine) -> None:
    # «Халықпен бірге!» сайлауалды бағдарламасы: the name in quotation marks, followed by the
    # thing asked about, beats sentences that only mention the programme.
    answer = engine.answer("partiianyn sailaualdy bagdarlamasy qalai atalady")
    assert answer.facts, answer.reply
    assert "«Халықпен бірге!»" in answer.facts[0].text


def test_which_month_is_not_answered_by_a_year(engine: Engine) -> None:
    # "2021 жылдан бері" gives a year; the month of the next election is stated nowhere.
    answer = engine.answer("Жамбылда келесі әкімдер сайлауы қай айда")
    assert answer.facts == [], answer.facts[0].text
    # A month answers it: "Наурыз айынан бастап".
    answer = engine.answer("с какого месяца проводят выездные приемы в Жамбылской области")
    assert "Наурыз айынан" in answer.facts[0].text


def test_a_place_named_before_a_place_noun_must_be_in_the_answer(engine: Engine) -> None:
    # "аудандарда 153 ауылдық округ" counts all districts' rural okrugs, not Байзақ's villages.
    answer = engine.answer("Байзақ ауданында неше ауыл бар")
    assert answer.facts == [], answer.facts[0].text
    # "ауыл әкімдерін" is no place: the question is still answered.
    answer = engine.answer("Тоқаев ауыл әкімдерін сайлау туралы бастаманы қашан көтерді")
    assert "2020 жылы" in answer.facts[0].text


def test_how_much_money_is_not_answered_by_another_count(engine: Engine) -> None:
    # "150 орынға арналған «Асар» ... кешені" gives its places, not its cost.
    answer = engine.answer("how much did the Asar rehabilitation centre cost")
    assert answer.facts == [], answer.facts[0].text
    # A sum answers a money question: "8,3 миллиард теңгеге".
    answer = engine.answer("Ауыл аманаты бойынша қанша қаражат берілді")
    assert answer.facts, answer.reply
    assert "8,3 миллиард теңгеге" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "Жаңа Қазақстанды құруда депутаттардың жауапкершілігі қандай",
        "what responsibility do deputies have in building New Kazakhstan",
    ],
)
def test_new_kazakhstan_is_a_slogan_not_the_country(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.region is None
    assert answer.facts, answer.reply
    assert "«Жаңа Қазақстанды» құру жолында" in answer.facts[0].text


def test_kazakhstan_named_alone_is_still_the_country(engine: Engine) -> None:
    answer = engine.answer("Қазақстанда қанша ауыл әкімі сайланды")
    assert answer.region == "kazakhstan"
    assert "2334" in answer.facts[0].text


def test_informal_latin_gh_is_gh_letter_and_names_the_region(engine: Engine) -> None:
    # "gh" for ғ: "Taldyqorghanda" is Талдықорғанда (Zhetisu, no articles), not a word to skip.
    answer = engine.answer("Taldyqorghanda qansha auyl akimi sailandy")
    assert answer.region == "zhetisu"
    assert answer.facts == []


@pytest.mark.parametrize(
    "question",
    ["облыс әкімі ауыл әкімдеріне не береміз деді", "oblys akimi akimderge ne beremiz dedi"],
)
def test_first_person_plural_verb_meets_its_stem(engine: Engine, question: str) -> None:
    # "береміз" (we give) is the verb of "беру": -міз after a vowel is an ending.
    answer = engine.answer(question, Context(region="almaty"))
    assert answer.facts, answer.reply
    assert "әкімдерге қажетті ресурстар мен мүмкіндіктерді беру" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "Тоқаев ауыл әкімдерімен қандай алаңда кездесті",
        "prezident auyl akimderimen qai alañda kezdestı",
    ],
)
def test_alan_is_the_dialogue_platform(engine: Engine, question: str) -> None:
    # "алаң" (venue, ground) is the Kazakh word for a platform for talks.
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert "диалог-платформасында" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "Таразда, Жамбыл облысында қанша ауыл әкімі сайланды",
        "сколько сельских акимов избрали в Таразе, Жамбылская область",
    ],
)
def test_centre_named_beside_its_oblast_need_not_be_named(engine: Engine, question: str) -> None:
    # The oblast is the scope; "Таразда" only says where in it.
    answer = engine.answer(question)
    assert answer.region == "zhambyl"
    assert answer.facts, answer.reply
    assert "165 ауыл әкімі" in answer.facts[0].text


def test_centre_as_a_city_still_needs_the_city(engine: Engine) -> None:
    # Alone, or with "қаласы", the centre is the city: an oblast-wide figure does not answer.
    for question in (
        "Тараз қаласында, Жамбыл облысында қанша ауыл әкімі сайланды",
        "кто аким Тараза",
    ):
        answer = engine.answer(question)
        assert not any("165 ауыл әкімі" in f.text for f in answer.facts), answer.reply


@pytest.mark.parametrize(
    "question",
    ["облыс әкімі өзінің міндеті туралы не деді", "oblys akimi ozinin mindeti turaly ne dedi"],
)
def test_own_is_a_function_word(engine: Engine, question: str) -> None:
    # "өзінің" (his own) names nothing: the duty is what is asked.
    answer = engine.answer(question, Context(region="almaty"))
    assert answer.facts, answer.reply
    assert "Біздің міндетіміз" in answer.facts[0].text


def test_informal_latin_final_yng_is_the_genitive(engine: Engine) -> None:
    # "-nyng" for "-ның": "Qazaqstannyng" is "Қазақстанның", the country.
    answer = engine.answer("Qazaqstannyng auyl akimderi qansha sailandy")
    assert answer.region == "kazakhstan"
    assert answer.facts, answer.reply
    assert "2334" in answer.facts[0].text


def test_a_rate_the_articles_never_give_is_refused(engine: Engine) -> None:
    # "Auyl Amanaty" was keyed "amana" (its "-ty" cut as an ending after a vowel) and the loans
    # sentence answered a question about their interest rate.
    answer = engine.answer("what interest rate do Auyl Amanaty loans have")
    assert answer.facts == []


def test_to_be_in_a_party_is_membership(engine: Engine) -> None:
    # "состоят в Аманате": the members, not the count of all who were elected.
    answer = engine.answer(
        "сколько из избранных народом акимов состоят в Аманате", Context(region="zhambyl")
    )
    assert answer.facts, answer.reply
    assert "154-і" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        # "алты партияның мүшелері" (the members of six parties) counts parties; the
        # partitives "әкімдердің 154-і", "депутатының 190-і", "Оның 74%-ы" count parts of one
        # region's akims or deputies, not all the party's members.
        "сколько членов в партии Аманат",
        "сколько членов Аманата",
        # "200-ге жуық азамат депутаттыққа үміткер" counts citizens (deputyship is no
        # deputy); "округтер (... 11 аумақ ...)" counts districts.
        "how many deputies does the Zhambyl oblast maslikhat have",
        # no number at all: "... «AMANAT» партиясының мүшелері қатысты" has every word
        "қанша аманат мүшесі бар",
    ],
)
def test_a_count_of_another_thing_is_refused_with_suggestions(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.facts == [], answer.reply
    assert answer.suggestions


@pytest.mark.parametrize(
    ("question", "region", "figure"),
    [
        # The owners counted when the question counts them: members of how many parties.
        ("жаңа әкімдердің арасында неше партияның мүшелері бар", None, "алты партияның"),
        # The part of a whole the question names, or of its region's.
        ("сколько акимов члены аманата", None, "154-і"),
        ("сколько аманат в жамбыле", None, "154-і"),
        ("сколько членов в партии Аманат", "zhambyl", "154-і"),
        # A part of the whole asked ("әкімдердің 154-і – «AMANAT» партиясының мүшелері")
        # answers only when the question names what the part is.
        ("жамбылда халық неше ауыл әкімін таңдады", None, "165 ауыл әкімі"),
        ("халық таңдаған әкімдердің нешеуі аманат мүшесі", None, "154-і"),
        ("Алматы облысында халық неше әкімді сайлады", None, "122-сін"),
        # Citizens answer "how many people" in the reserve; districts in a parenthesis
        # answer "how many districts".
        ("облыста партиялық кадрлық резервте қанша адам бар", None, "200-ге жуық азамат"),
        ("депутаттарға қанша округ бекітілді", None, "153 ауылдық округ"),
    ],
)
def test_a_count_of_what_was_asked_is_still_answered(
    engine: Engine, question: str, region: str | None, figure: str
) -> None:
    answer = engine.answer(question, Context(region=region))
    assert answer.facts, answer.reply
    assert figure in answer.facts[0].text


def test_a_share_of_what_was_asked_beats_a_share_of_another_thing(engine: Engine) -> None:
    # "ауыл әкімдерінің 80%-ы «AMANAT» партиясың мүшелері" names no women; the share of
    # women is "әкім атанғандардың 4,5 пайызы – әйел азаматтары".
    answer = engine.answer("какая доля женщин среди акимов от Аманат в Жамбыле")
    assert answer.facts, answer.reply
    assert "4,5 пайызы" in answer.facts[0].text


def test_the_chairman_of_the_party_is_not_the_chairman_of_its_branch(engine: Engine) -> None:
    # "Жамбыл облыстық филиалының төрағасы" chairs the branch; the party's chairman is named.
    answer = engine.answer("аманат партиясынын торагасы ким")
    assert "Партия Төрағасы Қасым-Жомарт" in answer.facts[0].text
    # Asked of the branch, the branch's chairman still answers.
    answer = engine.answer("аманаттың жамбыл облыстық филиалының төрағасы кім")
    assert "филиалының төрағасы Дауыл Бейсенқұлов" in answer.facts[0].text


def test_who_a_named_person_is_gets_their_fullest_role(engine: Engine) -> None:
    # "облыс әкімі" in a short sentence says less than "Алматы облысының әкімі" in a long one.
    answer = engine.answer("Марат Сұлтанғазиев кім?")
    assert "Алматы облысының әкімі Марат Сұлтанғазиев" in answer.facts[0].text


def test_why_a_measure_was_taken_is_told_by_the_that_is_sentence_after_it(
    engine: Engine,
) -> None:
    # "... округтер бекітіліп берілді. Яғни депутаттар ... тығыз байланыста жұмыс істеп ..."
    answer = engine.answer("депутаттарға округтер не үшін бекітіліп берілді")
    assert "округ халқымен тығыз байланыста" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "алматы облысының әкімі кім",
        "кто аким Алматинской области",
        "who is the akim of Almaty region",
        "кто аким региона Алматы",
    ],
)
def test_who_holds_an_office_gets_the_fullest_role_not_a_district_akim(
    engine: Engine, question: str
) -> None:
    # Not "Ақсеңгір ауылдық округінің әкімі" (a rural district's akim), not the shorter
    # "облыс әкімі" when a sentence names the oblast.
    answer = engine.answer(question)
    assert "Алматы облысының әкімі Марат Сұлтанғазиев" in answer.facts[0].text


def test_what_do_you_know_about_a_topic_tells_its_article(engine: Engine) -> None:
    # "не білесің" alone asks for help; said of a topic it asks for the article.
    answer = engine.answer("алматыдағы ауыл әкімдерінің алғашқы форумы туралы не білесің")
    assert answer.intent == "overview"
    assert "бастамасымен ұйымдастырылды" in answer.facts[0].text
    assert engine.answer("не білесің").intent == "help"
    # "қалай жұмыс істейді" (how does it work) said of a topic is no overview.
    assert engine.answer("қоғамдық қабылдау бөлмелері қалай жұмыс істейді").intent != "overview"


def test_the_end_of_the_event_answers_when(engine: Engine) -> None:
    # "Іс-шара соңында ... алғыс хаттар табысталды": no date, but the time asked.
    answer = engine.answer("белсенді әкімдерге алғыс хаттар қашан табысталды")
    assert "Іс-шара соңында" in answer.facts[0].text


@pytest.mark.parametrize("question", ["тоқаев неше жаста", "сколько лет ержану жылкыбаеву"])
def test_a_number_about_a_named_person_needs_the_person_beside_it(
    engine: Engine, question: str
) -> None:
    # "Олардың орташа жасы – 43 жас" in Tokayev's speech is the new akims' age, not his.
    answer = engine.answer(question)
    assert answer.facts == [], answer.facts[0].text


def test_who_heads_a_place_is_its_akim_not_a_branch_chairman_there(engine: Engine) -> None:
    # The Zhambyl articles name the party branch's chairman, not the oblast's akim.
    answer = engine.answer("жамбыл облысын қазір кім басқарады")
    assert answer.facts == [], answer.facts[0].text
    answer = engine.answer("ақсеңгір ауылдық округін кім басқарады")
    assert "Ержан Қасымшалов" in answer.facts[0].text


def test_what_a_person_said_of_a_topic_is_their_quotation_not_the_line_naming_them(
    engine: Engine,
) -> None:
    # The line naming Байтулақов says he spoke of social networks; his quotation says what.
    answer = engine.answer("байтулаков алеуметтик желилер жайлы не деди")
    assert "негізсіз сынау" in answer.facts[0].text


def test_what_a_person_called_a_thing_is_in_their_quotation(engine: Engine) -> None:
    # The quotation covers little of the question by itself: the speaker's name is its own.
    answer = engine.answer("Мәдібек ауылды не деп атады?")
    assert "қазақтың алтын бесігі" in answer.facts[0].text
    # "по мнению": their view; their role's words ("облыс әкімі") do not match "акимы".
    answer = engine.answer("какими должны быть сельские акимы по мнению султангазиева")
    assert "көшбасшы болуы тиіс" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    ["президенттің айтуынша әкім деген кім", "президенттің пікірінше әкім дегеніміз кім"],
)
def test_what_x_is_called_is_answered_by_a_definition_not_a_person(
    engine: Engine, question: str
) -> None:
    # "Әкім – ең алдымен, халықпен тікелей жұмыс істейтін мемлекеттік қызметші." (in his
    # speech, among many sentences with "әкім"), not "Президент ... сөз сөйледі".
    answer = engine.answer(question)
    assert "мемлекеттік қызметші" in answer.facts[0].text


def test_a_name_asked_is_not_one_the_question_gives(engine: Engine) -> None:
    # «Amanat» партиясы is the asker's own word; «Халықпен бірге!» names the programme.
    answer = engine.answer("как называется предвыборная программа аманат")
    assert "«Халықпен бірге!»" in answer.facts[0].text


def test_a_sentence_saying_here_is_about_its_articles_event(engine: Engine) -> None:
    # "Ауыл әкімдерінің басым көпшілігі, яғни 80 пайызы осында." ("here": at the president's
    # meeting, which the article's lead names).
    answer = engine.answer("ауыл әкімдерінің басым көпшілігі президентпен жиынға келді ме")
    assert "80 пайызы осында" in answer.facts[0].text


def test_an_english_word_the_lexicon_knows_does_not_match_a_kazakh_look_alike(
    engine: Engine,
) -> None:
    # "salary" reaches "жалақы" through the lexicon, not "сала" (a sector) by its spelling.
    answer = engine.answer("what is the salary of village akims")
    assert answer.facts == [], answer.facts[0].text


def test_which_day_is_not_answered_by_a_month(engine: Engine) -> None:
    # "Наурыз айынан бастап" names a month; the Zhambyl forum's day is not given.
    answer = engine.answer("jambyl forumy qai kuni otti")
    assert answer.facts == [], answer.facts[0].text


def test_a_sentence_about_the_event_itself_counts_its_articles_topic(engine: Engine) -> None:
    # "Іс-шара «AMANAT» партиясының бастамасымен ұйымдастырылды" (the event: the forum its
    # article's title names).
    answer = engine.answer("Алматы облысындағы ауыл әкімдері форумы кімнің бастамасымен өтті")
    assert "бастамасымен ұйымдастырылды" in answer.facts[0].text


def test_a_named_persons_role_in_what_is_asked_answers_who_they_are_there(
    engine: Engine,
) -> None:
    # "Партия Төрағасы Қасым-Жомарт Кемелұлы Тоқаев": the party's chairman, asked of him.
    answer = engine.answer("Qasym-Jomart Toqaev partiiada kım")
    assert "Партия Төрағасы" in answer.facts[0].text


def test_a_speaker_named_without_their_office_is_still_the_office_asked(
    engine: Engine,
) -> None:
    # "Қасым-Жомарт Тоқаев «...» деп айтты" opens his second quotation; the lead calls him
    # "Президент", so "президент не дейді" reaches his words there.
    answer = engine.answer("сайланган экимдердин жумысы калай, президент не дейди")
    assert "жалпы нәтиже жаман емес" in answer.facts[0].text


def test_a_word_framing_what_was_said_is_not_asked_about(engine: Engine) -> None:
    # "по определению" frames the president's words; "Әкім – ... мемлекеттік қызметші."
    answer = engine.answer("сельский аким — это кто, по определению президента")
    assert "мемлекеттік қызметші" in answer.facts[0].text


def test_what_is_written_about_one_thing_in_an_article_quotes_it(engine: Engine) -> None:
    # The oncology centre is one sentence of a Zhambyl article, not its topic.
    answer = engine.answer("что пишут про онкологический центр в Таразе")
    assert answer.intent == "about"
    assert "Тараз қаласында 200 орынға" in answer.facts[0].text
    # The forum the article is about still gets the article.
    assert engine.answer("что пишут про форум акимов в Жамбыле").intent == "overview"


def test_a_word_the_articles_use_is_not_a_name_because_a_name_begins_like_it(
    engine: Engine,
) -> None:
    # "new" reaches "жаңа"; "Жанар" (a first name) shares its first letters. The word is not
    # a person's name, so nothing is searched as that person's quotation.
    ranker = engine.ranker
    assert "jana" in engine.index.key_ids
    known = dict(ranker._names)
    ranker._names["janar"] = True  # as at 20,000 articles, where "Жанар" is a name
    try:
        assert not ranker._names_a_person({"jana": 1.0, "janar": 0.9})
        assert ranker._names_a_person({"madibek": 1.0})
    finally:
        ranker._names.clear()
        ranker._names.update(known)


def test_a_near_form_does_not_drop_a_consonant_inside_a_word(engine: Engine) -> None:
    # "карта" (map) is not "қарай" (towards): the GDP plan "жыл соңына қарай ... 4,6
    # триллион теңгеге" is no sum of the road map.
    answer = engine.answer("what is the money of the road map")
    assert "342,4 млрд" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    ["сколько денег в дорожной карте Алматинской области", "қанша ақша жол картасында"],
)
def test_the_sum_asked_needs_less_of_the_question_as_its_own(engine: Engine, question: str) -> None:
    # "Қаражат көлемі 2 трлн 342,4 млрд теңге": the road map is the sentence before's; the
    # money asked ("сколько денег": the phrase's own word is what is counted) is its own.
    answer = engine.answer(question)
    assert "342,4 млрд" in answer.facts[0].text


def test_who_is_not_answered_by_a_sentence_naming_no_one(engine: Engine) -> None:
    # "Ең көп төл алған отбасы 10 миллион теңге сыйақы алады": a prize to come, no one named.
    answer = engine.answer("who got the 10 million tenge prize for livestock offspring")
    assert answer.facts == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the name of a thing: its name in quotation marks, not a person
        ("what is the name of Amanat's election programme", "«Халықпен бірге!»"),
        ("what is the Amanat election programme called", "«Халықпен бірге!»"),
        # the name of an office: its holder, not the deputy named beside the office
        ("what is the name of the Zhambyl oblast akim", None),
    ],
)
def test_a_name_asked_in_english_is_a_things_or_an_offices(
    engine: Engine, question: str, expected: str | None
) -> None:
    answer = engine.answer(question)
    if expected is None:
        assert answer.facts == []
    else:
        assert expected in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    ["how long did the village akim elections take", "как долго вводили выборы сельских акимов"],
)
def test_how_long_is_answered_by_a_number_of_years_not_of_akims(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert "5 жылдың ішінде" in answer.facts[0].text
    assert "<b>5</b>" in answer.reply


def test_what_must_be_is_told_by_a_sentence_saying_it_must(engine: Engine) -> None:
    answer = engine.answer("какими должны быть сельские акимы по словам президента")
    assert "нағыз іскер маман болуы керек" in answer.facts[0].text


def test_according_to_a_person_asks_what_they_said(engine: Engine) -> None:
    answer = engine.answer("what should a village akim be like according to Tokayev")
    assert "нағыз іскер маман болуы керек" in answer.facts[0].text


def test_a_question_word_inside_a_longer_phrase_does_not_decide_the_intent(
    engine: Engine,
) -> None:
    # "кем по профессии" asks a profession; its "кем" alone would ask for a person
    answer = engine.answer("кем по профессии избранные акимы в Жамбыле")
    assert answer.intent == "which"
    assert "кәсіп иелері" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    ["who is the chairman of the Amanat party", "кто председатель партии Аманат"],
)
def test_the_partys_chairman_asked_in_english_or_russian_is_not_a_branchs(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert "Партия Төрағасы Қасым-Жомарт" in answer.facts[0].text


def test_the_branchs_chairman_asked_in_english_is_the_branchs(engine: Engine) -> None:
    answer = engine.answer("who chairs Amanat's Zhambyl regional branch")
    assert "Дауыл Бейсенқұлов" in answer.facts[0].text


@pytest.mark.parametrize(
    "question", ["что за 41 процент", "41 пайыз деген не", "what is the 41 percent"]
)
def test_a_number_asked_as_a_share_is_read_as_one_in_every_language(question: str) -> None:
    # "percent" folds to "perkent": English shares had been read as plain numbers
    assert percents_asked(folded_words(question), {"41"}) == {41.0}


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("which city hosted the deputies forum", "where"),
        ("which village akims were elected from Amanat", "which"),
        ("какие сельские проблемы обсуждали на форуме", "which"),
        ("что область обещает дать сельским акимам", "which"),
    ],
)
def test_which_place_asked_in_english_or_russian_asks_where(
    engine: Engine, question: str, intent: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == intent
    if intent == "where":
        assert "Қонаевта өткен" in answer.facts[0].text


@pytest.mark.parametrize(
    "question", ["how many residents live in Aksengir", "Жайсан тұрғындары қанша"]
)
def test_a_number_of_another_clause_does_not_count_what_was_asked(
    engine: Engine, question: str
) -> None:
    # "үш жаңа мектеп салынғанын, сондай-ақ Жайсан мен Ақсеңгір тұрғындары ...": three
    # schools; the residents are named in the next clause with no number
    assert engine.answer(question).facts == []


def test_a_number_beside_what_was_asked_still_counts_it(engine: Engine) -> None:
    answer = engine.answer("сколько школ построили в Аксенгирском округе")
    assert "үш жаңа мектеп" in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("Мәдібек ауылды не деп атады", "🗣 <b>Қанатбек Мәдібек</b>, Жамбыл облысы әкімінің"),
        # The role from the article's lead, where the quotation's sentence gives none.
        ("what did Tokayev say about village akims", "🗣 <b>Қасым-Жомарт Тоқаев</b>, Президент:"),
    ],
)
def test_a_quotation_is_introduced_by_who_says_it(
    engine: Engine, question: str, speaker: str
) -> None:
    answer = engine.answer(question)
    assert answer.reply.startswith(speaker), answer.reply


def test_a_sentence_nobody_is_quoted_saying_is_introduced_by_the_article(engine: Engine) -> None:
    # "Ал форумда ... ардагері Асыл Байтулақов ... пікірін бөлісті": the article's own words.
    answer = engine.answer("что говорил ветеран о соцсетях")
    assert answer.facts and answer.reply.startswith("В статье сказано:"), answer.reply


def test_what_someone_called_a_thing_in_english_is_in_their_quotation(engine: Engine) -> None:
    answer = engine.answer("how did the deputy akim of Zhambyl call the village")
    assert "Ауыл – қазақтың алтын бесігі" in answer.facts[0].text


def test_the_sentence_after_the_number_a_question_gives_continues_it(engine: Engine) -> None:
    # "Сол уақыттан бері өңірде 165 ауыл әкімі сайланды. Халық таңдаған әкімдердің 154-і –
    # «AMANAT» партиясының мүшелері."
    answer = engine.answer(
        "среди 165 акимов, избранных в Жамбылской области, сколько из правящей партии Аманат"
    )
    assert "154-і" in answer.facts[0].text


def test_words_with_a_question_word_between_them_count_as_next_to_each_other(
    engine: Engine,
) -> None:
    # "депутаттарға қандай округ": "депутаттарға округтер (...) бекітіліп берілді"
    answer = engine.answer("депутаттарға қандай округ бекітілген")
    assert "153 ауылдық округ" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    ["что за форум депутатов был в алматинской области", "what kind of forum took place in Konaev"],
)
def test_what_kind_of_forum_it_was_is_told_by_its_news_lead(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "overview"
    assert "I өңірлік форумы өтті" in answer.facts[0].text


def test_who_is_answered_by_people_of_a_kind(engine: Engine) -> None:
    # "Өңірлік Жол карталарындағы барлық көрсеткіштерге жауапты депутаттар айқындалды."
    answer = engine.answer("who answers for the road map indicators")
    assert "жауапты депутаттар" in answer.facts[0].text


def test_who_organised_an_event_is_whose_initiative_it_was(engine: Engine) -> None:
    answer = engine.answer("кто организовал первый форум сельских акимов в Алматинской области")
    assert "«AMANAT» партиясының бастамасымен" in answer.facts[0].text


@pytest.mark.parametrize(
    "question", ["кого позвали на диалоговую платформу", "кімдер диалог-платформаға шақырылды"]
)
def test_who_as_a_group_is_answered_by_people_of_a_kind_as_by_a_person(
    engine: Engine, question: str
) -> None:
    # not the news lead naming the President, who was not invited but spoke
    answer = engine.answer(question)
    assert "атқарушы билік өкілдері осы жерге арнайы шақырылды" in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "what share of rural akims attended the dialogue platform with the president",
            "80 пайызы осында",
        ),
        ("для чего провели первый форум сельских акимов в Алматинской области", "Шараның мақсаты"),
    ],
)
def test_a_sentence_about_its_articles_event_is_found_and_owns_the_events_words(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert expected in answer.facts[0].text


def test_the_end_of_an_event_is_no_date_of_the_event_itself(engine: Engine) -> None:
    assert (
        engine.answer("Алматы облысындағы ауыл әкімдерінің алғашқы форумы қашан өтті").facts == []
    )


def test_how_long_an_event_lasted_is_not_answered_by_a_count_of_measures(engine: Engine) -> None:
    # "Жалпы, жол картасында көзделген 106 іс-шара ...": 106 measures, no duration
    answer = engine.answer("сколько длился форум сельских акимов в Алматинской области")
    assert answer.facts == []


@pytest.mark.parametrize(
    "question", ["how many deputies were recalled", "сколько депутатов лишили мандата"]
)
def test_how_many_is_not_answered_by_a_sentence_with_no_number(
    engine: Engine, question: str
) -> None:
    # "... рейтингі төмен депутаттардың мандаттарын кері қайтару туралы ұсыныс жасайтын болады"
    assert engine.answer(question).facts == []


def test_how_many_is_answered_by_a_share_in_words(engine: Engine) -> None:
    answer = engine.answer(
        "жаңадан сайланған әкімдердің қаншасы бұрын мемлекеттік қызметте болмаған"
    )
    assert "үштен бірі" in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how old are the elected akims", "43 жас"),
        # a named person's age is not the akims' average age
        ("how old is Marat Sultangaziev", None),
    ],
)
def test_how_old_asks_an_age(engine: Engine, question: str, expected: str | None) -> None:
    answer = engine.answer(question)
    assert answer.intent == "count"
    if expected is None:
        assert answer.facts == []
    else:
        assert expected in answer.facts[0].text


def test_a_sentence_saying_here_is_found_though_it_shares_few_words(engine: Engine) -> None:
    # "80 пайызы осында": the dialogue platform is named by the article's title, not by the
    # sentence; "осында" (here) makes the title's words its own.
    answer = engine.answer("диалог-платформада ауыл әкімдерінің қанша пайызы болды")
    assert "80 пайызы осында" in answer.facts[0].text
    assert "<b>80 пайызы</b>" in answer.reply


@pytest.mark.parametrize(
    "question", ["ардагер әкім қайда қызмет етті", "ardager akim qaida qyzmet etti"]
)
def test_the_light_verb_et_is_not_asked_about(engine: Engine, question: str) -> None:
    # "қызмет етті" (served): "қызмет" is what is asked; "етті" alone counted against every
    # answer as a word the articles never use.
    answer = engine.answer(question)
    assert "үш ауылдық округте әкім болған" in answer.facts[0].text


def test_the_country_asked_about_is_a_word_when_its_own_news_do_not_answer(
    engine: Engine,
) -> None:
    # "Қазақстанның болашағы" (the country's future) is what Мәдібек spoke of at a Zhambyl
    # forum: not found in the country-wide article, the country is a word of the question.
    answer = engine.answer("Қазақстанның болашағы кімге байланысты")
    assert "оның қандай болатыны тек бізге байланысты" in answer.facts[0].text
    # ... but a figure in the country ("Қазақстанда") is one of the country's own news.
    assert engine.answer("Қазақстанда қанша мектеп салынды").facts == []


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Мәдібектің лауазымы қандай", "Жамбыл облысы әкімінің орынбасары"),
        # the role naming what is asked: the party's chairman, not the president
        ("Тоқаевтың партиядағы лауазымы қандай", "Партия Төрағасы"),
        # ... also written glued to another word ("партияфилиалының төрағасы")
        ("депутаттар форумында сөйлеген филиал төрағасы кім", "партияфилиалының төрағасы"),
    ],
)
def test_a_position_asked_is_the_persons_role(engine: Engine, question: str, role: str) -> None:
    answer = engine.answer(question)
    assert role in answer.facts[0].text


def test_the_verb_after_dep_frames_what_was_said(engine: Engine) -> None:
    # "қандай қадам деп сипаттаған" (described as what step): "сипаттаған" is no word the
    # answer must have; "қадам" is.
    answer = engine.answer("Тоқаев тікелей сайлауды қандай қадам деп сипаттаған")
    assert "аса маңызды қадам болды" in answer.facts[0].text


def test_a_number_of_the_word_before_it_counts_that_thing(engine: Engine) -> None:
    # "өңір халқы 1,5 млн адамды": the population; "әкімдерінің 122-сін халық сайлаған" counts
    # akims the people elected.
    answer = engine.answer("Алматы облысында қанша халық тұрады")
    assert "1,5 млн адамды" in answer.facts[0].text


def test_how_many_of_them_is_answered_by_a_share_in_words(engine: Engine) -> None:
    # "әкімдердің қаншасы" (how many of the akims): "үштен бірі" (a third) answers it.
    answer = engine.answer("жаңа әкімдердің қаншасы бұрын мемлекеттік қызметте болмаған")
    assert "үштен бірі" in answer.facts[0].text


def test_a_near_tie_goes_to_the_words_in_the_questions_form(engine: Engine) -> None:
    # "депутаттарға округтер ... бекітілді" has the question's "депутаттарға", "округтер";
    # "депутаттар өздеріне бекітілген округ ..." the same keys in other forms.
    answer = engine.answer("депутаттарға қай округтер бекітілді")
    assert "153 ауылдық округ" in answer.facts[0].text


def test_a_passive_present_reaches_the_verb(engine: Engine) -> None:
    # "ескеріле ме" (will they be taken into account): "... ұсыныстарды ... ескеру қажет".
    answer = engine.answer("ауыл әкімдерінің ұсыныстары ескеріледі ме")
    assert "ескеру қажет" in answer.facts[0].text


def test_a_line_reporting_what_a_person_said_is_what_they_said(engine: Engine) -> None:
    # "... бұл форум – ... мүмкіндік жасалған шара екенін айтты": reported speech answers
    # "не айтты" as much as a quotation does.
    answer = engine.answer("Қуат Байғоджаев форум жайлы не айтты")
    assert "мүмкіндік жасалған шара" in answer.facts[0].text


def test_a_person_named_by_patronymic_is_told_by_their_role_elsewhere(engine: Engine) -> None:
    # "Дауыл Ынтықбайұлы" (first name and patronymic) is the article's "атқарушы хатшысы Дауыл
    # Бейсенқұлов": the lines naming him so have no role.
    answer = engine.answer("Ынтықбайұлы кім?")
    assert "атқарушы хатшысы Дауыл Бейсенқұлов" in answer.facts[0].text
    assert "<b>Дауыл Бейсенқұлов</b>" in answer.reply


def test_a_person_named_as_an_owner_is_not_who_is_asked(engine: Engine) -> None:
    # "Тоқаевтың диалог-платформасына кімдер ...": the invited, not the president named in the
    # article's lead; "осы жерге" (here) is the platform of the title.
    answer = engine.answer("Тоқаевтың диалог-платформасына кімдер арнайы шақырылған")
    assert "атқарушы билік өкілдері осы жерге" in answer.facts[0].text


def test_either_of_two_guesses_answers(engine: Engine) -> None:
    # "Қонаевта ма, Таразда ма": one of two places; the one the articles name answers, the
    # other guess does not count against it.
    answer = engine.answer("депутаттар форумы Қонаевта ма, Таразда ма")
    assert "Қонаевта өткен" in answer.facts[0].text


def test_who_with_two_guesses_asks_what_it_is(engine: Engine) -> None:
    # "ауыл әкімі кім: саясаткер ме, қызметші ме": not who holds the office, but what an akim
    # is, told by the definition "Әкім – ... мемлекеттік қызметші".
    answer = engine.answer("ауыл әкімі кім, саясаткер ме әлде мемлекеттік қызметші ме")
    assert "Әкім – ең алдымен" in answer.facts[0].text


def test_the_postposition_aldynda_is_not_asked_about(engine: Engine) -> None:
    # "депутаттар алдында" (before the deputies): the akim's report to them.
    answer = engine.answer("облыс әкімі депутаттар алдында қандай кезеңге қорытынды жасады")
    assert "10 айына қорытынды жасады" in answer.facts[0].text


def test_a_verb_before_an_auxiliary_is_asked_by_its_stem(engine: Engine) -> None:
    # "өзгере бастады" (began to change): "өзгер-" reaches "өзгерістерге"; "бастады" is aspect.
    answer = engine.answer("аманат партиясы қалай өзгере бастады")
    assert "ішкі өзгерістерге бет бұрды" in answer.facts[0].text


def test_eske_frames_what_was_said_like_dep(engine: Engine) -> None:
    # "еске алды" (recalled): "алды" is not asked about; the forum Tokayev spoke at is.
    answer = engine.answer("Жылқыбаев Тоқаевтың қандай форумдағы сөзін еске алды")
    assert "ауыл шаруашылығы еңбеккерлерінің форумында" in answer.facts[0].text


def test_the_counted_thing_and_its_number_need_less_of_the_rest(engine: Engine) -> None:
    # "Қаражат көлемі 2 трлн 342,4 млрд теңге...": the road map is the sentence before's.
    answer = engine.answer("Алматы облысындағы жол картасының қаражаты қанша")
    assert "2 трлн 342,4 млрд" in answer.facts[0].text


def test_a_count_phrases_own_thing_is_the_counted_one(engine: Engine) -> None:
    # "қанша қаражат" is one phrase of the count list: "қаражат" is what is counted.
    query = engine._analyze("жол картасына қанша қаражат бөлінген")
    counted = [g.word for g in query.groups if g.counted]
    assert "karajat" in counted and not any(w.startswith("bolin") for w in counted), counted


def test_a_salary_is_not_a_month(engine: Engine) -> None:
    # "айлығы" (their salary) is keyed like "айлық"; the articles give no salary ("10 айына"
    # is ten months).
    assert engine.answer("ауыл әкімінің айлығы қанша").facts == []


def test_a_translated_word_names_a_person_only_through_its_own_spelling(engine: Engine) -> None:
    from bot.engine.rank import _as_spelled

    # "new" reaches "жаңа", "жаңарып" through the lexicon: a translation, which is no
    # name even where "Жанар" is one (among 20,000 articles), so no speaker is looked for.
    query = engine._analyze("how many beds does the new oncology centre in Taraz have")
    new = next(g for g in query.groups if "jana" in g.keys)
    assert _as_spelled(new, engine.ranker._expand(new, True), True) == {}
    answer = engine.answer("how many beds does the new oncology centre in Taraz have", Context())
    assert "200 орынға арналған" in answer.facts[0].text
    # A name the lexicon writes in Kazakh is still reached as the same name spelled otherwise.
    query = engine._analyze("what did Zhylkybayev say about direct elections")
    name = next(g for g in query.groups if "jilkibaev" in engine.ranker._expand(g, True))
    alternatives = _as_spelled(name, engine.ranker._expand(name, True), True)
    assert "jilkibaev" in alternatives
    assert engine.ranker._names_a_person(alternatives)


def test_nege_before_a_dative_verb_asks_to_what(engine: Engine) -> None:
    # "назар неге аударылды" is "what was attention paid to", not "why".
    answer = engine.answer("форумда басты назар неге аударылды")
    assert answer.intent == "about"
    assert "форумның басты назарында болды" in answer.facts[0].text


def test_families_answer_to_whom_as_a_group(engine: Engine) -> None:
    # "кімге беріледі": "келесі мұқтаж отбасыларға" (families) answer, not a named person.
    answer = engine.answer("малдың төлі кімге беріледі")
    assert "мұқтаж отбасыларға беру" in answer.facts[0].text


def test_a_word_in_the_questions_form_decides_a_near_tie(engine: Engine) -> None:
    # "ауылдағы" as written in «Ауылдағы сайлау ... тың серпін берді»; the other line has
    # "ауыл", "сайланған" and its article's lead lends it "әсер".
    answer = engine.answer("ауылдағы сайлаудың партияларға қандай әсері болды")
    assert "тың серпін берді" in answer.facts[0].text


def test_allocated_asks_the_sum(engine: Engine) -> None:
    # "бөлінді" (allocated) reaches "көлемі", as "выделено" and "allocated" do.
    answer = engine.answer("Алматы облысында жол картасына қанша қаражат бөлінді")
    assert "2 трлн 342,4 млрд" in answer.facts[0].text


def test_aitylgan_frames_what_was_voiced(engine: Engine) -> None:
    # "айтылған өтініштер": the requests are asked about, not the saying ("айтты" is a
    # stopword too).
    query = engine._analyze("көшпелі қабылдауда айтылған өтініштер не болды")
    assert [g.word for g in query.groups] == ["koshpeli", "kabildauda", "otinishter"]


def test_a_demand_is_answered_by_what_must_be_done(engine: Engine) -> None:
    # "талап етті" (demanded): "етті" reaches "тиіс" (must), how a demand is said.
    query = engine._analyze("облыс әкімі әкімдерден не талап етті")
    assert any("tiis" in g.keys for g in query.groups)
    answer = engine.answer("облыс әкімі ауыл әкімдерінен экономикада не талап етті")
    assert "қолайлы орта қалыптастыруы тиіс" in answer.facts[0].text


def test_growing_up_is_fledging(engine: Engine) -> None:
    # "қайда өскен" (where did he grow up): "ауылдан түлеп ұштық" (fledged from the village).
    answer = engine.answer("Мәдібек қайда өскен")
    assert "ауылдан түлеп ұштық" in answer.facts[0].text


def test_a_count_takes_no_words_from_the_title(engine: Engine) -> None:
    # The article's title names AMANAT; "165 ауыл әкімі сайланды" does not: the members are
    # "әкімдердің 154-і".
    answer = engine.answer("how many of Zhambyl's elected village akims are members of Amanat")
    assert "154-і" in answer.facts[0].text


@pytest.mark.parametrize("question", ["что такое ауыл аманаты", "what is Auyl Amanaty"])
def test_kazakh_words_typed_in_a_foreign_question_keep_their_form(
    engine: Engine, question: str
) -> None:
    # «Ауыл аманаты» жобасы, not «AMANAT» партиясы ... ауыл басшыларының (both have the words)
    answer = engine.answer(question)
    assert "«Ауыл аманаты» жобасы аясында" in answer.facts[0].text


def test_a_person_answering_who_is_named_in_the_nominative(engine: Engine) -> None:
    # The sentence has "Тоқаевтың тапсырмалары" (Tokayev's tasks): the headline names him.
    answer = engine.answer("кто председатель партии аманат")
    assert answer.reply.startswith("<b>Қасым-Жомарт Кемелұлы Тоқаев</b>, Партия Төрағасы")
    assert "Тоқаевтың" in answer.facts[0].text  # the quotation stays as published


def test_many_articles_saying_the_same_do_not_crowd_out_another_regions_answer(
    engine: Engine,
) -> None:
    # At 20,000 articles one line written alike in hundreds of another region's articles
    # ties with the answer for the question's words ("мәслихат депутаттары ... форумда") and,
    # read first, took every candidate's place: the answer was never ranked, and the question
    # was refused. A few of one score are read, each region's first before a second.
    import dataclasses

    from bot.corpus.models import Corpus, Sentence
    from bot.text.fold import keys

    question = "депутаттардың форумы қай қалада болды"
    assert "Қонаевта өткен" in engine.answer(question).facts[0].text
    text = "Мәслихат депутаттары форумда сөз сөйледі."
    template = next(iter(engine.corpus.articles.values()))
    copies = {
        f"copy{n}": dataclasses.replace(
            template, id=f"copy{n}", key=10_000 + n, region="ulytau", sentence_ids=(-1 - n,)
        )
        for n in range(300)
    }
    lines = [
        Sentence(id=-1 - n, article_id=f"copy{n}", position=0, text=text, keys=tuple(keys(text)))
        for n in range(300)
    ]
    crowded = Corpus(
        regions=engine.corpus.regions,
        articles={**copies, **engine.corpus.articles},
        sentences=[*lines, *engine.corpus.sentences],
    )
    answer = Engine(crowded, engine.vocab).answer(question)
    assert "Қонаевта өткен" in answer.facts[0].text


def test_asked_with_no_region_the_countrys_figure_beats_a_regions_written_closer(
    engine: Engine,
) -> None:
    # Among many regions' articles, "Әкімдердің орташа жасы – 45 жас" of one region has the
    # question's "әкімдері орта(ша)" side by side (a pair's bonus); the country's "Олардың
    # орташа жасы – 43 жас" (of the village akims before it) answers a question that names
    # no region, by more than a pair: at 20,000 articles the two were 0.007 apart.
    import dataclasses

    from bot.corpus.facts import facts_of
    from bot.corpus.models import Corpus, Sentence
    from bot.engine import rank
    from bot.text.fold import keys

    assert rank.COUNTRY_WEIGHT > rank.ADJACENCY_WEIGHT
    question = "ауыл әкімдері орта есеппен неше жаста"
    assert "43 жас" in engine.answer(question).facts[0].text
    template = next(iter(engine.corpus.articles.values()))
    copies, lines = {}, []
    for n in range(2000):
        aid = f"copy{n}"
        texts = [
            "Мектепке 40 балабақша салынды.",
            f"Сайланған ауыл әкімдерінің {100 + n % 50}-і – партия мүшелері.",
            f"Әкімдердің орташа жасы – {30 + n % 20} жас.",
        ]
        ids = tuple(-3 * n - 1 - p for p in range(3))
        copies[aid] = dataclasses.replace(
            template, id=aid, key=10_000 + n, region="ulytau", sentence_ids=ids
        )
        lines += [
            Sentence(i, aid, p, t, keys=tuple(keys(t)), facts=facts_of(t))
            for p, (i, t) in enumerate(zip(ids, texts, strict=True))
        ]
    crowded = Corpus(
        regions=engine.corpus.regions,
        articles={**copies, **engine.corpus.articles},
        sentences=[*lines, *engine.corpus.sentences],
    )
    answer = Engine(crowded, engine.vocab).answer(question)
    assert "43 жас" in answer.facts[0].text


def test_a_person_named_in_full_is_not_another_person_of_the_same_first_name(
    engine: Engine,
) -> None:
    # Among thousands of articles, "Облыс әкімінің орынбасары Марат Оспанов ..." has "Марат",
    # "облыс" and "әкім" of "Марат Сұлтанғазиев қашан облыс әкімі болды" (which the articles
    # do not say): the rarest of the names asked, "Сұлтанғазиев", must be beside an answer.
    import dataclasses

    from bot.bench.synthetic import FIRST_NAMES
    from bot.corpus.facts import facts_of
    from bot.corpus.models import Corpus, Sentence
    from bot.text.fold import keys

    question = "марат султангазиев кашан облыс экими болды"
    assert not engine.answer(question).facts
    template = next(a for a in engine.corpus.articles.values() if a.date is not None)
    copies, lines = {}, []
    for n in range(2000):
        texts = [
            f"Облыс әкімінің орынбасары {FIRST_NAMES[n % len(FIRST_NAMES)]} Оспанов форумда"
            " сөз сөйледі.",
            "Мектепке 40 балабақша салынды.",
            "Жолға 50 млн теңге бөлінді.",
        ]
        ids = tuple(-3 * n - 1 - p for p in range(3))
        copies[f"copy{n}"] = dataclasses.replace(
            template, id=f"copy{n}", key=10_000 + n, region="ulytau", sentence_ids=ids
        )
        lines += [
            Sentence(i, f"copy{n}", p, t, keys=tuple(keys(t)), facts=facts_of(t))
            for p, (i, t) in enumerate(zip(ids, texts, strict=True))
        ]
    crowded = Corpus(
        regions=engine.corpus.regions,
        articles={**copies, **engine.corpus.articles},
        sentences=[*lines, *engine.corpus.sentences],
    )
    assert not Engine(crowded, engine.vocab).answer(question).facts


def test_a_share_after_its_number_is_given_not_asked(engine: Engine) -> None:
    # "74 пайызы қай партиядан": the share is known; which party is asked, and "Оның 74%-ы
    # «AMANAT» партиясының мүшелері" answers it (as a percent question it wanted a share other
    # than the given one, and was refused).
    for question in (
        "алматы облысында сайланған әкімдердің 74 пайызы қай партиядан",
        "74% избранных акимов Алматинской области из какой партии",
    ):
        answer = engine.answer(question)
        assert answer.intent == "which"
        assert "74%-ы «AMANAT»" in answer.facts[0].text


def test_a_partitive_count_is_answered_by_the_part(engine: Engine) -> None:
    # "әкімдердің нешеуі аманаттан" (how many of the akims are from Amanat): "Оның 74%-ы
    # «AMANAT» партиясының мүшелері", which names the part and points back to the whole, not
    # "Аталған ауылдық округ әкімдерінің 122-сін халық сайлаған" (the whole, no Amanat).
    answer = engine.answer("Алматы облысында халықтың өзі сайлаған әкімдерінің нешеуі аманаттан")
    assert "Оның 74%-ы" in answer.facts[0].text


def test_a_number_of_a_part_does_not_answer_the_whole(engine: Engine) -> None:
    # "әкімдердің 154-і – «AMANAT» партиясының мүшелері" counts the members among the elected
    # akims; asked how many the people elected, "165 ауыл әкімі сайланды" answers.
    answer = engine.answer("жамбыл облысында халық өзі таңдаған ауыл әкімдері нешеу")
    assert "165 ауыл әкімі" in answer.facts[0].text


def test_the_questions_predicate_ending_a_sentence_decides_a_near_tie(engine: Engine) -> None:
    # "не ұсынды" (what did they propose): «Әкімдер де ... тың шешімдер ұсынды» tells it; the
    # line with the noun «ұсыныстар» (proposals) was a hair ahead.
    answer = engine.answer("форумда ауыл әкімдері не ұсынды")
    assert "тың шешімдер ұсынды" in answer.facts[0].text


def test_being_here_is_attending(engine: Engine) -> None:
    # "80 пайызы осында" (80% are here, at the dialogue platform): "келді", "қатысты" (came,
    # attended) reach it, as much as a sentence pointed back to; not asked of others ("депутаттар").
    answer = engine.answer("диалог-платформасына ауыл әкімдерінің қанша пайызы қатысты")
    assert "80 пайызы осында" in answer.facts[0].text
    assert not engine.answer("диалог алаңына депутаттардың неше пайызы келді").facts


def test_what_did_not_happen_is_told_by_the_rest(engine: Engine) -> None:
    # "оң шешімін таппаған" (that found no positive decision): not "Оның 817-інің өтініші оң
    # шешімін тапты", which says they did, but the sentence after it about the rest.
    for question in (
        "оң шешімін таппаған өтініштер не болды",
        "какие обращения не были решены",
    ):
        answer = engine.answer(question)
        assert "Қалғандарына заң аясында түсініктеме берілді" in answer.facts[0].text
    # ... and nothing said of the forum tells who did not attend it.
    assert not engine.answer("форумға кімдер қатыспады").facts


def test_since_when_is_answered_by_a_start(engine: Engine) -> None:
    # "қашаннан бері" (since when): "Наурыз айынан бастап" (from March on) gives the start;
    # "... өтеді (... 30 мамырға жоспарланған)" gives a date, not when it began.
    answer = engine.answer("көшпелі қабылдаулар қашаннан бері өтіп жатыр")
    assert "Наурыз айынан бастап" in answer.facts[0].text


def test_in_the_article_names_no_fact(engine: Engine) -> None:
    # "в статье" (in the article) is about the articles themselves; "статье" folded is the
    # English "state", which reached "мемлекет".
    query = engine._analyze("сколько акимов избрано в Жамбыле, по статье")
    assert all("memleket" not in g.keys for g in query.groups)
    assert "165 ауыл әкімі" in engine.answer("что означает 165 в статье про Жамбыл").facts[0].text


def test_how_many_people_counts_people_of_any_kind(engine: Engine) -> None:
    # "неше адам" (how many people): "300-ден астам тұрғынның" (residents) and "700-ден астам
    # азамат" (citizens) are numbers of people.
    answer = engine.answer("көшпелі қабылдауда неше адам өтініш айтты")
    assert "300-ден астам тұрғынның" in answer.facts[0].text
    answer = engine.answer("партиясыз кандидаттардан неше адам әкім болды")
    assert "700-ден астам азамат" in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A relative pronoun ("у которой") names nothing: it weighed as an unknown word.
        ("какую награду получит семья, у которой больше всего ягнят", "10 миллион теңге"),
        # "айтылды" (was said) frames what was said, like "айтты" and "айтылған".
        ("форумда қандай реформалар айтылды", "заңнамалық базасы"),
    ],
)
def test_function_words_do_not_weigh_against_the_answer(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert expected in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        # "ш" typed as "ч" ("канча", "качан"), as the Kyrgyz and Uzbek cousins spell them.
        ("жамбылда канча ауыл акими сайланды", "count", "165 ауыл әкімі"),
        (
            "ауыл акимдерин тикелей сайлау бастамасын президент качан котерди",
            "when",
            "2020 жылы",
        ),
    ],
)
def test_question_words_typed_with_ch_for_sh(
    engine: Engine, question: str, intent: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == intent
    assert answer.facts, answer.reply
    assert expected in answer.facts[0].text


def test_nominated_by_a_party_is_put_forward_not_appointed(engine: Engine) -> None:
    # "Партия ұсынып, әкім атанғандардың 4,5 пайызы": the party put them forward.
    answer = engine.answer(
        "what percentage of the akims nominated by amanat are women", Context(region="zhambyl")
    )
    assert answer.facts, answer.reply
    assert "4,5 пайызы" in answer.facts[0].text


def test_head_of_the_party_branch_is_its_chairman_not_an_akim(engine: Engine) -> None:
    # "head" alone is an akim; with the party's name before "branch" it is the chairman.
    answer = engine.answer("who is the head of amanat branch in jambyl?")
    assert answer.facts, answer.reply
    assert "филиалының төрағасы Дауыл Бейсенқұлов" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    ["почему общественных советов стало меньше", "why are there fewer public councils now"],
)
def test_fewer_is_a_decrease(engine: Engine, question: str) -> None:
    # "кеңестердің саны ... қысқарды", and the reason before it: "Кеңестердің көптігі ...".
    answer = engine.answer(question, Context(region="zhambyl"))
    assert answer.facts, answer.reply
    assert "Кеңестердің көптігі" in answer.facts[0].text


def test_launching_a_project_is_giving_it_a_start(engine: Engine) -> None:
    # "Бұл жобаға ... Тамара Дүйсенова бастау беру үшін ... келген".
    answer = engine.answer("кто приезжал дать старт проекту с овцами")
    assert answer.facts, answer.reply
    assert "Тамара Дүйсенова" in answer.facts[0].text
    # "бастап" (since) shares the key of "бастау": alone it launches nothing.
    launched = engine.answer("who launched the qunar project")
    assert all("Наурыз айынан бастап" not in f.text for f in launched.facts)


@pytest.mark.parametrize(
    "question",
    [
        "какие задачи поставил президент перед аграриями",
        "какие задачи поставил глава государства на форуме аграриев",
    ],
)
def test_tasks_set_are_put_forward(engine: Engine, question: str) -> None:
    # "... маңызды міндеттерді алға қойды": tasks are set "алға қойды" (put forward).
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert "агротехнологияларды енгізу" in answer.facts[0].text


def test_a_share_is_of_what_follows_its_dash(engine: Engine) -> None:
    # "әкім атанғандардың 4,5 пайызы – әйел азаматтары": the share of women, though "80%-ы
    # «AMANAT» партиясының мүшелері" has more of the question's other words.
    answer = engine.answer("процент женщин среди акимов от аманат", Context(region="zhambyl"))
    assert answer.facts, answer.reply
    assert "4,5 пайызы" in answer.facts[0].text


def test_what_the_bot_knows_of_a_topic_is_its_article(engine: Engine) -> None:
    # "о" like "про": what the bot knows of the forum asks for it ("что ты знаешь" alone is
    # help).
    answer = engine.answer("что ты знаешь о форуме в жамбыле")
    assert answer.intent == "overview"
    assert answer.facts, answer.reply
    assert engine.answer("что ты знаешь?").intent == "help"


@pytest.mark.parametrize(
    "question",
    [
        "since when have the mobile receptions been running",
        "с каких пор проводятся выездные приемы",
        "көшпелі қабылдаулар қашаннан бері өтіп жатыр",
    ],
)
def test_since_when_is_answered_by_a_time_since(engine: Engine, question: str) -> None:
    # "Наурыз айынан бастап ... көшпелі қабылдаулар", not the date of a later reception
    # ("30 мамырға жоспарланған").
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert "Наурыз айынан бастап" in answer.facts[0].text


@pytest.mark.parametrize(
    "question", ["Алматы облысында форумды кім ашты", "almaty oblysynda forumdy kim ashty"]
)
def test_who_opened_the_forum_spoke_at_its_opening(engine: Engine, question: str) -> None:
    # "ашты" (opened) reaches "ашылуында" (at its opening); it took "өндіріс орындарын ашу".
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert "Марат Сұлтанғазиев" in answer.facts[0].text


@pytest.mark.parametrize("question", ["what is an akim", "что такое аким", "әкім деген не"])
def test_what_a_thing_is_is_its_definition(engine: Engine, question: str) -> None:
    # As "әкім деген кім": "Әкім – ең алдымен, ... мемлекеттік қызметші".
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert answer.facts[0].text.startswith("Әкім –")


def test_put_alone_sets_no_task(engine: Engine) -> None:
    # "поставил" alone is any putting: only with the tasks is it "алға қойды".
    assert engine.answer("кто поставил спектакль").facts == []


def test_being_held_asks_what_was_held(engine: Engine) -> None:
    # "өтіп жатыр" (is being held) reaches "өтті": "... көшпелі мобильді қоғамдық қабылдаулар
    # өтті" (refused while "өтіп" counted against it).
    answer = engine.answer("көшпелі қабылдаулар қай айдан бері өтіп жатыр")
    assert answer.facts, answer.reply
    assert "Наурыз айынан бастап" in answer.facts[0].text
