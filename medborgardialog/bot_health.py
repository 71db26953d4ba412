"""The bot's part of `/healthz`: running, and the Bot API answering for this token."""

from __future__ import annotations

from aiohttp import web
from telegram.error import TelegramError
from telegram.ext import Application

from kiosk.edge.health import HEALTH_CHECKS


def add_bot_check(app: web.Application, ptb: Application) -> None:
    async def check() -> str:
        if not ptb.running:
            return "not running"
        try:
            await ptb.bot.get_me()
        except TelegramError:
            return "unreachable"
        return "connected"

    app[HEALTH_CHECKS]["bot"] = check
