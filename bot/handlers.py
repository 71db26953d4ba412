"""The PTB handlers: one for every button, one for commands, one for typed messages.

Each loads the resident's state under their lock, lets a turn work on it, commits the
changes, then makes at most one message call (an edit for a button, a new message for a
command or a typed message) besides answering the button's callback query.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from telegram import Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import actions, commands, state
from bot import callback_data as cd
from bot.deps import BOT_DATA_KEY, BotDeps
from bot.screens import Screen
from bot.turn import Turn
from bot.updates import shown_buttons

logger = logging.getLogger(__name__)
ALERT_MAX = 200


def deps_of(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.bot_data[BOT_DATA_KEY]


@contextlib.asynccontextmanager
async def resident_turn(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> AsyncIterator[Turn | None]:
    """The resident's turn, under their lock; None for an update this process handled.

    A second delivery after a restart is not recognised here, and need not be: every
    press says what it wants (tick, not toggle), so doing it again changes nothing.
    """
    deps = deps_of(context)
    user = update.effective_user
    keys = deps.keys(user.id)
    async with deps.locks.hold(keys.session):
        if update.update_id in deps.recent:
            yield None
            return
        loaded, answers = deps.cache.get(keys.session), {}
        if loaded is None:
            open_ids = tuple(campaign.id for campaign in deps.open_campaigns())
            loaded = await deps.store.read(state.load(keys, open_ids))
            answers = loaded.answers
            deps.cache.put(keys.session, state.Loaded(loaded.session, loaded.draft))
        deps.recent.add(update.update_id)
        yield Turn(
            deps=deps,
            keys=keys,
            update_id=update.update_id,
            telegram_language=user.language_code,
            session=loaded.session,
            draft=loaded.draft,
            answers=answers,
        )


def keyboard(screen: Screen) -> dict | None:
    """The inline keyboard as the Bot API takes it (plain data: no objects to build)."""
    if not screen.buttons:
        return None
    rows = [[{"text": text, "callback_data": data} for text, data in row] for row in screen.buttons]
    return {"inline_keyboard": rows}


async def call(context: ContextTypes.DEFAULT_TYPE, method: str, **params) -> None:
    """A Bot API call whose result the bot does not need.

    The method is named in lower case (the Bot API does not mind): PTB then makes the call
    raw, without turning the returned message back into objects, which costs as much as
    the rest of a turn. Errors are raised as usual, and the rate limiter applies.
    """
    await context.bot.do_api_request(
        method, api_kwargs={k: v for k, v in params.items() if v is not None}
    )


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply a pressed button to the resident's draft and show the result in place."""
    query = update.callback_query
    answered = False
    try:
        if update.effective_user is None:
            return
        async with resident_turn(update, context) as turn:
            if turn is None:  # a second delivery: the first one answered the query
                answered = True
                return
            await actions.apply(turn, cd.parse(query.data))
            await turn.commit()
            answered = await answer(context, query, turn.alert, turn.popup)
            if turn.screen is not None:
                await show_in_place(update, context, turn.screen)
    finally:
        if not answered:
            await answer(context, query, None, False)


async def answer(context, query, text: str | None, popup: bool) -> bool:
    """Answer a callback query; one that is too old to answer is not an error."""
    try:
        await call(
            context,
            "answercallbackquery",
            callback_query_id=query.id,
            text=text[:ALERT_MAX] if text else None,
            show_alert=popup or None,
        )
    except BadRequest as error:
        logger.info("a callback query could not be answered: %s", error.message)
    return True


async def show_in_place(update: Update, context: ContextTypes.DEFAULT_TYPE, screen: Screen) -> None:
    """Edit the pressed message to show `screen`, unless it shows exactly that already."""
    message = update.callback_query.message
    chat_id = update.effective_chat.id
    if isinstance(message, Message):
        if message.text == screen.text and shown_buttons(message) == screen.buttons:
            return
        try:
            await call(
                context,
                "editmessagetext",
                chat_id=chat_id,
                message_id=message.message_id,
                text=screen.text,
                reply_markup=keyboard(screen),
            )
            return
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return
            logger.info("a message could not be edited, sending it anew: %s", error.message)
    await call(
        context, "sendmessage", chat_id=chat_id, text=screen.text, reply_markup=keyboard(screen)
    )


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run a command (/start, /help, ...) and answer with one message."""
    words = update.message.text.split()
    name = words[0][1:].split("@", 1)[0].lower()
    body = commands.COMMANDS.get(name, commands.unknown)
    async with resident_turn(update, context) as turn:
        if turn is None:
            return
        await body(turn, words[1:])
        await turn.commit()
        await send(update, context, turn)


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Take a typed message as the comment at the comment step; otherwise point the way."""
    async with resident_turn(update, context) as turn:
        if turn is None:
            return
        await commands.typed(turn, update.message.text)
        await turn.commit()
        await send(update, context, turn)


async def send(update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
    if turn.screen is None:
        return
    reply = {"message_id": update.message.message_id} if turn.reply else None
    await call(
        context,
        "sendmessage",
        chat_id=update.effective_chat.id,
        text=turn.screen.text,
        reply_markup=keyboard(turn.screen),
        reply_parameters=reply,
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failure, with nothing in the line that identifies the resident."""
    error = context.error
    if isinstance(error, TelegramError):
        logger.warning("Bot API call failed: %s: %s", type(error).__name__, error)
        return
    logger.error("an update could not be handled", exc_info=error)
