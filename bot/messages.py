"""The bot's own messages in a chat: sent, edited in place, and retired once spent.

A prompt is the latest message with buttons. When another one is sent, the old one's
buttons are spent: its keyboard goes ("strip"), or the message goes when the new one
repeats it ("delete"), so a chat never shows two live keyboards for one walk.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.screens import Link, Screen
from bot.updates import Pressed
from locales import isolate_numbers

logger = logging.getLogger(__name__)


def keyboard(screen: Screen) -> dict | None:
    """The inline keyboard as the Bot API takes it (plain data: no objects to build)."""
    if not screen.buttons:
        return None
    return {"inline_keyboard": [[_button(button) for button in row] for row in screen.buttons]}


def _button(button: tuple[str, str]) -> dict[str, str]:
    text, target = button
    if isinstance(button, Link):
        return {"text": text, "url": target}
    return {"text": text, "callback_data": target}


def localised(screen: Screen, lang: str) -> Screen:
    """The screen with its numbers isolated in right-to-left text, buttons included ("20–34"
    would read "34–20" otherwise)."""
    text = isolate_numbers(screen.text, lang)
    if text == screen.text and not any(
        isolate_numbers(label, lang) != label for row in screen.buttons for label, _ in row
    ):
        return screen
    buttons = tuple(tuple(_isolated(button, lang) for button in row) for row in screen.buttons)
    return Screen(text, buttons)


def _isolated(button: tuple[str, str], lang: str) -> tuple[str, str]:
    label, target = button
    label = isolate_numbers(label, lang)
    return Link(label, target) if isinstance(button, Link) else (label, target)


async def call(context: ContextTypes.DEFAULT_TYPE, method: str, **params) -> Any:
    """A Bot API call, its result as plain data.

    The method is named in lower case (the Bot API does not mind): PTB then makes the call
    raw, without turning the returned message back into objects, which costs as much as
    the rest of a turn. Errors are raised as usual, and the rate limiter applies.
    """
    return await context.bot.do_api_request(
        method, api_kwargs={k: v for k, v in params.items() if v is not None}
    )


async def post(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, screen: Screen, reply_to: int | None = None
) -> int | None:
    """Send `screen` as a new message; its message id."""
    result = await call(
        context,
        "sendmessage",
        chat_id=chat_id,
        text=screen.text,
        reply_markup=keyboard(screen),
        reply_parameters={"message_id": reply_to} if reply_to else None,
    )
    return result.get("message_id") if isinstance(result, dict) else None


async def edit_in_place(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, message: Pressed | None, screen: Screen
) -> int | None:
    """Edit `message` to show `screen` (unless it does already); a new message if it cannot
    be edited. The id of the message that shows it."""
    if message is not None and message.accessible:
        if message.text == screen.text and message.buttons == screen.buttons:
            return message.message_id
        try:
            await call(
                context,
                "editmessagetext",
                chat_id=chat_id,
                message_id=message.message_id,
                text=screen.text,
                reply_markup=keyboard(screen),
            )
            return message.message_id
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return message.message_id
            logger.info("a message could not be edited, sending it anew: %s", error.message)
    return await post(context, chat_id, screen)


async def retire(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int, how: str
) -> None:
    """Take a spent prompt's keyboard away ("strip"), or the prompt itself ("delete")."""
    try:
        if how == "delete":
            await call(context, "deletemessage", chat_id=chat_id, message_id=message_id)
        else:
            await call(context, "editmessagereplymarkup", chat_id=chat_id, message_id=message_id)
    except BadRequest as error:  # too old to delete, gone already, or without buttons
        logger.info("a spent prompt could not be retired: %s", error.message)
