"""Hostile and odd input: the engine never raises, and every reply is valid Telegram HTML.

Property-tested with hypothesis on the real seeds (the session `engine` fixture) and on the
reply formatter. Inputs: any Unicode text but lone surrogates (Telegram cannot carry them),
emoji, RTL and zero-width marks, control characters, FTS5 query syntax, SQL, HTML. How many
inputs were tried is printed at the end of the module (run with -s to see it).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from bot.corpus.models import Article, FactSpan, Language, Region
from bot.engine import reply as fmt
from bot.engine.engine import Engine
from bot.engine.models import Answer, Context
from bot.store.stats import Stats, format_stats
from tests.html_rules import HtmlRuleError, check_telegram_html, visible_text

TRIED: Counter[str] = Counter()
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")
FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same inputs every run: a failure here is reproducible
)
# Shrinking a failure through the whole engine takes minutes on long texts; the inputs are
# derandomized, so the failing one as generated is reported and reproducible as it is.
ENGINE = settings(FAST, phases=(Phase.explicit, Phase.generate))

FRAGMENTS = (
    # FTS5 query syntax
    '"',
    "*",
    "NEAR(",
    "NEAR(ауыл әкім, 2)",
    " OR ",
    " AND ",
    " NOT ",
    "^",
    "-",
    ":",
    "title:",
    "(",
    ")",
    "{",
    "}",
    "+",
    # SQL
    "'; DROP TABLE articles; --",
    "' OR 1=1 --",
    '"; DELETE FROM facts; --',
    "%",
    "_",
    "\\",
    "/* */",
    "\x00",
    # HTML and Telegram markup
    "<script>alert(1)</script>",
    "<b>",
    "</b>",
    "<blockquote>",
    "</blockquote>",
    "&",
    "&amp;",
    "&lt;",
    "&#0;",
    "&nbsp;",
    '<a href="javascript:alert(1)">x</a>',
    "<tg-spoiler>",
    "<!--",
    "-->",
    "<",
    ">",
    "<<>>",
    "*bold*",
    "__",
    "`code`",
    "```",
    "||",
    # Unicode that breaks naive code
    "\u200f",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\u0301",
    "👨‍👩‍👧‍👦",
    "🇰🇿",
    "🙂",
    "\x07",
    "\x1b[31m",
    "\r\n",
    "\t",
    "\u2028",
    "\u2029",
    "\uffff",
    "\U0010ffff",
    "ﷺ",
    "مرحبا",
    "שלום",
    "𝕏",
    "Ⅻ",
    "①",
    "٣",
    "²",
    "½",
    "１２３",
    "İ",
    "ß",
    "ǅ",
    "ﬁ",
    # what the bot is asked for real, to reach the fact-finding paths
    "Жамбыл",
    "облысында",
    "қанша",
    "ауыл әкімі",
    "сайланды",
    "пайыз",
    "кім",
    "қашан",
    "сколько",
    "how many",
    "Almaty",
    "Алматы облысында",
    "тағы",
    "ещё",
    "more",
    "/zhambyl",
    "/almaty",
    "/start",
    "сәлем",
    "рахмет",
    "help",
    "2021",
    "165",
    "58%",
    "4,5",
    "2 600",
    "?",
    "Zhambyl oblysynda qansha auyl akimi",
    "жамбыл облысында канша",
)

# Any character Telegram can carry: every category but lone surrogates.
ANY_CHAR = st.characters(exclude_categories=["Cs"])
ANY_TEXT = st.text(ANY_CHAR, max_size=4096)
MIXED = st.lists(st.sampled_from(FRAGMENTS) | st.text(ANY_CHAR, max_size=8), max_size=40).map(
    " ".join
)
QUESTIONS = st.one_of(ANY_TEXT, MIXED, st.sampled_from(FRAGMENTS))


def _check_answer(engine: Engine, answer: Answer) -> None:
    assert isinstance(answer, Answer)
    assert answer.language in LANGUAGES
    assert answer.intent
    assert answer.region is None or answer.region in engine.regions
    check_telegram_html(answer.reply)
    for fact in answer.facts:
        assert fact.article_id in engine.articles
        assert fact.region in engine.regions
    # The `ask --json` line and the stored chat context survive any input.
    json.loads(json.dumps(answer.as_json(), ensure_ascii=False))
    assert Context.from_dict(json.loads(json.dumps(answer.context.as_dict()))) == answer.context


@st.composite
def contexts(draw: st.DrawFn, engine: Engine) -> Context:
    sentence_ids = [s.id for s in engine.sentences]
    return Context(
        region=draw(st.none() | st.sampled_from(sorted(engine.regions))),
        language=draw(st.none() | st.sampled_from(LANGUAGES)),
        last_question=draw(st.none() | QUESTIONS),
        last_intent=draw(st.none() | st.sampled_from(("count", "who", "about", "more", "x"))),
        shown=tuple(draw(st.lists(st.sampled_from(sentence_ids), max_size=5))),
    )


def test_any_question_gets_a_valid_reply(engine: Engine) -> None:
    @ENGINE
    @given(question=QUESTIONS)
    @example(question="")
    @example(question=" \n\t ")
    @example(question="'; DROP TABLE articles; --")
    @example(question='"Жамбыл" NEAR(ауыл* OR әкім^) "')
    @example(question="<script>alert('Жамбыл облысында қанша ауыл әкімі')</script>")
    @example(question="\u202eЖамбыл облысында\u200b қанша\u200d ауыл әкімі?\ufeff")
    def check(question: str) -> None:
        TRIED["question"] += 1
        _check_answer(engine, engine.answer(question, Context()))

    check()


def test_any_question_in_any_context_gets_a_valid_reply(engine: Engine) -> None:
    @ENGINE
    @given(question=QUESTIONS, context=contexts(engine))
    def check(question: str, context: Context) -> None:
        TRIED["question in context"] += 1
        answer = engine.answer(question, context)
        _check_answer(engine, answer)
        # "тағы" / the "more" button after any answer
        _check_answer(engine, engine.more(answer.context))

    check()


def _word_salad(seed: int, length: int) -> str:
    rnd = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rnd.choice(FRAGMENTS))
    return " ".join(words)[:length]


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("Жамбыл облысында қанша ауыл әкімі сайланды? " * 92, id="repeated-question"),
        pytest.param(_word_salad(6, 4096), id="word-salad"),
        pytest.param("🙂" * 4096, id="emoji"),
        pytest.param("<" * 4096, id="angle-brackets"),
        pytest.param("\u200b" * 4096, id="zero-width"),
    ],
)
def test_a_question_of_4096_characters_gets_a_valid_reply(engine: Engine, question: str) -> None:
    TRIED["4096 characters"] += 1
    _check_answer(engine, engine.answer(question[:4096], Context()))


def test_every_fixed_reply_is_valid(engine: Engine) -> None:
    """Region overviews, sources, summaries, help: the replies not built from a question."""
    replies: list[str] = []
    for language in LANGUAGES:
        replies += [
            engine.greeting(language),
            engine.help(language),
            engine.sources_reply(language),
        ]
        replies += [engine.overview(r, language=language).reply for r in engine.regions]
        replies += [engine.summary_reply(a.key, language) for a in engine.articles.values()]
        replies.append(engine.summary_reply(-1, language))
        replies.append(engine.more(Context(), language=language).reply)
    for text in replies:
        TRIED["fixed reply"] += 1
        check_telegram_html(text)


# ---- the reply formatter, on text no article holds yet ----------------------------------

SOME_TEXT = st.one_of(st.text(ANY_CHAR, min_size=1, max_size=300), MIXED.filter(bool))


@st.composite
def articles(draw: st.DrawFn) -> Article:
    return Article(
        id="x",
        key=1,
        title=draw(st.text(ANY_CHAR, max_size=5000)),
        region="zhambyl",
        source=draw(st.sampled_from(("unknown", "UNKNOWN")) | SOME_TEXT),
        summary=draw(SOME_TEXT),
        date=draw(st.none() | st.dates(min_value=dt.date(1, 1, 1))),
    )


@st.composite
def sentences_with_spans(draw: st.DrawFn) -> tuple[str, FactSpan | None]:
    sentence = draw(st.text(ANY_CHAR, min_size=1, max_size=3000) | MIXED.filter(bool))
    shape = draw(st.sampled_from(("none", "inside", "anywhere")))
    if shape == "none":
        return sentence, None
    if shape == "inside":
        start = draw(st.integers(0, len(sentence) - 1))
        end = draw(st.integers(start + 1, len(sentence)))
        text = sentence[start:end]
    else:  # offsets that do not match the sentence: the formatter must not trust them
        start, end = draw(st.integers(-5, 5000)), draw(st.integers(-5, 5000))
        text = draw(SOME_TEXT)
    kind = draw(st.sampled_from(("count", "percent", "money", "year", "date", "person")))
    role = draw(st.none() | SOME_TEXT)
    return sentence, FactSpan(kind, text, start, end, None, None, role)  # type: ignore[arg-type]


REGIONS = st.builds(
    Region,
    id=st.just("zhambyl"),
    names=st.fixed_dictionaries({"kk": SOME_TEXT, "ru": SOME_TEXT, "en": SOME_TEXT}),
    aliases=st.just(()),
    kind=st.sampled_from(("oblast", "city", "country")),
)


@FAST
@given(
    found=sentences_with_spans(),
    article=articles(),
    region=st.none() | REGIONS,
    language=st.sampled_from(LANGUAGES),
    lead=st.none() | SOME_TEXT.map(fmt.esc),
)
def test_a_fact_reply_is_valid_whatever_the_article_says(
    found: tuple[str, FactSpan | None],
    article: Article,
    region: Region | None,
    language: str,
    lead: str | None,
) -> None:
    TRIED["fact reply"] += 1
    sentence, span = found
    reply = fmt.fit(fmt.fact_reply(sentence, span, article, region, language, lead=lead))
    check_telegram_html(reply)


# Lines as the engine builds them: every tag opens and closes on its own line.
LINES = st.lists(
    st.tuples(st.sampled_from(("", "b", "i", "blockquote")), st.text(ANY_CHAR, max_size=1500)),
    min_size=1,
    max_size=12,
)


@FAST
@given(lines=LINES, limit=st.sampled_from((4096, 4095, 100, 10)))
@example(lines=[("", "a" * 4095), ("", "b" * 10)], limit=4096)
@example(lines=[("b", "a" * 4094), ("", "b")], limit=4096)
def test_fit_keeps_a_reply_within_the_limit(lines: list[tuple[str, str]], limit: int) -> None:
    TRIED["fit"] += 1
    text = "\n".join(f"<{t}>{fmt.esc(s)}</{t}>" if t else fmt.esc(s) for t, s in lines)
    if not visible_text(text).strip():
        text += "\nx"
    fitted = fmt.fit(text, limit)
    assert len(visible_text(fitted)) <= limit
    if limit == 4096:
        check_telegram_html(fitted)
    if fmt.visible_length(text) <= limit:
        assert fitted == text


@FAST
@given(
    unanswered=st.lists(
        st.tuples(st.text(ANY_CHAR, max_size=600), st.integers(1, 10**6)), max_size=5
    ),
    by_language=st.dictionaries(st.text(ANY_CHAR, max_size=10), st.integers(0, 10**6), max_size=4),
    saving=st.booleans(),
    language=st.sampled_from((*LANGUAGES, "xx")),
)
def test_stats_are_valid_whatever_was_asked(
    unanswered: list[tuple[str, int]], by_language: dict[str, int], saving: bool, language: str
) -> None:
    TRIED["stats"] += 1
    stats = Stats(
        questions=10,
        answered=3,
        by_language=by_language,
        top_unanswered=unanswered,
        likes=1,
        dislikes=2,
        saving=saving,
        articles=5,
    )
    check_telegram_html(format_stats(stats, language))


# ---- the checker itself: it must refuse what Telegram refuses ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<b>165</b> ауыл әкімі",
        '<a href="https://baq.kz/?a=1&amp;b=2">BAQ</a>',
        "<blockquote expandable>quote <b>bold</b></blockquote>",
        '<pre><code class="language-python">x &lt; 1</code></pre>',
        '<span class="tg-spoiler">s</span> <tg-spoiler>s</tg-spoiler>',
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "&#128512; &#x1F600; &quot;q&quot; &lt;&gt;&amp;",
    ],
)
def test_the_checker_accepts_telegram_html(text: str) -> None:
    check_telegram_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n ",
        "a < b",
        "a > b",
        "Tom & Jerry",
        "&nbsp;",
        "&amp",
        "&#0;",
        "&#xD800;",
        "<script>x</script>",
        "<b>x</i>",
        "<b><i>x</b></i>",
        "<b>x",
        "x</b>",
        "<blockquote>a<blockquote>b</blockquote></blockquote>",
        "<code><b>x</b></code>",
        '<span class="x">s</span>',
        "<span>s</span>",
        "<a>x</a>",
        '<a href="javascript:alert(1)">x</a>',
        "<a href='https://x.kz'>x</a>",
        '<b class="x">x</b>',
        '<a href="https://x.kz?a&b">x</a>',
        "x" * 4097,
        "<b>" + "x" * 4097 + "</b>",
    ],
)
def test_the_checker_refuses_what_telegram_refuses(text: str) -> None:
    with pytest.raises(HtmlRuleError):
        check_telegram_html(text)


@pytest.fixture(scope="module", autouse=True)
def _report_inputs() -> Iterator[None]:
    yield
    total = sum(TRIED.values())
    print(f"\nhostile input: {total} inputs tried: {dict(TRIED)}")
