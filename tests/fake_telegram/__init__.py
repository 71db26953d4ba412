"""Fake Telegram Bot API server (aiohttp, 127.0.0.1) that the real python-telegram-bot talks to.

server: the HTTP app, failure injection, the update queue with getUpdates and webhooks;
methods: the chat methods it answers (sendMessage, editMessageText, setMyCommands, ...);
users: the simulated users who type and press buttons; errors: the API errors.
"""

from tests.fake_telegram.errors import NOT_MODIFIED, QUERY_INVALID, ApiError
from tests.fake_telegram.server import FakeTelegram
from tests.fake_telegram.users import FakeUser

__all__ = ["NOT_MODIFIED", "QUERY_INVALID", "ApiError", "FakeTelegram", "FakeUser"]
