"""Fixtures of the bot tests (a plugin: `pytest_plugins = ["tests.bot_fixtures"]`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from medborgardialog.settings import Settings
from tests.bot_harness import RunningBot, bot_settings_for
from tests.bot_unit import Chats, unit_bot
from tests.fake_telegram import FakeTelegram


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def bot_settings(tg: FakeTelegram, tmp_path: Path) -> Settings:
    return bot_settings_for(tg, tmp_path)


@pytest.fixture
async def bot(bot_settings: Settings, tg: FakeTelegram) -> AsyncIterator[RunningBot]:
    running = RunningBot(bot_settings, tg)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
async def chats(tmp_path: Path) -> AsyncIterator[Chats]:
    """The bot fed updates directly (`Application.process_update`), on a fresh store."""
    async with unit_bot(tmp_path) as found:
        yield found
