"""The chat Bot API methods the fake answers (getMe, sendMessage, editMessageText, ...)."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from tests.fake_telegram.errors import NOT_MODIFIED, QUERY_INVALID, ApiError
from tests.fake_telegram.users import FakeUser


def _inline(raw: Any) -> dict | None:
    """Validate an inline keyboard; anything else (or an empty one) means "no markup"."""
    if not isinstance(raw, dict) or not raw.get("inline_keyboard"):
        return None
    for button in itertools.chain.from_iterable(raw["inline_keyboard"]):
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return raw


class BotApiMethods:
    """The chat Bot API methods of FakeTelegram, which holds the state they read and change."""

    # --- Bot API methods (_api_<lowercase name>) ------------------------------------------------

    def _api_getme(self, p: dict) -> dict:
        return self.me | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _chat(self, chat_id: Any) -> FakeUser:
        try:
            return self.users[int(chat_id)]
        except (KeyError, TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None

    def _new_message(self, p: dict) -> dict:
        user = self._chat(p.get("chat_id"))
        if user.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        message = {
            "message_id": next(user._ids),
            "from": self.me,
            "chat": user.chat,
            "date": int(time.time()),
        }
        message |= {key: str(p[key]) for key in ("text", "caption") if p.get(key)}
        message |= {key: p[key] for key in ("entities", "caption_entities") if p.get(key)}
        raw = p.get("reply_markup")
        if markup := _inline(raw):
            message["reply_markup"] = markup
        elif isinstance(raw, dict):  # reply keyboards are not part of the returned Message
            user.reply_keyboard = None if raw.get("remove_keyboard") else raw
            user.keyboard_messages.add(message["message_id"])
        user.messages.append(message)
        user._log(
            f"< #{message['message_id']} {message.get('text') or '<media>'}"
            f"{user.buttons(message) or ''}"
        )
        return message

    def _api_sendmessage(self, p: dict) -> dict:
        _check_text(p)
        return self._new_message(p)

    def _api_sendchataction(self, p: dict) -> bool:
        return bool(self._chat(p.get("chat_id")))

    def _find(self, p: dict, verb: str) -> tuple[FakeUser, dict]:
        if not p.get("inline_message_id"):
            user = self._chat(p.get("chat_id"))
            for message in user.messages:
                if message["message_id"] == int(p.get("message_id") or 0):
                    return user, message
        raise ApiError(400, f"Bad Request: message to {verb} not found")

    def _edit(self, p: dict, new: dict) -> dict:
        user, message = self._find(p, "edit")
        if "text" in new and "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if all(message.get(key) == value for key, value in new.items()):
            raise ApiError(400, NOT_MODIFIED)
        for key, value in new.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        user._log(
            f"~ #{message['message_id']} {message.get('text') or ''}{user.buttons(message) or ''}"
        )
        return message

    def _api_editmessagetext(self, p: dict) -> dict:
        _check_text(p)
        return self._edit(
            p,
            {
                "text": str(p["text"]),
                "entities": p.get("entities") or None,
                "reply_markup": _inline(p.get("reply_markup")),
            },
        )

    def _api_editmessagereplymarkup(self, p: dict) -> dict:
        return self._edit(p, {"reply_markup": _inline(p.get("reply_markup"))})

    def _api_deletemessage(self, p: dict) -> bool:
        user, message = self._find(p, "delete")
        user.messages.remove(message)
        user._log(f"x #{message['message_id']} deleted")
        return True

    def _api_answercallbackquery(self, p: dict) -> bool:
        user = self._queries.pop(str(p.get("callback_query_id")), None)
        if user is None:  # unknown or already answered
            raise ApiError(400, QUERY_INVALID)
        user.alerts.append(p)
        user._log(f"! answer {p.get('text') or ''}{' (alert)' if p.get('show_alert') else ''}")
        return True

    def _api_setmycommands(self, p: dict) -> bool:
        self.my_commands[_commands_key(p)] = list(p.get("commands") or [])
        return True

    def _api_deletemycommands(self, p: dict) -> bool:
        self.my_commands.pop(_commands_key(p), None)
        return True

    def _api_getmycommands(self, p: dict) -> list:
        return self.my_commands.get(_commands_key(p), [])

    def _api_setmydescription(self, p: dict) -> bool:
        self.descriptions[p.get("language_code") or ""] = _described(p, "description", 512)
        return True

    def _api_getmydescription(self, p: dict) -> dict:
        return {"description": self.descriptions.get(p.get("language_code") or "", "")}

    def _api_setmyshortdescription(self, p: dict) -> bool:
        short = _described(p, "short_description", 120)
        self.short_descriptions[p.get("language_code") or ""] = short
        return True

    def _api_getmyshortdescription(self, p: dict) -> dict:
        short = self.short_descriptions.get(p.get("language_code") or "", "")
        return {"short_description": short}

    def _api_setchatmenubutton(self, p: dict) -> bool:
        self.menu_buttons[p.get("chat_id")] = p.get("menu_button") or {"type": "default"}
        return True

    def _api_getchatmenubutton(self, p: dict) -> dict:
        default = self.menu_buttons.get(None, {"type": "default"})
        return self.menu_buttons.get(p.get("chat_id"), default)


def _check_text(p: dict) -> None:
    text = str(p.get("text") or "")
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(text) > 4096:
        raise ApiError(400, "Bad Request: message is too long")


def _described(p: dict, key: str, limit: int) -> str:
    text = str(p.get(key) or "")
    if len(text) > limit:
        raise ApiError(400, f"Bad Request: {key} is too long")
    return text


def _commands_key(p: dict) -> tuple[str, str]:
    scope = p.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), p.get("language_code") or ""
