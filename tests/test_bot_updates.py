"""The pressed message as the bot reads it: plain data, never a PTB Message."""

from __future__ import annotations

from telegram import Bot, Update

from bot.updates import PRESSED, Pressed, keep_keyboard_as_data, pressed

BOT = Bot("123:TEST")
CHAT = {"id": 42, "type": "private", "first_name": "Test"}
KEYBOARD = {"inline_keyboard": [[{"text": "Klar ▶", "callback_data": "2a9751.K"}]]}


def press_on(message: dict | None) -> Update:
    query = {"id": "7", "from": {"id": 42, "is_bot": False, "first_name": "Test"}}
    query.update(chat_instance="1", data="2a9751.K")
    if message is not None:
        query["message"] = message
    return Update.de_json(keep_keyboard_as_data({"update_id": 1, "callback_query": query}), BOT)


def test_a_pressed_message_is_read_as_data_with_its_buttons():
    message = {"message_id": 5, "chat": CHAT, "date": 1796168457, "text": "Hej"}
    update = press_on(dict(message, reply_markup=KEYBOARD))
    assert update.callback_query.message is None  # PTB made no Message of it
    assert PRESSED in update.callback_query.api_kwargs
    assert Pressed(5, 42, "private", "Hej", ((("Klar ▶", "2a9751.K"),),), True) == pressed(
        update.callback_query
    )


def test_an_update_read_without_the_bots_request_gives_the_same():
    message = {"message_id": 5, "chat": CHAT, "date": 1796168457, "text": "Hej"}
    raw = {"id": "7", "from": {"id": 42, "is_bot": False, "first_name": "Test"}}
    raw.update(chat_instance="1", data="x", message=dict(message, reply_markup=KEYBOARD))
    update = Update.de_json({"update_id": 1, "callback_query": raw}, BOT)
    assert pressed(update.callback_query) == pressed(
        press_on(dict(message, reply_markup=KEYBOARD)).callback_query
    )


def test_an_old_message_cannot_be_edited_and_an_inline_one_has_no_chat():
    old = pressed(press_on({"message_id": 5, "chat": CHAT, "date": 0}).callback_query)
    assert old is not None and not old.accessible and () == old.buttons
    assert pressed(press_on(None).callback_query) is None
