"""Updates as the bot reads them: the message a button was pressed on stays plain data.

With every button press Telegram sends the pressed message back, text, keyboard and all.
Made into a PTB `Message`, it costs more CPU than everything else the bot does for the
press (a Message has some eighty fields to set), and the bot only needs its id, its chat,
and what it shows, to compare with what it is about to show. So before PTB reads an
update, the pressed message moves to a field PTB does not know; PTB keeps such fields as
they came, in `callback_query.api_kwargs`, and `pressed` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery
from telegram.request import BaseRequest

from bot.aiohttp_request import AiohttpRequest

PRESSED = "pressed_message"

Buttons = tuple[tuple[tuple[str, str], ...], ...]


def keep_keyboard_as_data(update: Any) -> Any:
    """The update (changed in place) with a pressed message out of PTB's way."""
    if isinstance(update, dict):
        query = update.get("callback_query")
        if isinstance(query, dict) and isinstance(query.get("message"), dict):
            query[PRESSED] = query.pop("message")
    return update


@dataclass(frozen=True)
class Pressed:
    """The message a pressed button is on, as Telegram sent it back."""

    message_id: int
    chat_id: int
    chat_type: str
    text: str | None
    buttons: Buttons
    accessible: bool  # False: too old for the bot to read or edit (Telegram says date 0)


def pressed(query: CallbackQuery) -> Pressed | None:
    """The pressed message; None for a button on an inline message (no chat) or nonsense."""
    raw = query.api_kwargs.get(PRESSED)
    if raw is None and query.message is not None:  # an update PTB read as it came
        raw = query.message.to_dict()
    try:
        chat = raw["chat"]
        return Pressed(
            message_id=int(raw["message_id"]),
            chat_id=int(chat["id"]),
            chat_type=str(chat["type"]),
            text=raw.get("text"),
            buttons=_buttons(raw.get("reply_markup")),
            accessible=raw.get("date", 0) != 0,
        )
    except (KeyError, TypeError, ValueError):
        return None


def _buttons(keyboard: Any) -> Buttons:
    """The buttons a message shows as (text, callback data) rows; () if none or unreadable."""
    try:
        return tuple(
            tuple((button["text"], button.get("callback_data")) for button in row)
            for row in keyboard["inline_keyboard"]
        )
    except (KeyError, TypeError, AttributeError):
        return ()


class UpdatesRequest(AiohttpRequest):
    """The request that fetches updates (getUpdates), handing PTB updates as above."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        data = BaseRequest.parse_json_payload(payload)
        if isinstance(data.get("result"), list):
            for update in data["result"]:
                keep_keyboard_as_data(update)
        return data
