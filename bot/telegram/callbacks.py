"""Callback data of every button: short prefixes and short ids only.

Telegram allows 64 *bytes* of callback data; a Cyrillic letter takes two. So buttons carry
numbers and ids (`a`: the chat's short answer id, `k`: an article key, `r`: a region id,
`i`: an index into the chat's offered questions), never sentences or names. aiogram's
`CallbackData.pack()` raises if a packed value passes 64 bytes; `check_fits` asserts the worst
case up front.
"""

from __future__ import annotations

from functools import lru_cache

from aiogram.filters.callback_data import MAX_CALLBACK_LENGTH, CallbackData

PACKED_KEPT = 16_384  # distinct callback data kept packed (a few dozen bytes each)


class MoreCb(CallbackData, prefix="m"):
    """Next fact for an earlier answer."""

    a: int


class SummaryCb(CallbackData, prefix="s"):
    """The full summary of an article."""

    k: int


class OtherRegionCb(CallbackData, prefix="o"):
    """Show region buttons to ask an earlier answer's question elsewhere."""

    a: int


class ReaskCb(CallbackData, prefix="q"):
    """Ask an earlier answer's question again in region `r`."""

    a: int
    r: str


class FeedbackCb(CallbackData, prefix="f"):
    """👍 (v=1) or 👎 (v=-1) on an answer."""

    a: int
    v: int


class SuggestCb(CallbackData, prefix="g"):
    """Ask the chat's offered question number `i`."""

    i: int


class RegionCb(CallbackData, prefix="r"):
    """A region's overview (and its context for the chat)."""

    r: str


class LangCb(CallbackData, prefix="l"):
    """Choose the chat's language."""

    l: str  # noqa: E741 - one letter keeps the payload short


# Longest region id in seeds/regions.yaml is "north_kazakhstan" (16); leave room for growth.
LONGEST_REGION_ID = "x" * 24
LARGEST_ID = 2**53


def check_fits() -> None:
    """Every factory's worst case stays within Telegram's 64 bytes."""
    worst = [
        MoreCb(a=LARGEST_ID),
        SummaryCb(k=LARGEST_ID),
        OtherRegionCb(a=LARGEST_ID),
        ReaskCb(a=LARGEST_ID, r=LONGEST_REGION_ID),
        FeedbackCb(a=LARGEST_ID, v=-1),
        SuggestCb(i=LARGEST_ID),
        RegionCb(r=LONGEST_REGION_ID),
        LangCb(l="kk"),
    ]
    for data in worst:
        assert len(data.pack().encode()) <= MAX_CALLBACK_LENGTH, data


def packed(factory: type[CallbackData], **values: int | str) -> str:
    """`factory(**values).pack()`, packed once per distinct value: the same few are under
    every chat's answers ("more" under answer 1, 👍 under answer 2, a region, an article),
    and building the pydantic model to pack it was most of a keyboard's cost."""
    return _packed(factory, tuple(values.items()))


@lru_cache(maxsize=PACKED_KEPT)
def _packed(factory: type[CallbackData], values: tuple[tuple[str, int | str], ...]) -> str:
    return factory(**dict(values)).pack()
