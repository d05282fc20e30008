"""The answer engine: one code path behind Telegram, `chat` and `ask`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from typing import TypeVar

from rapidfuzz import fuzz

from bot.corpus.models import Article, Corpus, Language, Region, Sentence
from bot.corpus.quotations import speaker
from bot.engine import reply as fmt
from bot.engine.index import SearchIndex
from bot.engine.models import Answer, Context, Fact
from bot.engine.phrases import article_count, phrase
from bot.engine.query import Query, analyze
from bot.engine.rank import Ranked, Ranker
from bot.engine.regions import SAME_NAME_OBLAST, RegionMatcher, RegionMention
from bot.engine.vocabulary import Vocabulary
from bot.text.fold import fold, folded_words, word_key

log = logging.getLogger(__name__)

MAX_FACTS = 10
OVERVIEW_EVIDENCE = 3  # an article's best sentences that choose it for an overview
LEAD_SPAN = 3  # how far into an article its news lead may be
KEPT_QUESTIONS = 1024  # questions kept read (`_analyze`)
NEWS_LEAD = fold("Бүгін ")  # "Бүгін ... өтті": a news lead opens with "today"
ACROSS = fold("бойынша")  # "Қазақстан бойынша": across the country
# "Қазақстанда", "Қазақстандағы", "Қазақстаннан": in or from the country (folded endings).
WHERE_ENDINGS = ("da", "de", "ta", "te", "nan", "nen", "dan", "den", "tan", "ten")

T = TypeVar("T")


class Engine:
    def __init__(self, corpus: Corpus, vocabulary: Vocabulary) -> None:
        self.corpus = corpus
        self.vocab = vocabulary
        self.regions: dict[str, Region] = corpus.regions
        self.region_matcher = RegionMatcher(corpus.regions)
        self.sentences: Sequence[Sentence] = corpus.sentences
        self.articles = corpus.articles
        self._by_key = {a.key: a for a in corpus.articles.values()}
        # Asked of the corpus, not of each sentence: the store's sentences are built only
        # when read (bot/store/sentence_columns.py), and a pass over all is seconds at 20k.
        self._position = corpus.sentence_positions()
        self.index = SearchIndex(self.sentences, corpus.sentence_regions())
        self.ranker = Ranker(
            self.index,
            self.sentences,
            average_keys=corpus.average_keys(),
            country_regions={r.id for r in corpus.regions.values() if r.kind == "country"},
            dated=lambda article_id: self.articles[article_id].date is not None,
            title=lambda article_id: self.articles[article_id].title,
            year_of=self._year_of,
        )
        self._article_count: dict[str, int] = {}
        for article in corpus.articles.values():
            self._article_count[article.region] = self._article_count.get(article.region, 0) + 1
        # The catalogue (a region's overview, /sources, a region's articles) depends on the
        # corpus alone: made once per engine, and gone with it (`swap` brings a fresh one).
        self._catalogue: dict[Hashable, object] = {}
        self._examples_asking: dict[tuple[str, str | None, str], list[str]] = {}
        self._analyzed: dict[str, Query] = {}

    def swap(self, fresh: Engine) -> None:
        """Take a freshly built engine's data in one step: handlers holding this object see
        the reloaded corpus at once (asyncio runs no handler in between)."""
        self.__dict__.update(fresh.__dict__)

    # ---- the front ends' entry points -------------------------------------------------

    def answer(self, question: str, context: Context | None = None) -> Answer:
        context = context or Context()
        query = self._analyze(question or "")
        language: Language = context.language or query.language
        if not context.language and context.last_question and _names_only_a_region(query):
            # "/zhambyl" or "Жамбыл" in the middle of a conversation has no language of its own.
            language = self.language_of(context.last_question)

        if query.intent in ("greeting", "thanks", "help"):
            return self._plain(
                question, query, language, context, self._small_talk(query.intent, language)
            )
        if query.intent == "more":
            # The answer is to what was typed ("тағы"), whatever question it continues.
            more = self.more(replace(context, language=context.language), language=language)
            return replace(more, question=question)
        if query.intent == "empty" or (not query.groups and query.intent != "overview"):
            if not query.groups and query.regions and context.last_question is None:
                return self.overview(query.regions[0].region, context, language=language)
            if not (query.followup and context.last_question):
                return self._plain(
                    question,
                    query,
                    language,
                    context,
                    self._ask_more_fully(query, language, context),
                    intent="empty",
                )

        remembered = question
        if query.followup and context.last_question and len(query.groups) <= 1:
            query = self._follow_up(query, context.last_question)
            remembered = context.last_question  # "тағы" after it continues the real question
        return self._answer_query(question, query, language, context, remembered)

    def _answer_query(
        self, question: str, query: Query, language: Language, context: Context, remembered: str
    ) -> Answer:
        region, refusal = self._region_for(query, context, language)
        if refusal:
            return self._plain(question, query, language, context, refusal, region=region)
        if query.intent == "overview" and region is not None and not query.groups:
            return self.overview(region, context, language=language)

        ranked = self.ranker.rank(query, region)
        if not ranked and region in self.region_matcher.countries and self._country_asked(query):
            # "Қазақстан қандай ел болуы керек", "Қазақстанның қандай болатыны": not found in
            # the country's own news, the country is what the question is about, and every
            # region's news may speak of it (as a word the answer must have, like any other).
            about = analyze(
                query.text,
                self.vocab,
                self.region_matcher,
                self.index.key_ids.__contains__,
                countries=False,
            )
            if about.groups and about.intent == query.intent:
                query, region = about, context.region
                ranked = self.ranker.rank(query, region)
        new_context = replace(
            context,
            last_question=remembered,
            last_intent=query.intent,
            last_region=region,
            shown=(),
        )
        if not ranked:
            return self._unknown(question, query, language, region, new_context)
        if query.intent == "overview":
            if self._about_the_article(query, ranked[0]):
                return self._article_answer(question, query, language, region, new_context, ranked)
            # "что пишут про онкологический центр": the sentence about it answers.
            query = replace(query, intent="about")
            new_context = replace(new_context, last_intent=query.intent)
        best = ranked[0]
        facts = [self._fact(r) for r in ranked[:MAX_FACTS]]
        if best.cause is not None:
            # "Неге ...?": the reason is the answer; the sentence it explains comes next.
            cause = self.sentences[best.cause]
            article = self.articles[cause.article_id]
            reason = Fact(cause.text, article.id, article.region, best.score, cause.id)
            facts = [reason, *(f for f in facts if f.sentence_id != cause.id)][:MAX_FACTS]
        quoted = dict.fromkeys((facts[0].sentence_id, self.sentences[best.index].id))
        new_context = replace(new_context, shown=tuple(quoted))
        return Answer(
            question=question,
            language=language,
            intent=query.intent,
            region=region,
            reply=fmt.fit(self._fact_reply(best, language)),
            facts=facts,
            context=new_context,
            more_available=len(ranked) > 1,
        )

    def reask(self, context: Context, region_id: str) -> Answer:
        """The previous question again, for another region (the "another region" button)."""
        if not context.last_question:
            return self.overview(region_id, context)
        region = self.regions.get(region_id)
        if region is None:
            raise KeyError(region_id)
        language = context.language or self._analyze(context.last_question).language
        previous = self._analyze(context.last_question)
        mention = RegionMention(region_id, -1, -1, bare=False)
        query = replace(previous, regions=(mention,))
        return self._answer_query(
            context.last_question, query, language, context, context.last_question
        )

    def more(self, context: Context, *, language: Language | None = None) -> Answer:
        """The next fact for the previous question ("тағы", "ещё", the "more" button)."""
        language = language or context.language or "kk"
        if not context.last_question:
            text = phrase("nothing_before", language)
            return Answer("", language, "more", context.region, text, context=context)
        query = self._analyze(context.last_question)
        region = context.last_region or self._region_for(query, context, language)[0]
        ranked = [
            r
            for r in self.ranker.rank(query, region)
            if self.sentences[r.index].id not in context.shown
        ]
        if not ranked:
            text = phrase("no_more", language)
            return Answer(context.last_question, language, "more", region, text, context=context)
        best = ranked[0]
        fact = self._fact(best)
        new_context = replace(context, shown=(*context.shown, fact.sentence_id))
        return Answer(
            question=context.last_question,
            language=language,
            intent="more",
            region=region,
            reply=fmt.fit(self._fact_reply(best, language, lead=phrase("also", language))),
            facts=[self._fact(r) for r in ranked[:MAX_FACTS]],
            context=new_context,
            more_available=len(ranked) > 1,
        )

    def overview(
        self, region_id: str, context: Context | None = None, *, language: Language | None = None
    ) -> Answer:
        """A region's articles and headline facts; the answer's context is scoped to the region."""
        context = (context or Context()).with_region(region_id)
        language = language or context.language or "kk"
        region = self.regions.get(region_id)
        if region is None:
            raise KeyError(region_id)
        reply, facts = self._catalogued(
            ("overview", region_id, language), lambda: self._overview_page(region, language)
        )
        if facts is None:  # no articles in the region
            return Answer(region.command, language, "overview", region_id, reply, context=context)
        return Answer(
            question=region.command,
            language=language,
            intent="overview",
            region=region_id,
            reply=reply,
            facts=list(facts),
            context=replace(context, last_question=None, shown=()),
        )

    def _overview_page(
        self, region: Region, language: Language
    ) -> tuple[str, tuple[Fact, ...] | None]:
        """A region's overview: the reply and its headline facts (None: it has no articles)."""
        region_id = region.id
        articles = self.articles_in(region_id)
        if not articles:
            return self._no_articles(region, language), None
        lines = [
            phrase(
                "overview",
                language,
                region=fmt.esc(region.name(language)),
                articles=article_count(len(articles), language),
            )
        ]
        facts: list[Fact] = []
        for article in articles:
            if fmt.longer_than_a_message(lines):
                break  # a region of a thousand articles: the rest would be cut anyway
            lines.append("")
            lines.append(f"📰 <b>{fmt.esc(article.title)}</b>")
            lines.append(fmt.esc(article.summary))
            for sid in article.sentence_ids:
                sentence = self.sentences[self._position[sid]]
                if any(f.kind in ("count", "percent", "money") for f in sentence.facts):
                    facts.append(Fact(sentence.text, article.id, region_id, 1.0, sentence.id))
                    break
        lines.append("")
        lines.append(
            phrase(
                "overview_hint", language, example=fmt.esc(self._examples(language, region_id)[0])
            )
        )
        return fmt.fit("\n".join(lines)), tuple(facts)

    # ---- catalogue ----------------------------------------------------------------------

    def language_of(self, text: str) -> Language:
        """The language a question is asked in."""
        return self._analyze(text).language

    def greeting(self, language: str) -> str:
        return phrase("greeting", language)

    def help(self, language: str) -> str:
        commands = ", ".join(r.command for r, _ in self.regions_with_articles())
        return phrase("help", language, commands=commands)

    def region(self, region_id: str) -> Region | None:
        return self.regions.get(region_id)

    def regions_with_articles(self) -> list[tuple[Region, int]]:
        return [
            (r, self._article_count[r.id])
            for r in self.regions.values()
            if self._article_count.get(r.id)
        ]

    def articles_in(self, region: str | None = None) -> Sequence[Article]:
        """The articles (of a region), in the corpus's order."""
        if region is None:
            return self._catalogued(("articles", None), lambda: tuple(self.articles.values()))
        # Every region's at once: one pass over 20,000 articles, not one per region asked.
        return self._catalogued(("articles by region",), self._articles_by_region).get(region, ())

    def _articles_by_region(self) -> dict[str, tuple[Article, ...]]:
        grouped: dict[str, list[Article]] = {}
        for article in self.articles.values():
            grouped.setdefault(article.region, []).append(article)
        return {region: tuple(articles) for region, articles in grouped.items()}

    def article_by_id(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def article(self, key: int) -> Article | None:
        return self._by_key.get(key)

    def sources_reply(self, language: str) -> str:
        return self._catalogued(("sources", language), lambda: self._sources_page(language))

    def _sources_page(self, language: str) -> str:
        articles = self.articles_in()
        lines = [phrase("sources", language, count=len(articles))]
        for n, article in enumerate(articles, 1):
            region = self.regions.get(article.region)
            place = f" — {fmt.esc(region.name(language))}" if region else ""
            lines.append(f"{n}. {fmt.article_line(article)}{place}")
            if n % 50 == 0 and fmt.longer_than_a_message(lines):
                break  # 20,000 articles: the rest would be cut anyway
        return fmt.fit("\n".join(lines))

    def summary_reply(self, article_key: int, language: str) -> str:
        article = self.article(article_key)
        if article is None:
            return phrase("summary_missing", language)
        lines = [
            f"<b>{fmt.esc(article.title)}</b>",
            fmt.esc(article.summary),
            fmt.source_line(article, language),
        ]
        if article.author:
            lines.append(f"{phrase('author', language)}: {fmt.esc(article.author)}")
        if article.url:
            lines.append(fmt.esc(article.url))
        return fmt.fit("\n".join(lines))

    def example_questions(self, language: str, region: str | None = None) -> list[str]:
        return self._examples(language, region)

    def phrase(self, key: str, language: str, **kwargs: object) -> str:
        return phrase(key, language, **kwargs)

    # ---- inside ----------------------------------------------------------------------------

    def _catalogued(self, key: Hashable, make: Callable[[], T]) -> T:
        """The catalogue's entry `key`, made on first use (a few per region and language)."""
        if key not in self._catalogue:
            self._catalogue[key] = make()
        return self._catalogue[key]  # type: ignore[return-value]

    def _analyze(self, text: str) -> Query:
        """The question read (a Query depends on the text and the corpus alone): the last
        few are kept, as follow-ups, "more" and "another region" read the last question
        again."""
        query = self._analyzed.get(text)
        if query is None:
            query = analyze(text, self.vocab, self.region_matcher, self.index.key_ids.__contains__)
            if len(self._analyzed) >= KEPT_QUESTIONS:
                del self._analyzed[next(iter(self._analyzed))]  # the oldest
            self._analyzed[text] = query
        return query

    def _follow_up(self, query: Query, last_question: str) -> Query:
        """'Ал Алматы облысында ше?': the previous question, asked again for the new region."""
        previous = self._analyze(last_question)
        regions = query.regions or previous.regions
        return replace(
            previous, regions=regions, groups=previous.groups + query.groups, text=query.text
        )

    def _country_asked(self, query: Query) -> bool:
        """Whether a Kazakh question names the country as what it asks about, in the
        nominative or the genitive ("Қазақстан қандай ел", "Қазақстанның болашағы"), not
        where ("Қазақстанда", "Қазақстан бойынша": the country's own news)."""
        if query.language != "kk" or not query.regions:
            return False
        mention = query.regions[0]
        words = folded_words(query.text)
        if mention.region not in self.region_matcher.countries or mention.end > len(words):
            return False
        last = words[mention.end - 1]
        ending = last[len(word_key(last)) :] if last.startswith(word_key(last)) else ""
        after = words[mention.end] if mention.end < len(words) else ""
        return (
            query.intent not in ("count", "percent")  # "Қазақстанның неше ...": its own figure
            and not ending.startswith(WHERE_ENDINGS)
            and not after.startswith(ACROSS)
        )

    def _region_for(
        self, query: Query, context: Context, language: str
    ) -> tuple[str | None, str | None]:
        """The region to answer in, or a refusal when it has no articles."""
        if query.regions:
            mention = query.regions[0]
            region_id = mention.region
            if not self._article_count.get(region_id):
                oblast = SAME_NAME_OBLAST.get(region_id)
                if mention.bare and oblast and self._article_count.get(oblast):
                    return oblast, None
                return region_id, self._no_articles(self.regions[region_id], language)
            return region_id, None
        return context.region, None

    def _year_of(self, article_id: str) -> int | None:
        """The year an article was published (None: undated)."""
        date = self.articles[article_id].date
        return date.year if date is not None else None

    def _fact(self, ranked: Ranked) -> Fact:
        sentence = self.sentences[ranked.index]
        article = self.articles[sentence.article_id]
        return Fact(
            text=sentence.text,
            article_id=article.id,
            region=article.region,
            score=ranked.score,
            sentence_id=sentence.id,
            highlight=ranked.span.text if ranked.span else None,
        )

    def _fact_reply(self, ranked: Ranked, language: str, *, lead: str | None = None) -> str:
        sentence = self.sentences[ranked.index]
        article = self.articles[sentence.article_id]
        region = self.regions.get(article.region)
        context = None
        if ranked.dated and lead is None and article.date is not None:
            lead = phrase("reported_on", language, date=article.date.strftime("%d.%m.%Y"))
        if lead is None and ranked.span is None:
            lead = self._speaker_line(ranked.index)
        if ranked.cause is not None:
            # "Why" answers quote the reason too, in reading order.
            cause = self.sentences[ranked.cause].text
            context = (cause, ranked.cause < ranked.index)
        return fmt.fact_reply(
            sentence.text, ranked.span, article, region, language, lead=lead, context=context
        )

    def _speaker_line(self, i: int) -> str | None:
        """'🗣 <b>Қасым-Жомарт Тоқаев</b>, Президент:' above a quotation, for 'The article
        says:' (names and roles stay as published, in every language)."""
        quotations = self.ranker.quotations
        j = quotations.speaker_of(i)
        if j is None:
            return None
        person = speaker(self.sentences[j], quotations.article_around(j))
        if person is None:
            return None
        role = f", {fmt.esc(person.role)}" if person.role else ""
        return f"🗣 <b>{fmt.esc(person.text)}</b>{role}:"

    def _article_answer(
        self,
        question: str,
        query: Query,
        language: Language,
        region: str | None,
        context: Context,
        ranked: list[Ranked],
    ) -> Answer:
        """ "Tell me about the forum in Zhambyl": the article the best fact comes from, told by
        its lead sentence, summary and source."""
        # The article the question is about as a whole: the most evidence over its sentences
        # (its few best), not one sentence that shares the most words.
        evidence: dict[str, list[float]] = {}
        for r in ranked:
            evidence.setdefault(self.sentences[r.index].article_id, []).append(r.score)
        article = self.articles[
            max(evidence, key=lambda a: sum(sorted(evidence[a], reverse=True)[:OVERVIEW_EVIDENCE]))
        ]
        lead = self._lead(article)
        others = [r for r in ranked if self.sentences[r.index].article_id == article.id]
        facts = [Fact(lead.text, article.id, article.region, others[0].score, lead.id)]
        facts += [self._fact(r) for r in others if self.sentences[r.index].id != lead.id]
        place = self.regions.get(article.region)
        pin = f" · 📍 {fmt.esc(place.name(language))}" if place and place.kind != "country" else ""
        lines = [
            f"<b>{fmt.esc(article.title)}</b>{pin}",
            f"<blockquote>{fmt.esc(article.summary)}</blockquote>",
            fmt.source_line(article, language),
        ]
        return Answer(
            question=question,
            language=language,
            intent=query.intent,
            region=region,
            reply=fmt.fit("\n".join(lines)),
            facts=facts[:MAX_FACTS],
            context=replace(context, shown=(lead.id,)),
            more_available=len(facts) > 1,
        )

    def _about_the_article(self, query: Query, best: Ranked) -> bool:
        """Whether an overview request names its article's topic ("что пишут про форум в
        Жамбыле"), not one thing inside it ("что пишут про онкологический центр"): most of
        its words are in the title or lead of the best answer's article."""
        if not query.groups:
            return True
        topic = self.ranker.topic_of(best.index)
        inside = sum(1 for g in query.groups if not topic.isdisjoint(g.keys))
        return 2 * inside >= len(query.groups)

    def _lead(self, article: Article) -> Sentence:
        """An article's news lead: the first of its opening sentences that reports the day
        ("Бүгін ... форумы өтті"), after a subtitle-like first line; else its first."""
        opening = [self.sentences[self._position[sid]] for sid in article.sentence_ids[:LEAD_SPAN]]
        for sentence in opening:
            if fold(sentence.text).startswith(NEWS_LEAD):
                return sentence
        return opening[0]

    def _unknown(
        self, question: str, query: Query, language: Language, region: str | None, context: Context
    ) -> Answer:
        if region and self.regions.get(region):
            text = phrase(
                "not_found_region", language, region=fmt.esc(self.regions[region].name(language))
            )
        else:
            text = phrase("not_found", language)
        suggestions = self._suggestions(query, language, region)
        if suggestions:
            text += (
                "\n"
                + phrase("suggest", language)
                + "\n"
                + "\n".join(f"• {fmt.esc(s)}" for s in suggestions)
            )
        return Answer(question, language, query.intent, region, text, [], suggestions, context)

    def _suggestions(self, query: Query, language: str, region: str | None) -> list[str]:
        pool = self._examples(language, region, every=True)
        asked = fold(query.text)
        ranked = sorted(pool, key=lambda q: -fuzz.token_set_ratio(asked, fold(q)))
        return ranked[:3]

    def _ask_more_fully(self, query: Query, language: Language, context: Context) -> str:
        """The reply to a question with nothing to look for: empty text, emoji, or a question
        word on its own ("кім?", "сколько?"), which gets an example that asks the same."""
        examples = self._examples(language, context.region, every=True)
        if query.intent == "empty":
            return phrase("empty", language, example=examples[0])
        key = (language, context.region, query.intent)
        alike = self._examples_asking.get(key)
        if alike is None:
            alike = [q for q in examples if self._analyze(q).intent == query.intent]
            self._examples_asking[key] = alike
        return phrase("vague", language, example=(alike or examples)[0])

    def _examples(self, language: str, region: str | None, *, every: bool = False) -> list[str]:
        regions = [region] if region else [r.id for r, _ in self.regions_with_articles()]
        found: list[str] = []
        for region_id in regions:
            found.extend(self.vocab.examples.get(region_id, {}).get(language, []))
        if not found and region:
            return self._examples(language, None, every=every)
        if not every:
            # one per region first, so /start shows variety
            firsts = [self.vocab.examples.get(r, {}).get(language, [None])[0] for r in regions]
            found = [q for q in firsts if q] + [q for q in found if q not in firsts]
        return found or ["Жамбыл облысында қанша ауыл әкімі сайланды?"]

    def _no_articles(self, region: Region, language: str) -> str:
        available = ", ".join(
            f"{fmt.esc(r.name(language))} ({r.command})" for r, _ in self.regions_with_articles()
        )
        return phrase(
            "no_articles", language, region=fmt.esc(region.name(language)), available=available
        )

    def _small_talk(self, intent: str, language: str) -> str:
        if intent == "help":
            return self.help(language)
        return phrase(intent, language)

    def _plain(
        self,
        question: str,
        query: Query,
        language: Language,
        context: Context,
        text: str,
        *,
        intent: str | None = None,
        region: str | None = None,
    ) -> Answer:
        return Answer(
            question,
            language,
            intent or query.intent,
            region or context.region,
            fmt.fit(text),
            context=context,
        )


def _names_only_a_region(query: Query) -> bool:
    return bool(query.regions) and not query.groups and query.intent in ("overview", "empty")
