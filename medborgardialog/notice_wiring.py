"""The notice sender wired into `serve` (a cleanup context) and into `bot` when it runs alone."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import TYPE_CHECKING

from aiohttp import web

from medborgardialog.notice_sender import NoticeSender, SenderOptions, running
from medborgardialog.parts import PTB_KEY, Parts

if TYPE_CHECKING:
    from telegram import Bot


def sender_options(parts: Parts) -> SenderOptions:
    settings = parts.settings
    return SenderOptions(
        digest=timedelta(seconds=settings.notice_digest_seconds),
        grace_days=settings.notice_grace_days,
        poll_seconds=settings.notice_poll_seconds,
        lease=timedelta(seconds=settings.notice_lease_seconds),
        base_url=settings.public_url or "",
    )


def build_sender(parts: Parts, bot: Bot | None) -> NoticeSender:
    """A sender over the channels configured here: Telegram with a bot, e-mail with SMTP."""
    channels: dict = {}
    if bot is not None:
        from bot.notice_delivery import TelegramNotices

        channels["telegram"] = TelegramNotices(bot, parts.catalogs)
    mailer = mail_channel(parts)
    if mailer is not None:
        channels["email"] = mailer
    return NoticeSender(parts.store, parts.secret, parts.catalogs, channels, sender_options(parts))


def mail_channel(parts: Parts):
    settings = parts.settings
    if not (settings.smtp_url and settings.mail_from):
        return None
    from medborgardialog.mail import MailNotices

    return MailNotices(
        settings.smtp_url,
        settings.mail_from,
        parts.secret,
        parts.catalogs,
        settings.public_url or "",
    )


def attach_mailer(app: web.Application, parts: Parts) -> None:
    """Offer e-mail on the subscription pages when SMTP is configured."""
    from kiosk.follow.pages import FOLLOW_MAILER

    mailer = mail_channel(parts)
    if mailer is not None:
        app[FOLLOW_MAILER] = mailer


def attach_sender(app: web.Application, parts: Parts) -> None:
    """Run the sender inside `serve`, after the bot (when there is one) has started."""

    async def sender_context(app: web.Application) -> AsyncIterator[None]:
        ptb = app.get(PTB_KEY)
        bot = ptb.bot if ptb is not None and ptb.running else None
        async with running(build_sender(parts, bot)):
            yield

    app.cleanup_ctx.append(sender_context)


@contextlib.asynccontextmanager
async def alongside_bot(parts: Parts, bot: Bot) -> AsyncIterator[NoticeSender]:
    """`medborgardialog bot` alone: the sender with the bot's channel, while it polls."""
    async with running(build_sender(parts, bot)) as sender:
        yield sender
