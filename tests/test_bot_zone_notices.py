"""A resident who marks a place in the chat and opts in hears of an activity in that place's
zone, through the fake Bot API: the subscription learns its zones from the answer."""

from __future__ import annotations

import pytest

from storage.events import CycleEvent
from tests.bot_harness import RunningBot, bot_settings_for, press
from tests.notice_helpers import ACTIVITY, record, rows
from tests.place_campaign import place_campaign_text
from tests.test_bot_places import CENTRUM, send_location, to_the_place_question
from tests.waiting import until

pytest_plugins = ["tests.bot_fixtures"]

FAST = {"MEDBORGARDIALOG_NOTICE_DIGEST": "0", "MEDBORGARDIALOG_NOTICE_POLL": "0.05"}


@pytest.fixture
async def places_bot(tg, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "places.toml").write_text(place_campaign_text(), encoding="utf-8")
    running = RunningBot(bot_settings_for(tg, tmp_path, campaigns_dir=folder, env=FAST), tg)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


def in_zone(zone: str) -> CycleEvent:
    return CycleEvent(
        "activity_status", campaign="places", promise="places-2026", activity="narvaro",
        areas=("nothing-chosen",), zones=(zone,), detail={**ACTIVITY, "status": "ongoing"},
    )  # fmt: skip


async def test_a_place_marked_in_the_chat_brings_news_of_its_zone(places_bot, tg):
    user = tg.user(7350300001, language_code="sv")
    await to_the_place_question(user)
    await send_location(user, CENTRUM)
    await press(user, "places", "J", 2)
    await press(user, "places", "M")
    await press(user, "places", "S")  # no comment
    await press(user, "places", "Y", 0)
    await press(user, "places", "Y", 1)
    await press(user, "places", "C")
    await press(user, "places", "F", "1t")
    db = places_bot.settings.db
    await until(lambda: rows(db, "SELECT zones FROM subscriptions"), what="the subscription")
    assert [('["centrum"]',)] == rows(db, "SELECT zones FROM subscriptions")

    await record(places_bot.store, in_zone("norrstrand"))
    await record(places_bot.store, in_zone("centrum"))
    message = await user.wait_for_text("Nytt om det du bad", timeout=10)
    await user.wait_idle(settle=0.1)  # the sender's other notices
    assert "Trygghetsvandringar i centrum" in message["text"]
    notices = [m for m in user.messages if "Nytt om det du bad" in (m.get("text") or "")]
    assert 1 == len(notices)
    assert [(1,)] == rows(db, "SELECT count(*) FROM notices")
