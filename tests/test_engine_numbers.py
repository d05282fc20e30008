"""The answer engine on counts, shares, sums and times: a number answers only what it counts."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.models import Context
from bot.engine.numbers import percents_asked
from bot.text.fold import folded_words


def test_the_end_of_the_event_answers_when(engine: Engine) -> None:
    # "Іс-шара соңында ... алғыс хаттар табысталды": no date, but the time asked.
    answer = engine.answer("белсенді әкімдерге алғыс хаттар қашан табысталды")
    assert "Іс-шара соңында" in answer.facts[0].text


def test_the_end_of_an_event_is_no_date_of_the_event_itself(engine: Engine) -> None:
    assert (
        engine.answer("Алматы облысындағы ауыл әкімдерінің алғашқы форумы қашан өтті").facts == []
    )


def test_how_long_an_event_lasted_is_not_answered_by_a_count_of_measures(engine: Engine) -> None:
    # "Жалпы, жол картасында көзделген 106 іс-шара ...": 106 measures, no duration
    answer = engine.answer("сколько длился форум сельских акимов в Алматинской области")
    assert answer.facts == []


def test_a_number_of_a_part_does_not_answer_the_whole(engine: Engine) -> None:
    # "әкімдердің 154-і – «AMANAT» партиясының мүшелері" counts the members among the elected
    # akims; asked how many the people elected, "165 ауыл әкімі сайланды" answers.
    answer = engine.answer("жамбыл облысында халық өзі таңдаған ауыл әкімдері нешеу")
    assert "165 ауыл әкімі" in answer.facts[0].text


def test_when_without_a_year_in_the_lead_answers_with_the_article_date(engine: Engine) -> None:
    answer = engine.answer("когда Токаев выступил перед сельскими акимами")
    assert "диалог-платформасында сөз сөйледі" in answer.facts[0].text
    assert "<b>28.11.2025</b>" in answer.reply.split("\n")[0]


def test_a_number_the_question_gives_is_not_its_answer(engine: Engine) -> None:
    answer = engine.answer("Жамбылда сайланған 165 әкімнің нешеуі аманаттық?")
    assert "154-і" in answer.facts[0].text


def test_which_month_is_not_answered_by_a_year(engine: Engine) -> None:
    # "2021 жылдан бері" gives a year; the month of the next election is stated nowhere.
    answer = engine.answer("Жамбылда келесі әкімдер сайлауы қай айда")
    assert answer.facts == [], answer.facts[0].text
    # A month answers it: "Наурыз айынан бастап".
    answer = engine.answer("с какого месяца проводят выездные приемы в Жамбылской области")
    assert "Наурыз айынан" in answer.facts[0].text


def test_how_much_money_is_not_answered_by_another_count(engine: Engine) -> None:
    # "150 орынға арналған «Асар» ... кешені" gives its places, not its cost.
    answer = engine.answer("how much did the Asar rehabilitation centre cost")
    assert answer.facts == [], answer.facts[0].text
    # A sum answers a money question: "8,3 миллиард теңгеге".
    answer = engine.answer("Ауыл аманаты бойынша қанша қаражат берілді")
    assert answer.facts, answer.reply
    assert "8,3 миллиард теңгеге" in answer.facts[0].text


def test_a_rate_the_articles_never_give_is_refused(engine: Engine) -> None:
    # "Auyl Amanaty" was keyed "amana" (its "-ty" cut as an ending after a vowel) and the loans
    # sentence answered a question about their interest rate.
    answer = engine.answer("what interest rate do Auyl Amanaty loans have")
    assert answer.facts == []


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


def test_which_day_is_not_answered_by_a_month(engine: Engine) -> None:
    # "Наурыз айынан бастап" names a month; the Zhambyl forum's day is not given.
    answer = engine.answer("jambyl forumy qai kuni otti")
    assert answer.facts == [], answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    ["сколько денег в дорожной карте Алматинской области", "қанша ақша жол картасында"],
)
def test_the_sum_asked_needs_less_of_the_question_as_its_own(engine: Engine, question: str) -> None:
    # "Қаражат көлемі 2 трлн 342,4 млрд теңге": the road map is the sentence before's; the
    # money asked ("сколько денег": the phrase's own word is what is counted) is its own.
    answer = engine.answer(question)
    assert "342,4 млрд" in answer.facts[0].text


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


@pytest.mark.parametrize(
    "question", ["что за 41 процент", "41 пайыз деген не", "what is the 41 percent"]
)
def test_a_number_asked_as_a_share_is_read_as_one_in_every_language(question: str) -> None:
    # "percent" folds to "perkent": English shares had been read as plain numbers
    assert percents_asked(folded_words(question), {"41"}) == {41.0}


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


def test_the_sentence_after_the_number_a_question_gives_continues_it(engine: Engine) -> None:
    # "Сол уақыттан бері өңірде 165 ауыл әкімі сайланды. Халық таңдаған әкімдердің 154-і –
    # «AMANAT» партиясының мүшелері."
    answer = engine.answer(
        "среди 165 акимов, избранных в Жамбылской области, сколько из правящей партии Аманат"
    )
    assert "154-і" in answer.facts[0].text


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


def test_a_number_of_the_word_before_it_counts_that_thing(engine: Engine) -> None:
    # "өңір халқы 1,5 млн адамды": the population; "әкімдерінің 122-сін халық сайлаған" counts
    # akims the people elected.
    answer = engine.answer("Алматы облысында қанша халық тұрады")
    assert "1,5 млн адамды" in answer.facts[0].text


def test_how_many_of_them_is_answered_by_a_share_in_words(engine: Engine) -> None:
    # "әкімдердің қаншасы" (how many of the akims): "үштен бірі" (a third) answers it.
    answer = engine.answer("жаңа әкімдердің қаншасы бұрын мемлекеттік қызметте болмаған")
    assert "үштен бірі" in answer.facts[0].text


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


def test_allocated_asks_the_sum(engine: Engine) -> None:
    # "бөлінді" (allocated) reaches "көлемі", as "выделено" and "allocated" do.
    answer = engine.answer("Алматы облысында жол картасына қанша қаражат бөлінді")
    assert "2 трлн 342,4 млрд" in answer.facts[0].text


def test_a_count_takes_no_words_from_the_title(engine: Engine) -> None:
    # The article's title names AMANAT; "165 ауыл әкімі сайланды" does not: the members are
    # "әкімдердің 154-і".
    answer = engine.answer("how many of Zhambyl's elected village akims are members of Amanat")
    assert "154-і" in answer.facts[0].text


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


def test_since_when_is_answered_by_a_start(engine: Engine) -> None:
    # "қашаннан бері" (since when): "Наурыз айынан бастап" (from March on) gives the start;
    # "... өтеді (... 30 мамырға жоспарланған)" gives a date, not when it began.
    answer = engine.answer("көшпелі қабылдаулар қашаннан бері өтіп жатыр")
    assert "Наурыз айынан бастап" in answer.facts[0].text


def test_how_many_people_counts_people_of_any_kind(engine: Engine) -> None:
    # "неше адам" (how many people): "300-ден астам тұрғынның" (residents) and "700-ден астам
    # азамат" (citizens) are numbers of people.
    answer = engine.answer("көшпелі қабылдауда неше адам өтініш айтты")
    assert "300-ден астам тұрғынның" in answer.facts[0].text
    answer = engine.answer("партиясыз кандидаттардан неше адам әкім болды")
    assert "700-ден астам азамат" in answer.facts[0].text


def test_a_share_is_of_what_follows_its_dash(engine: Engine) -> None:
    # "әкім атанғандардың 4,5 пайызы – әйел азаматтары": the share of women, though "80%-ы
    # «AMANAT» партиясының мүшелері" has more of the question's other words.
    answer = engine.answer("процент женщин среди акимов от аманат", Context(region="zhambyl"))
    assert answer.facts, answer.reply
    assert "4,5 пайызы" in answer.facts[0].text


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
    "question",
    ["когда будут выборы акимов районов", "when will the district akims be elected"],
)
def test_a_time_to_come_is_not_answered_by_a_past_one(engine: Engine, question: str) -> None:
    # "2020 жылы ... бастама көтергенімді" (before the news), "2021 жылдан бері ... сайлап
    # келеді" (a start), "5 жылдың ішінде ... жүзеге асырдық" (what was done): none tells
    # when the elections will be.
    assert engine.answer(question).facts == []


def test_a_time_to_come_is_answered_by_a_planned_date(engine: Engine) -> None:
    answer = engine.answer("когда пройдет прием республиканской мобильной группы")
    assert "30 мамырға жоспарланған" in answer.facts[0].text


def test_a_past_time_still_answers_when_it_happened(engine: Engine) -> None:
    answer = engine.answer("когда Токаев выдвинул инициативу о прямых выборах сельских акимов")
    assert "2020 жылы" in answer.facts[0].text
