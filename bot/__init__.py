"""The Telegram channel: renders the survey's steps as messages with inline keyboards."""

from bot.application import (
    build_application,
    finish,
    missing_renderers,
    register_commands,
    release,
)
from bot.deps import BotDeps

__all__ = [
    "BotDeps",
    "build_application",
    "finish",
    "missing_renderers",
    "register_commands",
    "release",
]
