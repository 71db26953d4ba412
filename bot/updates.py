"""Updates as the bot reads them: the keyboard of a pressed message stays plain data.

With every button press Telegram sends the pressed message back, keyboard and all. Made
into PTB objects, that keyboard costs more CPU than everything else the bot does for the
press, and the bot only ever compares it with the keyboard it is about to show. So before
PTB reads an update, the keyboard moves to a field PTB does not know; PTB keeps such fields
as they came, in `message.api_kwargs`.
"""

from __future__ import annotations

from typing import Any

from telegram import Message
from telegram.request import BaseRequest

from bot.aiohttp_request import AiohttpRequest

SHOWN_KEYBOARD = "shown_keyboard"

Buttons = tuple[tuple[tuple[str, str], ...], ...]


def keep_keyboard_as_data(update: Any) -> Any:
    """The update (changed in place) with a pressed message's keyboard out of PTB's way."""
    if isinstance(update, dict):
        query = update.get("callback_query")
        message = query.get("message") if isinstance(query, dict) else None
        if isinstance(message, dict) and "reply_markup" in message:
            message[SHOWN_KEYBOARD] = message.pop("reply_markup")
    return update


def shown_buttons(message: Message) -> Buttons:
    """The buttons a message shows as (text, callback data) rows; () if none or unreadable."""
    keyboard = message.api_kwargs.get(SHOWN_KEYBOARD)
    if keyboard is None and message.reply_markup is not None:
        keyboard = message.reply_markup.to_dict()
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
