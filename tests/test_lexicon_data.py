"""The matcher's data as a person meets it (seeds/lexicon.yaml, seeds/intents.yaml): the ways
people word a question reach the articles' sentence, and a question the articles do not
answer stays refused."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "алғыс" is thanks only as "алғыс айтамын", "алғысым шексіз": "алғыс хат" is a letter
        # of thanks, and "берілді", "алды" (given, got) reach "табысталды" (handed over).
        ("алғыс хат кімдерге берілді", "алғыс хаттары тасбысталды"),
        ("алғыс хаттарды кімдер алды", "алғыс хаттары тасбысталды"),
        # "өткізді" (held) reaches "ұйымдастырды" (organised).
        ("Amanat Jambyl filialy ötkızgen forum ne boldy", "форум ұйымдастырды"),
        # Words of an opinion and "жағынан" (on the part of) name no fact.
        ("жамбылдағы жиынға аманат жағынан кім келіпті", "Ержан Жылқыбаев"),
        ("жамбылдағы форумға партия атынан кім келді", "Ержан Жылқыбаев"),
        ("Мәдібек форумды неге маңызды деп санайды", "форумның маңыздылығына тоқталды"),
        # Who "heads", "leads" a branch is its chairman, "партияфилиалының" is a branch.
        ("жамбылдағы аманат филиалын кім басқарады", "филиалының төрағасы Дауыл Бейсенқұлов"),
        ("кто возглавляет филиал Аманата в Алматинской области", "төрағасы Қуат Байғоджаев"),
        ("who leads the Amanat branch in Zhambyl", "филиалының төрағасы Дауыл Бейсенқұлов"),
        ("who is in charge of the Amanat branch in Almaty region", "төрағасы Қуат Байғоджаев"),
        ("кто председатель филиала партии в алматинской области", "төрағасы Қуат Байғоджаев"),
        # "провели приёмы" is "қабылдау жүргізіп"; an applicant (заявитель) made a request.
        ("сколько приемов граждан провели депутаты Алматинской области", "517 қабылдау"),
        ("скольким заявителям помогли положительно, Алматинская область", "817-інің өтініші"),
        # "share" is a percent only as "what share", "share of": "shared" is "бөлісті".
        ("what did the Aksengir akim share at the forum", "жетістіктерімен бөлісті"),
        ("what share of Almaty oblast akims are Amanat members", "Оның 74%-ы"),
        # "continue" is no "more" word: whether the elections go on is a question.
        ("will the elections of village akims continue", "алдағы уақытта да жалғасын табады"),
        ("who received letters of appreciation at the Almaty forum", "алғыс хаттары"),
        # "кімдерге" is "кім" (Kazakh typed on a Russian keyboard is still Kazakh); an
        # "өтініш беруші" (applicant) made a request.
        ("индикаторларды кимдерге бекитип берген", "индикаторлары Саяси кеңестің мүшелеріне"),
        ("калган отиниш берушилерге не болды, алматы облысы", "заң аясында түсініктеме"),
        # "қорытындысы" is no "about" word when it is what is asked about.
        ("облыс әкімі неше айдың қорытындысын шығарды", "10 айына қорытынды жасады"),
        # "вручили" is handing over an award; "активным" is "белсенді".
        ("что вручили активным акимам в конце мероприятия", "алғыс хаттары тасбысталды"),
        # Kazakh paraphrases: "қатысты" (took part) reaches "араласты" (got involved), "заң
        # базасы жасалды" the "заңнамалық базасы әзірленді", "жүргізілді" (conducted) the
        # "жүзеге асырдық" (carried out).
        ("саяси партиялар ауыл әкімдерін сайлауға қалай қатысты", "сайлауға белсене араласты"),
        ("реформалардың заң базасы қанша уақытта жасалды", "Қысқа мерзім ішінде елімізде"),
        ("неге сайлау бірден емес, біртіндеп жүргізілді", "орынсыз асығыстыққа жол берген"),
        # "өседі" (will grow) is growth; "әр" (each), "қылып" (as) are function words.
        ("облыстын экономикасы биыл канша оседи, алматы облысы", "4,7% өсіммен"),
        ("аманат кандай адамдарды кандидат кылып усынып жатыр", "лайықты кандидаттар"),
        # "when he opened the forum" joins a clause: the question asks what he talked about.
        (
            "what did Sultangaziyev talk about when he opened the rural akims forum",
            "өмір сапасына қалай әсер ететініне",
        ),
        # Where the receptions took place ("прошли", "held") is not where they will ("өтеді");
        # "в каких районах" asks where, like "в каком районе".
        ("в каких районах прошли выездные приемы граждан", "Байзақ, Жамбыл, Жуалы"),
        ("where were the mobile public receptions held in Zhambyl", "Байзақ, Жамбыл, Жуалы"),
        ("когда пройдет прием мобильной группы", "30 мамырға жоспарланған"),
        # "какое место занял" asks for a rank (not a place, nor a duration); "чистая питьевая
        # вода" is clean drinking water.
        ("какое место занял Жамбыл по выполнению дорожной карты", "алғашқы орындардан"),
        ("в каких селах появилась чистая питьевая вода", "Жайсан мен Ақсеңгір"),
        # Russian phrases whose last word had been cut to three letters ("социальн сет",
        # "законодательн баз"): a stem that short matches a whole word only.
        ("что пишут в социальных сетях об акимах", "әлеуметтік желілердің"),
        ("какова законодательная база реформ", "заңнамалық базасы әзірленді"),
        # The initiator of an event is as often a party as a person: "по чьей инициативе"
        # asks which, and wants no person.
        ("по чьей инициативе прошел форум сельских акимов в Алматинской области", "бастамасымен"),
        ("on whose initiative was the Almaty rural akims forum held", "бастамасымен"),
        ("форум кімнің бастамасымен ұйымдастырылды", "партиясының бастамасымен"),
        # "X жайлы не жазылған" asks about X, not for an article's overview.
        ("тараздагы онкология орталыгы жайлы не жазылган", "онкология және хирургия"),
        # "халық саны" (the head count) lines up with "халқы ... адамды"; "bring to the
        # people" is "халыққа жеткізетін".
        ("облыс экими халык саны туралы не деди, алматы облысы", "1,5 млн адамды"),
        ("Алматы облысында халық саны қанша", "1,5 млн адамды"),
        (
            "what should the akims bring to the people according to Zhylkybayev",
            "партия құндылықтарын халыққа жеткізетін",
        ),
        # Checking a figure ("is it correct that", "правда ли", "рас па") asks for its fact.
        ("is it correct that 84 percent of villagers trust their akims", "84 пайызы"),
        ("правда ли, что в Жамбыле избрали 165 сельских акимов", "165 ауыл әкімі"),
        ("Жамбылда 165 ауыл әкімі сайланды деген рас па", "165 ауыл әкімі"),
        # A government job is the civil service.
        (
            "what fraction of newly elected akims had no government job before",
            "үштен бірі – бұрын мемлекеттік қызметте болмаған",
        ),
    ],
)
def test_a_way_of_asking_reaches_its_sentence(engine: Engine, question: str, sentence: str) -> None:
    answer = engine.answer(question)
    assert answer.facts, answer.reply
    assert any(sentence in fact.text for fact in answer.facts[:2]), answer.facts[0].text


@pytest.mark.parametrize(
    "question",
    [
        "Шымкентте форумды кім өткізді",  # a city without articles
        "форумда кімге алғыс хат берілді 2019 жылы",  # another year
        "кто возглавляет маслихат Жамбылской области",  # the maslikhat's chairman is not named
        "Шымкенттегі филиалды кім басқарады",
        "Шымкентте сайлау қалай жүргізілді",
        "Шымкентте халық саны қанша",
        # Nothing closed: the lexicon knows the word, so the question is seen to ask for what
        # the articles lack.
        "какие заводы закрылись в Жамбылской области",
        "how many schools were closed in Almaty region",
        # "took place" is not "conducted": "жыл басынан бері 517 қабылдау жүргізіп" has no date
        # of the forum.
        "when did the Almaty deputies forum take place",
        "Түркістан облысында партиялар сайлауға қалай қатысты",
        "2010 жылы қандай заң жасалды",
        "Шымкенттің экономикасы канша оседи",
        # "next" is no "more" word inside a question: the next election is not the last one.
        "дата следующих выборов акимов сёл?",
        "when is the next election of village akims",
    ],
)
def test_a_question_the_articles_do_not_answer_stays_refused(engine: Engine, question: str) -> None:
    assert not engine.answer(question).facts


@pytest.mark.parametrize("text", ["алғыс айтамын", "алғысым шексіз", "рахмет"])
def test_thanks_is_still_thanks(engine: Engine, text: str) -> None:
    answer = engine.answer(text)
    assert answer.intent == "thanks"
    assert not answer.facts


@pytest.mark.parametrize("text", ["келесі", "ещё", "more", "tell me more"])
def test_a_short_more_message_still_asks_for_the_next_fact(engine: Engine, text: str) -> None:
    first = engine.answer("Жамбыл облысында қанша ауыл әкімі сайланды?")
    again = engine.answer(text, first.context)
    assert again.intent == "more"
    assert again.facts
    assert again.facts[0].sentence_id != first.facts[0].sentence_id


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("сәлеметсіз бе, бір сұрақ қойсам бола ма", "greeting"),
        ("салеметсизбе ботжан", "greeting"),
        ("можно задать вопрос?", "greeting"),
        ("сенен не сураса болады, кандай суракка жауап бересин", "help"),
        ("как с тобой работать", "help"),
        ("что можно у тебя спросить", "help"),
    ],
)
def test_polite_openers_are_small_talk(engine: Engine, text: str, intent: str) -> None:
    answer = engine.answer(text)
    assert answer.intent == intent
    assert not answer.facts


@pytest.mark.parametrize(
    "question",
    [
        "what's the purpose of the Zhambyl forum",
        "what is the goal of the deputies forum",
        "какова была цель форума депутатов",
        "чем объяснили сокращение общественных советов",
        "кеңестер қандай себеппен қысқарды",
        "главная цель форума депутатов",
        "what was the main goal of the Almaty deputies forum",
    ],
)
def test_ways_of_asking_why_are_why(engine: Engine, question: str) -> None:
    assert engine.answer(question).intent == "why"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("what happened at the first rural akims forum in Almaty oblast", "overview"),
        ("что было на форуме в Жамбыле", "overview"),
        ("brief me on the Zhambyl forum", "overview"),
        ("what happened to the deputies with low ratings", "about"),
    ],
)
def test_what_happened_at_an_event_is_an_overview(
    engine: Engine, question: str, intent: str
) -> None:
    assert engine.answer(question).intent == intent
