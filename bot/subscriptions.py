"""Hearing back in Telegram: the opt-in keeps the chat id (encrypted) in a subscription of
its own; /stopp, the stop button on every notice, or a blocked bot delete it at once; the
follow-up question is answered with one tap.

These handlers sit around the conversation's own: the consent button is handled by the
walk first (group 0) and the subscription follows it (group 1); stopping and answering a
notice come first (group -1) and end the update there.
"""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    filters,
)

from bot import subscription_texts as texts
from bot.deps import BOT_DATA_KEY, BotDeps
from bot.i18n import best_language
from bot.updates import pressed
from storage import responses as response_rows
from storage import subscriptions
from storage.contacts import ContactBox
from survey.kinds.place import zones_marked
from survey.promises.notice_text import FOLLOWUP_OPTIONS

CHANNEL = "telegram"
CONSENT = re.compile(r"^(?P<token>[0-9a-f]{6})\.F(?P<yes>[01])[ts]$")
# Buttons of a notice: "~s" stops; "~a<option><subscription id>" answers the question.
STOP_DATA = "~s"
ANSWER = re.compile(r"^~a(?P<option>[0-3])(?P<sid>[1-9][0-9]{0,17})$")

logger = logging.getLogger(__name__)


def add_subscription_handlers(application: Application) -> None:
    """Register the handlers of subscriptions beside the conversation's own."""
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler(texts.STOP_COMMANDS, on_stop, private), group=-1)
    application.add_handler(CallbackQueryHandler(on_notice_button, pattern=r"^~"), group=-1)
    application.add_handler(
        ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER), group=-1
    )
    application.add_handler(CallbackQueryHandler(on_consent, pattern=CONSENT), group=1)


def answer_data(option: int, subscription_id: int) -> str:
    return f"~a{option}{subscription_id}"


def _deps(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.bot_data[BOT_DATA_KEY]


def _key(deps: BotDeps, chat_id: int) -> str:
    return ContactBox(deps.secret).key(CHANNEL, str(chat_id))


def _tr(deps: BotDeps, update: Update, locale: str | None = None):
    user = update.effective_user
    return deps.tr(best_language(deps.catalogs, locale, user.language_code if user else None))


async def on_consent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After the walk recorded a yes or no to hearing back: subscribe this chat, or stop."""
    deps, chat = _deps(context), pressed(update.callback_query)
    match = CONSENT.match(update.callback_query.data or "")
    campaign = deps.by_token.get(match["token"]) if match else None
    if campaign is None or chat is None or chat.chat_type != "private":
        return
    key = _key(deps, chat.chat_id)
    if match["yes"] == "0":
        await deps.store.write(subscriptions.unsubscribe_contact, key, campaign.id)
        return
    participant = deps.keys(update.effective_user.id).participant(campaign.id)
    stored = await deps.store.read(response_rows.response_for_participant, campaign.id, participant)
    if stored is None or not stored.followup_consent:
        return
    new = subscriptions.NewSubscription(
        channel=CHANNEL,
        contact=ContactBox(deps.secret).seal(str(chat.chat_id)),
        contact_key=key,
        campaign=campaign.id,
        areas=tuple(stored.areas),
        zones=zones_marked(campaign, stored.answers),
        locale=stored.locale,
        consent_channel=CHANNEL,
        consent_text=texts.CONSENT_TEXT_VERSION,
        confirmed=True,
    )
    await deps.store.write(subscriptions.subscribe, new, deps.now())


async def stop_chat(deps: BotDeps, user_id: int, chat_id: int) -> int:
    """Delete every subscription of a chat, and clear its yes on the stored answers."""
    key, keys = _key(deps, chat_id), deps.keys(user_id)
    participants = [(c, keys.participant(c)) for c in deps.campaigns]

    def stop(db) -> int:
        for campaign, participant in participants:
            response_rows.set_followup_consent(db, campaign, participant, False)
        return subscriptions.unsubscribe_contact(db, key)

    return await deps.store.write(stop)


async def on_stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stopp: withdraw and delete every subscription of this chat at once."""
    deps = _deps(context)
    removed = await stop_chat(deps, update.effective_user.id, update.effective_chat.id)
    await context.bot.do_api_request(
        "sendmessage",
        api_kwargs={
            "chat_id": update.effective_chat.id,
            "text": texts.stopped(_tr(deps, update), removed),
        },
    )
    raise ApplicationHandlerStop


async def on_notice_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button on a notice: stop, or one tap answering the follow-up question."""
    deps, query = _deps(context), update.callback_query
    tr, chat = _tr(deps, update), pressed(query)
    data = query.data or ""
    if chat is None:  # a button on no chat's message: nothing to do for it
        reply = texts.answered(tr, "unknown")
    elif data == STOP_DATA:
        removed = await stop_chat(deps, update.effective_user.id, chat.chat_id)
        reply = texts.stopped(tr, removed)
    elif match := ANSWER.match(data):
        reply = texts.answered(tr, await _answer(deps, chat.chat_id, match))
    else:
        reply = texts.answered(tr, "unknown")
    await context.bot.do_api_request(
        "answercallbackquery", api_kwargs={"callback_query_id": query.id, "text": reply}
    )
    raise ApplicationHandlerStop


async def _answer(deps: BotDeps, chat_id: int, match: re.Match) -> str:
    """Count the answer if the subscription is this chat's own (callback data is input)."""
    sid, option = int(match["sid"]), FOLLOWUP_OPTIONS[int(match["option"])]
    key = _key(deps, chat_id)

    def answer(db) -> str:
        row = subscriptions.get(db, sid)
        if row is None or row["contact_key"] != key:
            return "unknown"
        return subscriptions.answer_followup(db, sid, option)

    return await deps.store.write(answer)


async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The resident blocked the bot: their subscriptions go at once."""
    member = update.my_chat_member
    if member is None or member.new_chat_member.status != ChatMemberStatus.BANNED:
        return
    removed = await stop_chat(_deps(context), member.from_user.id, member.chat.id)
    logger.info("a blocked chat's subscriptions were deleted (%d)", removed)
    raise ApplicationHandlerStop
