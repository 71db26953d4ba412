"""The PTB handlers: one for every button, one for commands, one for typed messages, one for
edited messages, one for groups.

Each loads the resident's state under their lock, lets a turn work on it, commits the
changes, then makes at most one message call (an edit for a button, a new message for a
command or a typed message) besides answering the button's callback query (at the same
time as the edit), and retiring the previous prompt when a new one was sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import replace

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot import actions, around_walk, commands, place_input, state
from bot import callback_data as cd
from bot.deps import BOT_DATA_KEY, BotDeps
from bot.i18n import best_language
from bot.messages import call, edit_in_place, localised, post, retire
from bot.turn import Turn, Typed
from bot.updates import Pressed, pressed

logger = logging.getLogger(__name__)
ALERT_MAX = 200
# Presses that move the walk on: a second tap of one on the message it already moved on is
# a double tap, answered without a word.
GOING_ON = frozenset("ANKCWS")


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


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply a pressed button to the resident's draft and show the result in place."""
    query = update.callback_query
    answered = False
    try:
        message = pressed(query)
        if update.effective_user is None or message is None or message.chat_type != "private":
            return  # buttons are answered in private chats only
        async with resident_turn(update, context) as turn:
            if turn is None:  # a second delivery: the first one answered the query
                answered = True
                return
            action = cd.parse(query.data)
            await actions.apply(turn, action)
            if turn.stale_press and double_tap(query.data, message, action, turn.session.prompt):
                turn.alert, turn.screen = None, None  # answered without a word
            keyboard = turn.location_keyboard() if turn.screen is not None else None
            await turn.commit()
            # The answer and the edit go out together: a press costs one round trip, not two.
            answering = asyncio.ensure_future(answer(context, query, turn.alert, turn.popup))
            answered = True
            await asyncio.sleep(0)  # the answer starts first: the spinner stops as it changes
            try:
                if turn.screen is not None:
                    screen = localised(turn.screen, turn.tr.lang)
                    shown = await edit_in_place(context, message.chat_id, message, screen)
                    await new_prompt(
                        context, message.chat_id, turn, shown if screen.buttons else None
                    )
                await reply_keyboard(context, message.chat_id, keyboard)
            finally:
                await answering
    finally:
        if not answered:
            await answer(context, query, None, False)


def double_tap(data: str, message: Pressed, action: cd.Action | None, prompt: int | None) -> bool:
    """A second tap on a button that moved the walk on: it was on the message as pressed,
    and that message is the prompt, which shows the next step by now."""
    if action is None or action.op not in GOING_ON or not message.accessible:
        return False
    shown = {button for row in message.buttons for _label, button in row}
    return message.message_id == prompt and data in shown


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


async def new_prompt(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, turn: Turn, message_id: int | None
) -> None:
    """Remember the message that now shows the walk's buttons; retire the one before."""
    old = await remember_prompt(turn, message_id)
    if old is not None and message_id is not None:
        await retire(context, chat_id, old, turn.retire)


async def remember_prompt(turn: Turn, message_id: int | None) -> int | None:
    """Remember the message that now shows the walk's buttons; the one before, if another."""
    old = turn.session.prompt
    if old == message_id:
        return None
    turn.set_session(replace(turn.session, prompt=message_id))
    await turn.commit()
    return old


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run a command (/start, /help, ...) and answer with one message."""
    words = update.message.text.split()
    name = words[0][1:].split("@", 1)[0].lower()
    body = commands.COMMANDS.get(name, commands.unknown)
    async with resident_turn(update, context) as turn:
        if turn is None:
            return
        await body(turn, words[1:])
        keyboard = turn.location_keyboard() if turn.screen is not None else None
        await turn.commit()
        await send(update, context, turn)
        await reply_keyboard(context, update.effective_chat.id, keyboard)


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Take a typed message (or a photo's caption) into the comment; otherwise point the way."""
    async with resident_turn(update, context) as turn:
        if turn is None:
            return
        await commands.typed(turn, Typed.of(update.message))
        keyboard = turn.location_keyboard() if turn.screen is not None else None
        await turn.commit()
        await send(update, context, turn)
        await reply_keyboard(context, update.effective_chat.id, keyboard)


async def on_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A location (or a venue's) sent with "📍 Skicka plats": a point for the place question.

    Only the point goes on, rounded to the map's grid; nothing else of the message is kept.
    """
    message = update.message
    where = message.venue.location if message.venue is not None else message.location
    async with resident_turn(update, context) as turn:
        if turn is None:
            return
        await place_input.located(turn, where.latitude, where.longitude)
        keyboard = turn.location_keyboard() if turn.screen is not None else None
        await turn.commit()
        await send(update, context, turn)
        await reply_keyboard(context, update.effective_chat.id, keyboard)


async def reply_keyboard(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, keyboard: tuple[str, dict] | None
) -> None:
    """Show or take away the reply keyboard with "📍 Skicka plats", in a message of its own
    (one message carries one kind of keyboard, and the prompt's is inline)."""
    if keyboard is None:
        return
    text, markup = keyboard
    await call(context, "sendmessage", chat_id=chat_id, text=text, reply_markup=markup)


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message that is part of the comment changes it, until the answer is sent."""
    async with resident_turn(update, context) as turn:
        if turn is None:
            return
        await commands.edited(turn, Typed.of(update.edited_message))
        await turn.commit()
        await send(update, context, turn)


async def send(update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
    if turn.screen is None:
        return
    chat_id = update.effective_chat.id
    screen = localised(turn.screen, turn.tr.lang)
    reply_to = update.effective_message.message_id if turn.reply else None
    posting = post(context, chat_id, screen, reply_to)
    old = turn.session.prompt if screen.buttons else None
    if old is None:
        sent = await posting
    else:  # the spent prompt is retired while the new one goes out: one round trip, not two
        sent, _ = await asyncio.gather(posting, retire(context, chat_id, old, turn.retire))
    if screen.buttons:
        await remember_prompt(turn, sent)


async def on_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group: once when added (or asked with a command), the way to a private chat."""
    message = update.effective_message
    bot_id = context.bot.id
    if message.new_chat_members and not any(m.id == bot_id for m in message.new_chat_members):
        return
    deps = deps_of(context)
    user = update.effective_user
    tr = deps.tr(best_language(deps.catalogs, user.language_code if user else None))
    open_now = deps.open_campaigns()
    payload = open_now[0].id if len(open_now) == 1 else None
    screen = around_walk.in_group(context.bot.username, payload, tr)
    await post(context, update.effective_chat.id, localised(screen, tr.lang))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failure, with nothing in the line that identifies the resident."""
    error = context.error
    if isinstance(error, TelegramError):
        logger.warning("Bot API call failed: %s: %s", type(error).__name__, error)
        return
    logger.error("an update could not be handled", exc_info=error)
