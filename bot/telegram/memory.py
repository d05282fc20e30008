"""A chat's memory between updates, kept in the aiogram FSM data (so it survives a restart).

- `ctx`: the engine's Context (`Context.as_dict()`): region, language, last question, shown facts.
- `ans`: the last few answers by a short per-chat id, so a button pressed under an older answer
  ("more", "another region", 👍) still knows which question it belongs to.
- `sug`: the questions offered as buttons (suggestions, examples) by a growing number; a button
  carries the number, never the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import User

from bot.corpus.models import Language
from bot.engine.models import Answer, Context
from bot.telegram.texts import language_of

KEEP_ANSWERS = 8
KEEP_OFFERED = 10


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    id: int
    question: str
    question_id: int | None  # the store's id, for feedback; None when the log is read-only
    language: Language
    region: str | None
    context: Context  # the conversation right after this answer

    def as_dict(self) -> dict[str, Any]:
        return {
            "q": self.question,
            "qid": self.question_id,
            "l": self.language,
            "r": self.region,
            "c": self.context.as_dict(),
        }

    @classmethod
    def from_dict(cls, answer_id: int, data: dict[str, Any]) -> AnswerRecord:
        language = data.get("l")
        qid = data.get("qid")
        return cls(
            id=answer_id,
            question=str(data.get("q") or ""),
            question_id=qid if isinstance(qid, int) else None,
            language=language if language in ("kk", "ru", "en") else "kk",
            region=data.get("r") if isinstance(data.get("r"), str) else None,
            context=Context.from_dict(data.get("c") if isinstance(data.get("c"), dict) else None),
        )


class ChatMemory:
    """One update's view of the chat's memory (a handler makes one per update).

    The data is read from the storage once and kept for the rest of the update: a question
    reads the context, then remembers the answer and the offered questions, and each of those
    used to read the whole chat again. A chat's updates are handled one after another (the
    poller orders them, the webhook isolates them), so nothing else changes the chat meanwhile.
    Writes go to the storage at once: the data read, with the keys they change.
    """

    def __init__(self, state: FSMContext | None) -> None:
        self.state = state
        self._snapshot: dict[str, Any] | None = None
        self._local: dict[str, Any] = {}  # for events without a chat (never persisted)

    async def _data(self) -> dict[str, Any]:
        """The chat's data: read it, but do not change it (`_update` does)."""
        if self.state is None:
            return self._local
        if self._snapshot is None:
            self._snapshot = await self.state.get_data()
        return self._snapshot

    async def _update(self, **values: Any) -> None:
        if self.state is None:
            self._local.update(values)
            return
        if self._snapshot is None:
            await self.state.update_data(values)
            return
        # The snapshot is the chat's data (see the class): write it merged, whole. The storage's
        # update_data would read the chat again to merge (a JSON decode, ~7 µs a write).
        self._snapshot = {**self._snapshot, **values}
        await self.state.set_data(self._snapshot)

    async def context(self) -> Context:
        data = await self._data()
        ctx = data.get("ctx")
        return Context.from_dict(ctx if isinstance(ctx, dict) else None)

    async def set_context(self, context: Context) -> None:
        await self._update(ctx=context.as_dict())

    async def language(self, user: User | None) -> Language:
        """The chat's /lang choice, else the user's Telegram language."""
        chosen = (await self.context()).language
        return chosen or language_of(user.language_code if user else None)

    async def remember(self, answer: Answer, question_id: int | None) -> AnswerRecord:
        """Store the answer's context as the chat's and keep the answer for its buttons."""
        data = await self._data()
        stored = data.get("ans")
        answers: dict[str, Any] = stored if isinstance(stored, dict) else {}
        answer_id = int(data.get("n") or 0) + 1
        record = AnswerRecord(
            id=answer_id,
            question=answer.context.last_question or answer.question,
            question_id=question_id,
            language=answer.language,
            region=answer.region,
            context=answer.context,
        )
        answers = {k: v for k, v in answers.items() if int(k) > answer_id - KEEP_ANSWERS}
        answers[str(answer_id)] = record.as_dict()
        await self._update(ctx=answer.context.as_dict(), ans=answers, n=answer_id)
        return record

    async def recall(self, answer_id: int) -> AnswerRecord | None:
        answers = (await self._data()).get("ans")
        if not isinstance(answers, dict) or not isinstance(answers.get(str(answer_id)), dict):
            return None
        return AnswerRecord.from_dict(answer_id, answers[str(answer_id)])

    async def update_record(self, record: AnswerRecord, context: Context) -> None:
        """After "more": the record and the chat move on to the new context."""
        answers = (await self._data()).get("ans")
        answers = dict(answers) if isinstance(answers, dict) else {}
        updated = AnswerRecord(
            record.id, record.question, record.question_id, record.language, record.region, context
        )
        answers[str(record.id)] = updated.as_dict()
        await self._update(ctx=context.as_dict(), ans=answers)

    async def offer(self, questions: list[str]) -> list[tuple[int, str]]:
        """Keep `questions` for their buttons; returns (the number a button carries, question).

        Numbers keep growing, so a button under an old message still finds its own question
        (or nothing, once it has rolled out), never a newer one.
        """
        data = await self._data()
        stored = data.get("sug")
        offered: dict[str, Any] = stored if isinstance(stored, dict) else {}
        number = int(data.get("sn") or 0)
        given: list[tuple[int, str]] = []
        for question in [q for q in questions if q.strip()][:KEEP_OFFERED]:
            number += 1
            given.append((number, question))
        offered = {k: v for k, v in offered.items() if int(k) > number - KEEP_OFFERED * 3}
        offered.update({str(n): q for n, q in given})
        await self._update(sug=offered, sn=number)
        return given

    async def offered(self, number: int) -> str | None:
        offered = (await self._data()).get("sug")
        value = offered.get(str(number)) if isinstance(offered, dict) else None
        return value if isinstance(value, str) else None
