"""The answer engine on the question's words: Kazakh forms, the lexicon, function words, near
ties between sentences."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.models import Context


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


def test_words_with_a_question_word_between_them_count_as_next_to_each_other(
    engine: Engine,
) -> None:
    # "депутаттарға қандай округ": "депутаттарға округтер (...) бекітіліп берілді"
    answer = engine.answer("депутаттарға қандай округ бекітілген")
    assert "153 ауылдық округ" in answer.facts[0].text


def test_a_kazakh_word_spelt_like_an_english_stopword_keeps_its_meaning(engine: Engine) -> None:
    # "ән" (song) folds to "an", an English stopword: dropped, the question would be about
    # the gathering alone and get the forum's sentence.
    assert engine.answer("депутаттар жиынында қандай ән орындалды").facts == []


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


def test_to_be_in_a_party_is_membership(engine: Engine) -> None:
    # "состоят в Аманате": the members, not the count of all who were elected.
    answer = engine.answer(
        "сколько из избранных народом акимов состоят в Аманате", Context(region="zhambyl")
    )
    assert answer.facts, answer.reply
    assert "154-і" in answer.facts[0].text


def test_an_english_word_the_lexicon_knows_does_not_match_a_kazakh_look_alike(
    engine: Engine,
) -> None:
    # "salary" reaches "жалақы" through the lexicon, not "сала" (a sector) by its spelling.
    answer = engine.answer("what is the salary of village akims")
    assert answer.facts == [], answer.facts[0].text


def test_a_near_form_does_not_drop_a_consonant_inside_a_word(engine: Engine) -> None:
    # "карта" (map) is not "қарай" (towards): the GDP plan "жыл соңына қарай ... 4,6
    # триллион теңгеге" is no sum of the road map.
    answer = engine.answer("what is the money of the road map")
    assert "342,4 млрд" in answer.facts[0].text


def test_what_must_be_is_told_by_a_sentence_saying_it_must(engine: Engine) -> None:
    answer = engine.answer("какими должны быть сельские акимы по словам президента")
    assert "нағыз іскер маман болуы керек" in answer.facts[0].text


def test_a_question_word_inside_a_longer_phrase_does_not_decide_the_intent(
    engine: Engine,
) -> None:
    # "кем по профессии" asks a profession; its "кем" alone would ask for a person
    answer = engine.answer("кем по профессии избранные акимы в Жамбыле")
    assert answer.intent == "which"
    assert "кәсіп иелері" in answer.facts[0].text


@pytest.mark.parametrize(
    "question", ["ардагер әкім қайда қызмет етті", "ardager akim qaida qyzmet etti"]
)
def test_the_light_verb_et_is_not_asked_about(engine: Engine, question: str) -> None:
    # "қызмет етті" (served): "қызмет" is what is asked; "етті" alone counted against every
    # answer as a word the articles never use.
    answer = engine.answer(question)
    assert "үш ауылдық округте әкім болған" in answer.facts[0].text


def test_a_near_tie_goes_to_the_words_in_the_questions_form(engine: Engine) -> None:
    # "депутаттарға округтер ... бекітілді" has the question's "депутаттарға", "округтер";
    # "депутаттар өздеріне бекітілген округ ..." the same keys in other forms.
    answer = engine.answer("депутаттарға қай округтер бекітілді")
    assert "153 ауылдық округ" in answer.facts[0].text


def test_a_passive_present_reaches_the_verb(engine: Engine) -> None:
    # "ескеріле ме" (will they be taken into account): "... ұсыныстарды ... ескеру қажет".
    answer = engine.answer("ауыл әкімдерінің ұсыныстары ескеріледі ме")
    assert "ескеру қажет" in answer.facts[0].text


def test_either_of_two_guesses_answers(engine: Engine) -> None:
    # "Қонаевта ма, Таразда ма": one of two places; the one the articles name answers, the
    # other guess does not count against it.
    answer = engine.answer("депутаттар форумы Қонаевта ма, Таразда ма")
    assert "Қонаевта өткен" in answer.facts[0].text


def test_the_postposition_aldynda_is_not_asked_about(engine: Engine) -> None:
    # "депутаттар алдында" (before the deputies): the akim's report to them.
    answer = engine.answer("облыс әкімі депутаттар алдында қандай кезеңге қорытынды жасады")
    assert "10 айына қорытынды жасады" in answer.facts[0].text


def test_a_verb_before_an_auxiliary_is_asked_by_its_stem(engine: Engine) -> None:
    # "өзгере бастады" (began to change): "өзгер-" reaches "өзгерістерге"; "бастады" is aspect.
    answer = engine.answer("аманат партиясы қалай өзгере бастады")
    assert "ішкі өзгерістерге бет бұрды" in answer.facts[0].text


def test_nege_before_a_dative_verb_asks_to_what(engine: Engine) -> None:
    # "назар неге аударылды" is "what was attention paid to", not "why".
    answer = engine.answer("форумда басты назар неге аударылды")
    assert answer.intent == "about"
    assert "форумның басты назарында болды" in answer.facts[0].text


def test_a_word_in_the_questions_form_decides_a_near_tie(engine: Engine) -> None:
    # "ауылдағы" as written in «Ауылдағы сайлау ... тың серпін берді»; the other line has
    # "ауыл", "сайланған" and its article's lead lends it "әсер".
    answer = engine.answer("ауылдағы сайлаудың партияларға қандай әсері болды")
    assert "тың серпін берді" in answer.facts[0].text


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


@pytest.mark.parametrize("question", ["что такое ауыл аманаты", "what is Auyl Amanaty"])
def test_kazakh_words_typed_in_a_foreign_question_keep_their_form(
    engine: Engine, question: str
) -> None:
    # «Ауыл аманаты» жобасы, not «AMANAT» партиясы ... ауыл басшыларының (both have the words)
    answer = engine.answer(question)
    assert "«Ауыл аманаты» жобасы аясында" in answer.facts[0].text


def test_the_questions_predicate_ending_a_sentence_decides_a_near_tie(engine: Engine) -> None:
    # "не ұсынды" (what did they propose): «Әкімдер де ... тың шешімдер ұсынды» tells it; the
    # line with the noun «ұсыныстар» (proposals) was a hair ahead.
    answer = engine.answer("форумда ауыл әкімдері не ұсынды")
    assert "тың шешімдер ұсынды" in answer.facts[0].text


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


def test_put_alone_sets_no_task(engine: Engine) -> None:
    # "поставил" alone is any putting: only with the tasks is it "алға қойды".
    assert engine.answer("кто поставил спектакль").facts == []


def test_being_held_asks_what_was_held(engine: Engine) -> None:
    # "өтіп жатыр" (is being held) reaches "өтті": "... көшпелі мобильді қоғамдық қабылдаулар
    # өтті" (refused while "өтіп" counted against it).
    answer = engine.answer("көшпелі қабылдаулар қай айдан бері өтіп жатыр")
    assert answer.facts, answer.reply
    assert "Наурыз айынан бастап" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "на что направлена инициатива о прямых выборах акимов",
        "what is the initiative on direct elections of akims aimed at",
    ],
)
def test_what_a_thing_is_aimed_at_reaches_baghyttalghan(engine: Engine, question: str) -> None:
    # "направлена", "aimed at": "... демократияны нығайтуға бағытталған" (aimed at).
    answer = engine.answer(question)
    assert "демократияны нығайтуға бағытталған" in answer.facts[0].text


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("кто руководит алматинским областным филиалом", "almaty"),
        ("сколько акимов избрано в жамбылском регионе", "zhambyl"),
        ("итоги туркестанского форума", "turkistan"),
    ],
)
def test_any_form_of_a_russian_region_adjective_names_the_region(
    engine: Engine, question: str, region: str
) -> None:
    assert engine.answer(question).region == region


def test_the_rest_reaches_qalghandaryna(engine: Engine) -> None:
    # "the rest", "остальные": "Қалғандарына заң аясында түсініктеме берілді".
    answer = engine.answer("what happened to the rest of the appeals")
    assert "Қалғандарына" in answer.facts[0].text


def test_gathered_at_an_event_is_attended(engine: Engine) -> None:
    # "собрался на ...": attended it ("80 пайызы осында", here), not the word for a meeting.
    answer = engine.answer("какой процент сельских акимов собрался на диалоговой платформе")
    assert "80 пайызы осында" in answer.facts[0].text
    # "собрались" alone is still a gathering: where is where the forum was held.
    assert "Қонаевта" in engine.answer("где собрались депутаты алматинской области").facts[0].text


def test_regarding_is_a_frame_not_a_word_asked_about(engine: Engine) -> None:
    query = engine._analyze("в чём задача области по отношению к акимам")
    assert [g.word for g in query.groups if "otnoshen" in g.word] == []


@pytest.mark.parametrize(
    "question",
    [
        "что было во второй части форума сельских акимов алматинской",
        "what happened in the second part of the village akims forum in almaty region",
    ],
)
def test_the_second_part_is_not_the_end(engine: Engine, question: str) -> None:
    # "Форумның екінші бөлімінде ... семинарлар өткізілді", not "Іс-шара соңында ...".
    assert "екінші бөлімінде" in engine.answer(question).facts[0].text


def test_the_end_of_the_event_is_still_its_end(engine: Engine) -> None:
    answer = engine.answer("что было в конце форума сельских акимов в алматинской области")
    assert "Іс-шара соңында" in answer.facts[0].text


def test_paid_attention_reaches_konil_boldi(engine: Engine) -> None:
    # "уделил внимание": one phrase for "көңіл бөлгенін", not an unknown "уделил" besides it.
    query = engine._analyze("где токаев уделил внимание развитию села")
    assert "udelil" not in [g.word for g in query.groups]
    answer = engine.answer(
        "где токаев уделил внимание развитию села, о каком форуме говорил жылкыбаев"
    )
    assert "еңбеккерлерінің форумында" in answer.facts[0].text
