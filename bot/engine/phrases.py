"""The engine's own words, in the asker's language. Quotes from articles stay as published."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "greeting": {
        "kk": "Сәлеметсіз бе! Мен өңірлік форумдар мен партия жұмысы туралы жаңалықтардан "
        "деректер табамын. Сұрағыңызды жазыңыз: қазақша, орысша немесе ағылшынша.",
        "ru": "Здравствуйте! Я нахожу факты о региональных форумах и партийной работе в новостях "
        "Казахстана. Задайте вопрос на казахском, русском или английском.",
        "en": "Hello! I find facts about regional forums and party work in Kazakhstan's news. "
        "Ask me in Kazakh, Russian or English.",
    },
    "thanks": {
        "kk": "Оқасы жоқ! Тағы сұрағыңыз болса, жазыңыз.",
        "ru": "Пожалуйста! Если будут ещё вопросы, пишите.",
        "en": "You're welcome! Ask me anything else.",
    },
    "help": {
        "kk": "Мен жаңалық мақалаларынан деректер табамын: санды, пайызды, кім, қашан, қайда.\n"
        "• Сұрақты жай жазыңыз: <i>Жамбыл облысында қанша ауыл әкімі сайланды?</i>\n"
        "• Өңірді таңдаңыз: {commands}\n"
        "• «тағы» деп жазсаңыз, келесі дерек шығады.\n"
        "• /sources: мақалалар тізімі; /lang: тіл.",
        "ru": "Я нахожу факты в новостных статьях: сколько, какой процент, кто, когда, где.\n"
        "• Просто задайте вопрос: <i>Сколько сельских акимов избрано в Жамбылской области?</i>\n"
        "• Выберите регион: {commands}\n"
        "• Напишите «ещё», чтобы получить следующий факт.\n"
        "• /sources: список статей; /lang: язык.",
        "en": "I find facts in news articles: how many, what share, who, when, where.\n"
        "• Just ask: <i>How many village akims were elected in Zhambyl region?</i>\n"
        "• Pick a region: {commands}\n"
        "• Type “more” for the next fact.\n"
        "• /sources: the articles; /lang: language.",
    },
    "empty": {
        "kk": "Сұрағыңызды мәтінмен жазыңыз, мысалы: <i>{example}</i>",
        "ru": "Напишите вопрос текстом, например: <i>{example}</i>",
        "en": "Please type your question, for example: <i>{example}</i>",
    },
    "vague": {
        "kk": "Сұрағыңызды толығырақ жазыңыз: не туралы, қай өңірде? Мысалы: <i>{example}</i>",
        "ru": "Уточните, пожалуйста, вопрос: о чём и в каком регионе? Например: <i>{example}</i>",
        "en": "Could you say a little more: about what, and where? For example: <i>{example}</i>",
    },
    "not_found": {
        "kk": "Кешіріңіз, мақалаларда бұл туралы дерек таппадым.",
        "ru": "К сожалению, в статьях нет ответа на этот вопрос.",
        "en": "Sorry, the articles don't say.",
    },
    "not_found_region": {
        "kk": "Кешіріңіз, {region} туралы мақалаларда бұл туралы дерек таппадым.",
        "ru": "К сожалению, в статьях о регионе «{region}» нет ответа на этот вопрос.",
        "en": "Sorry, the articles about {region} don't say.",
    },
    "suggest": {
        "kk": "Мүмкін, мынаны сұрарсыз:",
        "ru": "Возможно, вас интересует:",
        "en": "You could ask:",
    },
    "no_articles": {
        "kk": "{region} туралы әзірге мақала жоқ. Мақалалар бар өңірлер: {available}.",
        "ru": "О регионе «{region}» статей пока нет. Есть статьи о регионах: {available}.",
        "en": "There are no articles about {region} yet. Articles cover: {available}.",
    },
    "no_more": {
        "kk": "Бұл сұрақ бойынша басқа дерек жоқ.",
        "ru": "Других фактов по этому вопросу нет.",
        "en": "There are no more facts on this question.",
    },
    "nothing_before": {
        "kk": "Алдымен сұрақ қойыңыз, содан кейін «тағы» деп жазыңыз.",
        "ru": "Сначала задайте вопрос, потом напишите «ещё».",
        "en": "Ask a question first, then type “more”.",
    },
    "reported_on": {
        "kk": "Мақала <b>{date}</b> жарияланған, онда:",
        "ru": "Об этом сообщено <b>{date}</b>:",
        "en": "Reported on <b>{date}</b>:",
    },
    "says": {
        "kk": "Мақалада:",
        "ru": "В статье сказано:",
        "en": "The article says:",
    },
    "also": {
        "kk": "Тағы бір дерек:",
        "ru": "Ещё один факт:",
        "en": "Another fact:",
    },
    "source": {"kk": "Дереккөз", "ru": "Источник", "en": "Source"},
    "overview": {
        "kk": "<b>{region}</b>: {articles}.",
        "ru": "<b>{region}</b>: {articles}.",
        "en": "<b>{region}</b>: {articles}.",
    },
    "overview_hint": {
        "kk": "Енді сұрақтарыңыз осы өңір бойынша. Мысалы: <i>{example}</i>",
        "ru": "Теперь вопросы — об этом регионе. Например: <i>{example}</i>",
        "en": "Your questions are now about this region. For example: <i>{example}</i>",
    },
    "sources": {
        "kk": "<b>Мақалалар</b> ({count}):",
        "ru": "<b>Статьи</b> ({count}):",
        "en": "<b>Articles</b> ({count}):",
    },
    "unknown_source": {
        "kk": "дереккөзі көрсетілмеген",
        "ru": "источник не указан",
        "en": "source not stated",
    },
    "author": {"kk": "Авторы", "ru": "Автор", "en": "Author"},
    "summary_missing": {
        "kk": "Бұл мақала табылмады.",
        "ru": "Статья не найдена.",
        "en": "That article is not there any more.",
    },
}


def phrase(key: str, language: str, **kwargs: object) -> str:
    by_language = PHRASES[key]
    text = by_language.get(language) or by_language["kk"]
    return text.format(**kwargs) if kwargs else text


def article_count(n: int, language: str) -> str:
    """ "2 мақала", "2 статьи", "2 articles": Kazakh does not inflect a noun after a number,
    Russian takes one of three forms by the last digits, English one of two."""
    if language == "ru":
        if n % 10 == 1 and n % 100 != 11:
            noun = "статья"
        elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            noun = "статьи"
        else:
            noun = "статей"
        return f"{n} {noun}"
    if language == "en":
        return f"{n} article" if n == 1 else f"{n} articles"
    return f"{n} мақала"
