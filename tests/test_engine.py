"""The answer engine as a person meets it: the reply a question gets. Here: the conversation
(languages, small talk, regions, follow-ups, "more"), places, an article's event and overviews;
numbers, people and the question's words have files of their own (test_engine_*.py)."""

from __future__ import annotations

import pytest

from bot.corpus.models import Language
from bot.engine.engine import Engine
from bot.engine.models import Context


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


def test_which_city_is_refused_when_no_city_is_named(engine: Engine) -> None:
    # The Zhambyl forum's article names no city ("аймақтарда ... форумдарын өткізіп" is not one).
    answer = engine.answer("Жамбылдағы ауыл әкімдері форумы қай қалада өтті")
    assert answer.facts == [], answer.facts[0].text
    # A plain "where" still takes a place noun: "диалог-платформасында".
    answer = engine.answer("Тоқаев ауыл әкімдеріне қайда сөз сөйледі")
    assert "диалог-платформасында" in answer.facts[0].text


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


def test_a_place_named_before_a_place_noun_must_be_in_the_answer(engine: Engine) -> None:
    # "аудандарда 153 ауылдық округ" counts all districts' rural okrugs, not Байзақ's villages.
    answer = engine.answer("Байзақ ауданында неше ауыл бар")
    assert answer.facts == [], answer.facts[0].text
    # "ауыл әкімдерін" is no place: the question is still answered.
    answer = engine.answer("Тоқаев ауыл әкімдерін сайлау туралы бастаманы қашан көтерді")
    assert "2020 жылы" in answer.facts[0].text


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


def test_why_a_measure_was_taken_is_told_by_the_that_is_sentence_after_it(
    engine: Engine,
) -> None:
    # "... округтер бекітіліп берілді. Яғни депутаттар ... тығыз байланыста жұмыс істеп ..."
    answer = engine.answer("депутаттарға округтер не үшін бекітіліп берілді")
    assert "округ халқымен тығыз байланыста" in answer.facts[0].text


def test_what_do_you_know_about_a_topic_tells_its_article(engine: Engine) -> None:
    # "не білесің" alone asks for help; said of a topic it asks for the article.
    answer = engine.answer("алматыдағы ауыл әкімдерінің алғашқы форумы туралы не білесің")
    assert answer.intent == "overview"
    assert "бастамасымен ұйымдастырылды" in answer.facts[0].text
    assert engine.answer("не білесің").intent == "help"
    # "қалай жұмыс істейді" (how does it work) said of a topic is no overview.
    assert engine.answer("қоғамдық қабылдау бөлмелері қалай жұмыс істейді").intent != "overview"


def test_a_sentence_saying_here_is_about_its_articles_event(engine: Engine) -> None:
    # "Ауыл әкімдерінің басым көпшілігі, яғни 80 пайызы осында." ("here": at the president's
    # meeting, which the article's lead names).
    answer = engine.answer("ауыл әкімдерінің басым көпшілігі президентпен жиынға келді ме")
    assert "80 пайызы осында" in answer.facts[0].text


def test_a_sentence_about_the_event_itself_counts_its_articles_topic(engine: Engine) -> None:
    # "Іс-шара «AMANAT» партиясының бастамасымен ұйымдастырылды" (the event: the forum its
    # article's title names).
    answer = engine.answer("Алматы облысындағы ауыл әкімдері форумы кімнің бастамасымен өтті")
    assert "бастамасымен ұйымдастырылды" in answer.facts[0].text


def test_what_is_written_about_one_thing_in_an_article_quotes_it(engine: Engine) -> None:
    # The oncology centre is one sentence of a Zhambyl article, not its topic.
    answer = engine.answer("что пишут про онкологический центр в Таразе")
    assert answer.intent == "about"
    assert "Тараз қаласында 200 орынға" in answer.facts[0].text
    # The forum the article is about still gets the article.
    assert engine.answer("что пишут про форум акимов в Жамбыле").intent == "overview"


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
    "question",
    ["что за форум депутатов был в алматинской области", "what kind of forum took place in Konaev"],
)
def test_what_kind_of_forum_it_was_is_told_by_its_news_lead(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "overview"
    assert "I өңірлік форумы өтті" in answer.facts[0].text


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


def test_a_sentence_saying_here_is_found_though_it_shares_few_words(engine: Engine) -> None:
    # "80 пайызы осында": the dialogue platform is named by the article's title, not by the
    # sentence; "осында" (here) makes the title's words its own.
    answer = engine.answer("диалог-платформада ауыл әкімдерінің қанша пайызы болды")
    assert "80 пайызы осында" in answer.facts[0].text
    assert "<b>80 пайызы</b>" in answer.reply


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


def test_in_the_article_names_no_fact(engine: Engine) -> None:
    # "в статье" (in the article) is about the articles themselves; "статье" folded is the
    # English "state", which reached "мемлекет".
    query = engine._analyze("сколько акимов избрано в Жамбыле, по статье")
    assert all("memleket" not in g.keys for g in query.groups)
    assert "165 ауыл әкімі" in engine.answer("что означает 165 в статье про Жамбыл").facts[0].text


def test_what_the_bot_knows_of_a_topic_is_its_article(engine: Engine) -> None:
    # "о" like "про": what the bot knows of the forum asks for it ("что ты знаешь" alone is
    # help).
    answer = engine.answer("что ты знаешь о форуме в жамбыле")
    assert answer.intent == "overview"
    assert answer.facts, answer.reply
    assert engine.answer("что ты знаешь?").intent == "help"


@pytest.mark.parametrize("question", ["what is an akim", "что такое аким", "әкім деген не"])
def test_what_a_thing_is_is_its_definition(engine: Engine, question: str) -> None:
    # As "әкім деген кім": "Әкім – ең алдымен, ... мемлекеттік қызметші".
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert answer.facts[0].text.startswith("Әкім –")


def test_the_country_asked_about_is_a_word_when_its_own_news_do_not_answer(
    engine: Engine,
) -> None:
    # "Қазақстанның болашағы" (the country's future) is what Мәдібек spoke of at a Zhambyl
    # forum: not found in the country-wide article, the country is a word of the question.
    answer = engine.answer("Қазақстанның болашағы кімге байланысты")
    assert "оның қандай болатыны тек бізге байланысты" in answer.facts[0].text
    # ... but a figure in the country ("Қазақстанда") is one of the country's own news.
    assert engine.answer("Қазақстанда қанша мектеп салынды").facts == []
