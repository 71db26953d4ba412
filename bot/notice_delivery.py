"""Notices delivered in Telegram: plain text, a stop button, and the follow-up question's
four answers as buttons; sent through the bot's own rate limiter."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import subscription_texts as texts
from bot.i18n import tr_for
from bot.subscriptions import STOP_DATA, answer_data
from locales import Catalogs
from survey.promises.notice_text import NoticeMessage, followup_options, plain_text, question

logger = logging.getLogger(__name__)

SENT, GONE, RETRY, REFUSED = "sent", "gone", "retry", "refused"


class TelegramNotices:
    """The sender's Telegram channel."""

    channel = "telegram"

    def __init__(self, bot: Bot, catalogs: Catalogs) -> None:
        self.bot, self.catalogs = bot, catalogs

    def render(self, message: NoticeMessage, lang: str, subscription: int) -> tuple[str, dict]:
        """The text and the keyboard of one notice."""
        tr = tr_for(self.catalogs, lang)
        text = plain_text(message, tr._, tr._("Skriv /stopp för att inte få fler meddelanden."))
        rows = []
        if message.asks_question:
            rows += [
                [{"text": label, "callback_data": answer_data(index, subscription)}]
                for index, (_id, label) in enumerate(followup_options(tr._))
            ]
        rows.append([{"text": texts.stop_label(tr), "callback_data": STOP_DATA}])
        return text, {"inline_keyboard": rows}

    async def deliver(
        self, contact: str, message: NoticeMessage, lang: str, subscription: int
    ) -> tuple[str, float]:
        """Send one notice: (outcome, seconds to wait before a retry)."""
        text, keyboard = self.render(message, lang, subscription)
        try:
            await self.bot.do_api_request(
                "sendmessage",
                api_kwargs={"chat_id": int(contact), "text": text, "reply_markup": keyboard},
            )
        except Forbidden:  # blocked by the user, or the account is gone
            return GONE, 0.0
        except RetryAfter as error:
            return RETRY, _seconds(error.retry_after)
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                return GONE, 0.0
            logger.warning("a notice was refused by the Bot API: %s", error.message)
            return REFUSED, 0.0
        except NetworkError as error:
            logger.info("a notice could not be sent, retrying: %s", error.message)
            return RETRY, 0.0
        return SENT, 0.0


def _seconds(value) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


__all__ = ["GONE", "REFUSED", "RETRY", "SENT", "TelegramNotices", "question"]
