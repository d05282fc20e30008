"""Telegram's limits (see /work/shared/notes/telegram-rules.md); breaking one is a violation.

Each check raises ApiError(400, ..., violation=True) with the description Telegram uses where
it is known (BUTTON_DATA_INVALID, RESULTS_TOO_MUCH, ...) and a Telegram-shaped one otherwise.
Text lengths count Unicode code points of the visible text, after entity parsing.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from tests.botapi.errors import ApiError, bad_request
from tests.botapi.html_check import HtmlError, parse_html

MESSAGE_TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_BYTES = 64
CALLBACK_ANSWER_LIMIT = 200
INLINE_RESULTS_LIMIT = 50
INLINE_ID_BYTES = 64
NEXT_OFFSET_BYTES = 64
KEYBOARD_BUTTONS_LIMIT = 100
COMMANDS_LIMIT = 100
COMMAND_DESCRIPTION_LIMIT = 256
DESCRIPTION_LIMIT = 512
SHORT_DESCRIPTION_LIMIT = 120
NAME_LIMIT = 64

BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE_RE = re.compile(r"[a-z]{2}")


def violation(description: str) -> ApiError:
    return bad_request(description, violation=True)


def parse_text(
    text: str,
    parse_mode: str | None,
    *,
    entities: list[dict[str, Any]] | None = None,
    limit: int = MESSAGE_TEXT_LIMIT,
    caption: bool = False,
) -> tuple[str, list[dict[str, Any]]]:
    """Visible text and entities of a message text (or caption), checked like Telegram does."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            visible, parsed = parse_html(text)
        except HtmlError as error:
            raise violation(f"can't parse entities: {error.description}") from error
    elif mode in ("", "markdown", "markdownv2"):
        # Markdown isn't parsed here (the bot speaks HTML): length is checked on the source.
        visible, parsed = text, list(entities or [])
    else:
        raise violation("unsupported parse_mode")
    if caption:
        if len(visible) > limit:
            raise violation("message caption is too long")
    else:
        if not visible.strip():
            raise violation("message text is empty")
        if len(visible) > limit:
            raise violation("message is too long")
    return visible, parsed


def check_reply_markup(markup: Any) -> None:
    if not isinstance(markup, dict):
        return  # the spec check reports the wrong shape
    if isinstance(markup.get("inline_keyboard"), list):
        check_inline_keyboard(markup["inline_keyboard"])
    elif isinstance(markup.get("keyboard"), list):
        for row in markup["keyboard"]:
            for button in row if isinstance(row, list) else []:
                text = button if isinstance(button, str) else (button or {}).get("text")
                if not text:
                    raise violation("keyboard button text is empty")


def check_inline_keyboard(rows: list[Any]) -> None:
    buttons = [b for row in rows if isinstance(row, list) for b in row if isinstance(b, dict)]
    if len(buttons) > KEYBOARD_BUTTONS_LIMIT:
        raise violation("reply markup is too long")
    for button in buttons:
        if not isinstance(button.get("text"), str) or not button["text"].strip():
            raise violation("BUTTON_TEXT_INVALID")
        actions = [name for name in BUTTON_ACTIONS if name in button]
        if not actions:
            raise violation(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline "
                "keyboard"
            )
        if len(actions) > 1:
            raise violation(
                "can't parse inline keyboard button: exactly one of the optional fields must be "
                f"used, found {', '.join(actions)}"
            )
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode("utf-8")) <= CALLBACK_DATA_BYTES:
            raise violation("BUTTON_DATA_INVALID")
        url = button.get("url")
        if url is not None and not _is_button_url(str(url)):
            raise violation(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def check_callback_answer(params: dict[str, Any]) -> None:
    if len(str(params.get("text", ""))) > CALLBACK_ANSWER_LIMIT:
        raise violation("MESSAGE_TOO_LONG")


def check_commands(commands: Any, language_code: str | None) -> None:
    check_language_code(language_code)
    if not isinstance(commands, list):
        return
    if len(commands) > COMMANDS_LIMIT:
        raise violation("BOT_COMMANDS_TOO_MUCH")
    for entry in commands:
        if not isinstance(entry, dict):
            continue
        command = str(entry.get("command", ""))
        if not _COMMAND_RE.fullmatch(command):
            raise violation(f"BOT_COMMAND_INVALID: {command!r}")
        description = str(entry.get("description", ""))
        if not description.strip() or len(description) > COMMAND_DESCRIPTION_LIMIT:
            raise violation(f"BOT_COMMAND_DESCRIPTION_INVALID: /{command}")


def check_language_code(language_code: str | None) -> None:
    if language_code and not _LANGUAGE_RE.fullmatch(language_code):
        raise violation(f"LANG_CODE_INVALID: {language_code!r}")


def check_length(value: Any, limit: int, what: str) -> None:
    if value is not None and len(str(value)) > limit:
        raise violation(f"{what} is too long")


def check_inline_answer(params: dict[str, Any]) -> None:
    results = params.get("results")
    if not isinstance(results, list):
        return
    if len(results) > INLINE_RESULTS_LIMIT:
        raise violation("RESULTS_TOO_MUCH")
    if len(str(params.get("next_offset", "")).encode("utf-8")) > NEXT_OFFSET_BYTES:
        raise violation("NEXT_OFFSET_INVALID")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict):
            continue
        result_id = str(result.get("id", ""))
        if not 1 <= len(result_id.encode("utf-8")) <= INLINE_ID_BYTES:
            raise violation("RESULT_ID_INVALID")
        if result_id in seen:
            raise violation("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        content = result.get("input_message_content")
        if isinstance(content, dict) and isinstance(content.get("message_text"), str):
            parse_text(
                content["message_text"],
                content.get("parse_mode"),
                entities=content.get("entities"),
            )
        if "reply_markup" in result:
            check_reply_markup(result["reply_markup"])


def _is_button_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "tg":
        return bool(parts.netloc or parts.path)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url
