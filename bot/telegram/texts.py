"""Telegram-only words: button labels, command descriptions, short notes (kk, ru, en).

The answers themselves come from the engine; these are the words around them. Every value is
plain text except where a key ends in `_html` (already valid Telegram HTML).
"""

from __future__ import annotations

from typing import Final

from bot.corpus.models import LANGUAGES, Language

DEFAULT_LANGUAGE: Final[Language] = "kk"

TEXTS: Final[dict[str, dict[str, str]]] = {
    # buttons
    "btn_more": {"kk": "➕ Тағы дерек", "ru": "➕ Ещё факт", "en": "➕ More facts"},
    "btn_source": {"kk": "📄 Мақала", "ru": "📄 Статья", "en": "📄 Source"},
    "btn_other_region": {"kk": "🗺 Басқа өңір", "ru": "🗺 Другой регион", "en": "🗺 Another region"},
    "btn_like": {"kk": "👍", "ru": "👍", "en": "👍"},
    "btn_dislike": {"kk": "👎", "ru": "👎", "en": "👎"},
    # callback answers (≤ 200 characters)
    "feedback_thanks": {
        "kk": "Рақмет, пікіріңіз сақталды!",
        "ru": "Спасибо за оценку!",
        "en": "Thanks for the feedback!",
    },
    "no_more": {
        "kk": "Бұл сұрақ бойынша басқа дерек жоқ.",
        "ru": "Других фактов по этому вопросу нет.",
        "en": "There are no more facts on this question.",
    },
    "stale_button": {
        "kk": "Бұл батырма ескірді. Сұрағыңызды қайта жазыңыз.",
        "ru": "Эта кнопка устарела. Задайте вопрос заново.",
        "en": "This button has expired. Please ask again.",
    },
    "choose_region": {"kk": "Қай өңір бойынша?", "ru": "Какой регион?", "en": "Which region?"},
    # messages
    "non_text": {
        "kk": "Кешіріңіз, мен тек мәтінді оқимын. Сұрағыңызды сөзбен жазыңыз.",
        "ru": "Извините, я понимаю только текст. Напишите, пожалуйста, вопрос словами.",
        "en": "Sorry, I can only read text. Please type your question.",
    },
    "internal_error": {
        "kk": "Кешіріңіз, бір қате кетті. Сұрағыңызды сәл кейін қайталап көріңіз.",
        "ru": "Извините, что-то пошло не так. Попробуйте задать вопрос ещё раз чуть позже.",
        "en": "Sorry, something went wrong. Please try again in a moment.",
    },
    "unknown_command": {
        "kk": "Мұндай команда жоқ. Командалар тізімі: /help",
        "ru": "Такой команды нет. Список команд: /help",
        "en": "I don't know that command. The commands are in /help",
    },
    "choose_language": {
        "kk": "Тілді таңдаңыз · Выберите язык · Choose a language",
        "ru": "Тілді таңдаңыз · Выберите язык · Choose a language",
        "en": "Тілді таңдаңыз · Выберите язык · Choose a language",
    },
    "language_set": {
        "kk": "Жарайды, енді қазақша жауап беремін.",
        "ru": "Хорошо, теперь я отвечаю по-русски.",
        "en": "All right, I will answer in English now.",
    },
    "regions_title": {
        "kk": "Мақалалары бар өңірлер:",
        "ru": "Регионы, о которых есть статьи:",
        "en": "Regions with articles:",
    },
    "no_regions": {
        "kk": "Әзірге мақала жоқ.",
        "ru": "Статей пока нет.",
        "en": "There are no articles yet.",
    },
    "examples_title": {"kk": "Мысалы, сұраңыз:", "ru": "Например, спросите:", "en": "Try asking:"},
    "inline_open_bot": {
        "kk": "Ботпен сөйлесу",
        "ru": "Открыть бота",
        "en": "Open the bot",
    },
    "inline_source": {"kk": "Дереккөз", "ru": "Источник", "en": "Source"},
    # the command menu (setMyCommands: 1-256 characters each)
    "cmd_start": {"kk": "Бастау", "ru": "Начать", "en": "Start"},
    "cmd_help": {"kk": "Көмек", "ru": "Помощь", "en": "Help"},
    "cmd_regions": {
        "kk": "Мақалалары бар өңірлер",
        "ru": "Регионы со статьями",
        "en": "Regions with articles",
    },
    "cmd_sources": {"kk": "Дереккөздер", "ru": "Источники", "en": "Sources"},
    "cmd_lang": {"kk": "Тіл", "ru": "Язык", "en": "Language"},
    "cmd_region": {"kk": "{region}: шолу", "ru": "{region}: обзор", "en": "{region}: overview"},
    # the bot's profile (description ≤ 512, short description ≤ 120)
    "description": {
        "kk": "Өңірлік форумдар мен партия жұмысы туралы сұрақтарға қазақ тіліндегі жаңалық "
        "мақалаларынан жауап беремін: санды, пайызды, кімнің не айтқанын және дереккөзін. "
        "Қазақша, орысша немесе ағылшынша сұраңыз.",
        "ru": "Отвечаю на вопросы о региональных форумах и партийной работе в Казахстане по "
        "новостным статьям на казахском языке: цифры, проценты, кто что сказал и где это "
        "опубликовано. Спрашивайте на казахском, русском или английском.",
        "en": "I answer questions about regional forums and party work in Kazakhstan from "
        "Kazakh-language news articles: the numbers, the shares, who said what, and where it "
        "was published. Ask in Kazakh, Russian or English.",
    },
    "short_description": {
        "kk": "Өңірлік форумдар туралы жаңалықтардан деректер.",
        "ru": "Факты о региональных форумах из новостей Казахстана.",
        "en": "Facts about Kazakhstan's regional forums, from the news.",
    },
}


def text(key: str, language: str | None, **kwargs: object) -> str:
    """The text for `key` in `language` (Kazakh when the language is not one of ours)."""
    by_language = TEXTS[key]
    value = by_language.get(language or DEFAULT_LANGUAGE) or by_language[DEFAULT_LANGUAGE]
    return value.format(**kwargs) if kwargs else value


def language_of(code: str | None) -> Language:
    """A Telegram `language_code` ("ru", "en-US", "kk") mapped to one of the bot's languages."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.split("-")[0].lower()
    if base in LANGUAGES:
        return base
    if base in ("be", "uk", "ky", "uz", "tg"):  # neighbours who mostly read Russian
        return "ru"
    return "en"


def check_limits() -> None:
    """Telegram's limits on the texts above (run by the tests)."""
    for language in LANGUAGES:
        assert len(text("description", language)) <= 512
        assert len(text("short_description", language)) <= 120
        for key in TEXTS:
            if key.startswith("cmd_"):
                assert 1 <= len(text(key, language, region="x" * 40)) <= 256
            if key in ("feedback_thanks", "no_more", "stale_button", "choose_region"):
                assert len(text(key, language)) <= 200
