"""Sentences about their article's event: "Ауыл әкімдерінің ... 80 пайызы осында" (here), or
the event itself as the subject ("Іс-шара ... ұйымдастырылды"). Their words for the event are
their article's title and lead, not their own, so the ranker reads them with the article's
topic (bot/engine/rank.py). Read once per corpus and kept with the sentence columns
(bot/store/corpus_cache.py), like the quotations; this file's digest is part of their key.
"""

from __future__ import annotations

import re

HERE = re.compile(
    r"\b(?:осында|осы жерде|осы жерге|мұнда)\b|^(?:Іс-шара\b|Шараның\b)", re.IGNORECASE
)


def about_the_event(text: str) -> bool:
    """Whether a sentence of this text is about its article's event."""
    return HERE.search(text) is not None
