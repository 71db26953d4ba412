"""Commands, deep links, the choice between open campaigns, and a campaign that closes."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from campaigns import SAMPLE_DIR
from tests.bot_harness import RunningBot, bot_settings_for, press, say
from tests.fake_clock import FakeClock

pytest_plugins = ["tests.bot_fixtures"]


@pytest.fixture
async def two_open(tg, tmp_path: Path):
    """The bot on the samples plus a second open campaign, which closes at the end of 2099."""
    folder = tmp_path / "campaigns"
    shutil.copytree(SAMPLE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = (folder / "demo.toml").read_text(encoding="utf-8")
    text = text.replace('id = "demo"', 'id = "demo-two"\ncloses = 2099-12-31')
    text = text.replace("Demo: Trygg och säker", "Demo två: Trygg och säker")
    (folder / "demo-two.toml").write_text(text, encoding="utf-8")
    running = RunningBot(bot_settings_for(tg, tmp_path, campaigns_dir=folder), tg, FakeClock())
    await running.start()
    yield running
    await running.stop()


async def test_help_lists_the_commands_and_the_emergency_numbers(bot, tg):
    user = tg.user(9001, language_code="sv")
    await say(user, "/help")
    for command in ("/start", "/language", "/privacy", "/delete", "/cancel", "/help"):
        assert command in user.last_text
    assert "112" in user.last_text and "114 14" in user.last_text
    await say(user, "/nonsense")
    assert user.last_text.startswith("Det kommandot finns inte.")
    await say(user, "hej")
    assert user.last_text.startswith("Hej! Skriv /start för att börja")


async def test_commands_are_registered_in_every_language(bot, tg):
    for lang in ("sv", "en", "ar", "fi", ""):
        menu = tg.commands_for(lang)
        assert ["start", "language", "privacy", "delete", "cancel", "help"] == [
            c["command"] for c in menu
        ], lang
    descriptions = {lang: tg.commands_for(lang)[0]["description"] for lang in ("sv", "en", "ar")}
    assert 3 == len(set(descriptions.values()))


async def test_the_language_can_be_chosen_before_a_campaign(bot, tg):
    user = tg.user(9002, language_code="sv")
    await say(user, "/language")
    await press(user, "-", "L", "fi")
    await say(user, "/start")
    assert user.last_text.startswith("Demo: Turvallinen ja varma")


async def test_several_open_campaigns_are_offered_and_deep_links_pick_one(two_open, tg):
    user = tg.user(9003, language_code="sv")
    await say(user, "/start")
    offered = sorted([label for label, _ in row] for row in user.buttons())
    assert [["Demo två: Trygg och säker"], ["Demo: Trygg och säker"]] == offered
    await press(user, "demo-two", "P")
    assert user.last_text.startswith("Demo två: Trygg och säker")
    await press(user, "demo-two", "A", 0)
    await say(user, "/start demo")  # a poster's QR code for the other campaign
    assert user.last_text.startswith("Demo: Trygg och säker")
    assert "0 av 3 valda" in user.last_text
    await say(user, "/start demo-two")  # back: the draft is where it was
    assert "1 av 3 valda" in user.last_text


async def test_a_campaign_that_closes_mid_walk_says_so_and_drops_the_draft(two_open, tg):

    user = tg.user(9004, language_code="sv")
    await say(user, "/start demo-two")
    await press(user, "demo-two", "A", 0)
    two_open.clock.at(datetime(2100, 1, 2, tzinfo=UTC))
    await press(user, "demo-two", "A", 1)
    assert "Enkäten är stängd. Tack för ditt intresse!" in user.last_text
    assert "Enkäten är stängd. Tack för ditt intresse!" == user.alerts[-1]["text"]
    assert 0 == await two_open.count_soon("drafts WHERE campaign = 'demo-two'", 0)
    await say(user, "/start demo-two")
    assert "Enkäten är stängd." in user.last_text
