"""What the engine takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.corpus.models import Language

# Question intents, beside the small-talk ones. Kept as data in seeds/intents.yaml; these are the
# names the code relies on.
SMALL_TALK = ("greeting", "thanks", "help")
QUESTION_INTENTS = (
    "count",  # қанша / сколько / how many
    "percent",  # неше пайыз / какой процент / what share
    "who",  # кім / кто / who
    "when",  # қашан / когда / when
    "where",  # қайда / где / where
    "which",  # қандай / какой / which, what
    "why",  # неге / почему / why
    "about",  # туралы / о чём / what about: any fact on the topic
    "overview",  # a region's overview: "Жамбыл туралы не бар?"
    "more",  # тағы / ещё / more: the next fact of the previous question
    "empty",  # nothing to ask: empty text, only emoji or punctuation
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One answer candidate: a sentence from an article."""

    text: str  # the sentence as published
    article_id: str
    region: str
    score: float
    sentence_id: int
    highlight: str | None = None  # the direct answer inside the sentence, e.g. "165 ауыл әкімі"

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "article_id": self.article_id,
            "region": self.region,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class Context:
    """A conversation's state between questions; the chat keeps it, the engine updates it."""

    region: str | None = None  # set by a region command or --region
    language: Language | None = None  # chosen with /lang; else each question's own language
    last_question: str | None = None  # for follow-ups: "Ал Алматы облысында ше?"
    last_intent: str | None = None
    last_region: str | None = None  # the region the last answer was scoped to
    shown: tuple[int, ...] = ()  # sentence ids already given for last_question ("тағы")

    def with_region(self, region: str | None) -> Context:
        return replace(self, region=region)

    def as_dict(self) -> dict[str, object]:
        return {
            "region": self.region,
            "language": self.language,
            "last_question": self.last_question,
            "last_intent": self.last_intent,
            "last_region": self.last_region,
            "shown": list(self.shown),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object] | None) -> Context:
        """Rebuild from stored JSON, ignoring anything malformed (old or hand-edited rows)."""
        if not data:
            return cls()

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        language = text("language")
        shown = data.get("shown")
        return cls(
            region=text("region"),
            language=language if language in ("kk", "ru", "en") else None,  # type: ignore[arg-type]
            last_question=text("last_question"),
            last_intent=text("last_intent"),
            last_region=text("last_region"),
            shown=tuple(x for x in shown if isinstance(x, int)) if isinstance(shown, list) else (),
        )


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    language: Language
    intent: str
    region: str | None  # the region the answer was scoped to (named, or from context)
    reply: str  # the exact Telegram HTML text, ≤ 4096 characters after entity parsing
    facts: list[Fact] = field(default_factory=list)  # best first; empty when the bot does not know
    suggestions: list[str] = field(default_factory=list)  # questions to offer when unknown
    context: Context = field(default_factory=Context)  # the conversation after this answer
    more_available: bool = False  # another fact exists for "тағы" / "ещё"

    @property
    def answered(self) -> bool:
        return bool(self.facts)

    def as_json(self) -> dict[str, object]:
        return {
            "question": self.question,
            "language": self.language,
            "intent": self.intent,
            "region": self.region,
            "reply": self.reply,
            "facts": [f.as_json() for f in self.facts],
        }
