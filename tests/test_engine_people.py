"""The answer engine on "who": people, their offices and roles, and what they said."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.models import Context


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


def test_a_named_persons_role_in_what_is_asked_answers_who_they_are_there(
    engine: Engine,
) -> None:
    # "Партия Төрағасы Қасым-Жомарт Кемелұлы Тоқаев": the party's chairman, asked of him.
    answer = engine.answer("Qasym-Jomart Toqaev partiiada kım")
    assert "Партия Төрағасы" in answer.facts[0].text


def test_a_sentence_nobody_is_quoted_saying_is_introduced_by_the_article(engine: Engine) -> None:
    # "Ал форумда ... ардагері Асыл Байтулақов ... пікірін бөлісті": the article's own words.
    answer = engine.answer("что говорил ветеран о соцсетях")
    assert answer.facts and answer.reply.startswith("В статье сказано:"), answer.reply


def test_who_organised_an_event_is_whose_initiative_it_was(engine: Engine) -> None:
    answer = engine.answer("кто организовал первый форум сельских акимов в Алматинской области")
    assert "«AMANAT» партиясының бастамасымен" in answer.facts[0].text


def test_a_person_named_by_patronymic_is_told_by_their_role_elsewhere(engine: Engine) -> None:
    # "Дауыл Ынтықбайұлы" (first name and patronymic) is the article's "атқарушы хатшысы Дауыл
    # Бейсенқұлов": the lines naming him so have no role.
    answer = engine.answer("Ынтықбайұлы кім?")
    assert "атқарушы хатшысы Дауыл Бейсенқұлов" in answer.facts[0].text
    assert "<b>Дауыл Бейсенқұлов</b>" in answer.reply


def test_the_deputy_does_not_answer_who_the_akim_is(engine: Engine) -> None:
    answer = engine.answer("Жамбыл облысының әкімі кім?")
    assert not any("Мәдібек" in (f.highlight or "") for f in answer.facts)


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


def test_a_named_persons_thing_is_not_answered_by_other_peoples(engine: Engine) -> None:
    # "Олардың орташа жасы – 43 жас" (in Tokayev's speech) is the new akims' age, not his.
    answer = engine.answer("Тоқаевтың жасы нешеде")
    assert answer.facts == [], answer.facts[0].text
    # Said by him ("сөзінше", "айтуынша"), his quotation still answers.
    answer = engine.answer("токаев ауыл неге манызды дейди")
    assert answer.facts, answer.reply


def test_asked_what_a_thing_is_called_the_quoted_name_answers(engine: Engine) -> None:
    # «Халықпен бірге!» сайлауалды бағдарламасы: the name in quotation marks, followed by the
    # thing asked about, beats sentences that only mention the programme.
    answer = engine.answer("partiianyn sailaualdy bagdarlamasy qalai atalady")
    assert answer.facts, answer.reply
    assert "«Халықпен бірге!»" in answer.facts[0].text


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


@pytest.mark.parametrize("question", ["тоқаев неше жаста", "сколько лет ержану жылкыбаеву"])
def test_a_number_about_a_named_person_needs_the_person_beside_it(
    engine: Engine, question: str
) -> None:
    # "Олардың орташа жасы – 43 жас" in Tokayev's speech is the new akims' age, not his.
    answer = engine.answer(question)
    assert answer.facts == [], answer.facts[0].text


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


def test_according_to_a_person_asks_what_they_said(engine: Engine) -> None:
    answer = engine.answer("what should a village akim be like according to Tokayev")
    assert "нағыз іскер маман болуы керек" in answer.facts[0].text


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


def test_what_someone_called_a_thing_in_english_is_in_their_quotation(engine: Engine) -> None:
    answer = engine.answer("how did the deputy akim of Zhambyl call the village")
    assert "Ауыл – қазақтың алтын бесігі" in answer.facts[0].text


def test_who_is_answered_by_people_of_a_kind(engine: Engine) -> None:
    # "Өңірлік Жол карталарындағы барлық көрсеткіштерге жауапты депутаттар айқындалды."
    answer = engine.answer("who answers for the road map indicators")
    assert "жауапты депутаттар" in answer.facts[0].text


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


def test_a_line_reporting_what_a_person_said_is_what_they_said(engine: Engine) -> None:
    # "... бұл форум – ... мүмкіндік жасалған шара екенін айтты": reported speech answers
    # "не айтты" as much as a quotation does.
    answer = engine.answer("Қуат Байғоджаев форум жайлы не айтты")
    assert "мүмкіндік жасалған шара" in answer.facts[0].text


def test_a_person_named_as_an_owner_is_not_who_is_asked(engine: Engine) -> None:
    # "Тоқаевтың диалог-платформасына кімдер ...": the invited, not the president named in the
    # article's lead; "осы жерге" (here) is the platform of the title.
    answer = engine.answer("Тоқаевтың диалог-платформасына кімдер арнайы шақырылған")
    assert "атқарушы билік өкілдері осы жерге" in answer.facts[0].text


def test_who_with_two_guesses_asks_what_it_is(engine: Engine) -> None:
    # "ауыл әкімі кім: саясаткер ме, қызметші ме": not who holds the office, but what an akim
    # is, told by the definition "Әкім – ... мемлекеттік қызметші".
    answer = engine.answer("ауыл әкімі кім, саясаткер ме әлде мемлекеттік қызметші ме")
    assert "Әкім – ең алдымен" in answer.facts[0].text


def test_eske_frames_what_was_said_like_dep(engine: Engine) -> None:
    # "еске алды" (recalled): "алды" is not asked about; the forum Tokayev spoke at is.
    answer = engine.answer("Жылқыбаев Тоқаевтың қандай форумдағы сөзін еске алды")
    assert "ауыл шаруашылығы еңбеккерлерінің форумында" in answer.facts[0].text


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


def test_families_answer_to_whom_as_a_group(engine: Engine) -> None:
    # "кімге беріледі": "келесі мұқтаж отбасыларға" (families) answer, not a named person.
    answer = engine.answer("малдың төлі кімге беріледі")
    assert "мұқтаж отбасыларға беру" in answer.facts[0].text


def test_aitylgan_frames_what_was_voiced(engine: Engine) -> None:
    # "айтылған өтініштер": the requests are asked about, not the saying ("айтты" is a
    # stopword too).
    query = engine._analyze("көшпелі қабылдауда айтылған өтініштер не болды")
    assert [g.word for g in query.groups] == ["koshpeli", "kabildauda", "otinishter"]


def test_a_person_answering_who_is_named_in_the_nominative(engine: Engine) -> None:
    # The sentence has "Тоқаевтың тапсырмалары" (Tokayev's tasks): the headline names him.
    answer = engine.answer("кто председатель партии аманат")
    assert answer.reply.startswith("<b>Қасым-Жомарт Кемелұлы Тоқаев</b>, Партия Төрағасы")
    assert "Тоқаевтың" in answer.facts[0].text  # the quotation stays as published


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


def test_head_of_the_party_branch_is_its_chairman_not_an_akim(engine: Engine) -> None:
    # "head" alone is an akim; with the party's name before "branch" it is the chairman.
    answer = engine.answer("who is the head of amanat branch in jambyl?")
    assert answer.facts, answer.reply
    assert "филиалының төрағасы Дауыл Бейсенқұлов" in answer.facts[0].text


@pytest.mark.parametrize(
    "question", ["Алматы облысында форумды кім ашты", "almaty oblysynda forumdy kim ashty"]
)
def test_who_opened_the_forum_spoke_at_its_opening(engine: Engine, question: str) -> None:
    # "ашты" (opened) reaches "ашылуында" (at its opening); it took "өндіріс орындарын ашу".
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert "Марат Сұлтанғазиев" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "кто организовал форум акимов в алматинской области",
        "who organised the village akims forum in almaty region",
    ],
)
def test_who_organised_is_answered_by_the_party_whose_initiative_it_was(
    engine: Engine, question: str
) -> None:
    # "Іс-шара «AMANAT» партиясының бастамасымен ұйымдастырылды": the party, not the akim
    # who spoke at its opening.
    answer = engine.answer(question)
    assert "партиясының бастамасымен ұйымдастырылды" in answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "кто руководит алматинским областным филиалом аманата",
        "кто возглавляет алматинский областной филиал партии",
    ],
)
def test_a_regional_branch_is_headed_by_its_chairman_not_the_oblasts_akim(
    engine: Engine, question: str
) -> None:
    # "алматинским" (any form of the Russian adjective) names the region; "областным
    # филиалом" is the regional branch, not the oblast the akim heads.
    answer = engine.answer(question)
    assert "Қуат Байғоджаев" in answer.facts[0].text


def test_what_an_akim_must_be_is_no_person(engine: Engine) -> None:
    # "кем должен быть": what he must be (a leader), not who; not the line naming the speaker.
    answer = engine.answer("кем должен быть сельский аким по словам султангазиева")
    assert "халықтың сеніміне ие көшбасшы" in answer.facts[0].text
    assert answer.intent != "who"
