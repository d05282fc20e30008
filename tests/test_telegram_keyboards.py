"""Buttons, texts and the command menu stay inside Telegram's limits."""

from __future__ import annotations

import re
from pathlib import Path

from bot.telegram.callbacks import ReaskCb, check_fits
from bot.telegram.keyboards import label, without
from bot.telegram.profile import configure_bot, menu
from bot.telegram.texts import check_limits, language_of
from tests.telegram_helpers import FakeEngine, make_harness


def test_callback_data_fits_64_bytes_in_the_worst_case() -> None:
    check_fits()
    assert len(ReaskCb(a=10**12, r="north_kazakhstan").pack().encode()) <= 64


def test_texts_respect_telegrams_limits() -> None:
    check_limits()


def test_telegram_language_codes_map_to_the_bots_languages() -> None:
    assert [language_of(c) for c in (None, "", "kk", "ru", "en-US", "uk", "de")] == [
        "kk",
        "kk",
        "kk",
        "ru",
        "en",
        "ru",
        "en",
    ]


def test_long_labels_are_shortened() -> None:
    assert label("сөз " * 40).endswith("…") and len(label("сөз " * 40)) <= 60
    assert label("  two\nlines ") == "two lines"


def test_without_drops_buttons_and_empty_rows() -> None:
    from aiogram.types import InlineKeyboardButton as B
    from aiogram.types import InlineKeyboardMarkup

    markup = InlineKeyboardMarkup(
        inline_keyboard=[[B(text="+", callback_data="m:1")], [B(text="👍", callback_data="f:1:1")]]
    )
    kept = without(markup, "m")
    assert kept is not None and [b.callback_data for r in kept.inline_keyboard for b in r] == [
        "f:1:1"
    ]
    assert without(markup, "m", "f") is None


def test_menu_has_fixed_and_region_commands_in_every_language() -> None:
    engine = FakeEngine()
    for language in ("kk", "ru", "en"):
        commands = menu(engine, language)
        names = [c.command for c in commands]
        assert names == [
            "start",
            "help",
            "regions",
            "sources",
            "lang",
            "zhambyl",
            "almaty",
            "kazakhstan",
        ]
        assert all(re.fullmatch(r"[a-z0-9_]{1,32}", n) for n in names)
        assert all(1 <= len(c.description) <= 256 for c in commands)


async def test_profile_is_set_per_language(tmp_path: Path) -> None:
    h = make_harness(tmp_path)
    await configure_bot(h.bot, h.services.engine)
    codes = [c.params.get("language_code") for c in h.session.of("setMyCommands")]
    assert codes == [None, "ru", "en"]
    assert len(h.session.of("setMyDescription")) == 3
    assert len(h.session.of("setMyShortDescription")) == 3
    assert h.session.violations == []
