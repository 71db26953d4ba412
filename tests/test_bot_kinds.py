"""Every question kind in the chat: a required scale that cannot be skipped, a multi ticked
and unticked up to its max, and background choices, through the fake Bot API."""

from __future__ import annotations

import pytest

from tests.bot_harness import RunningBot, bot_settings_for, data, press, say
from tests.kinds_campaign import kinds_campaign_text

pytest_plugins = ["tests.bot_fixtures"]


@pytest.fixture
async def kinds_bot(tg, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "kinds.toml").write_text(kinds_campaign_text(), encoding="utf-8")
    running = RunningBot(bot_settings_for(tg, tmp_path, campaigns_dir=folder), tg)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


def labels(user) -> list[str]:
    return [label for row in user.buttons() for label, _ in row]


async def test_a_walk_through_a_scale_and_a_multi_is_stored_as_given(kinds_bot, tg):
    user = tg.user(7350123468, language_code="sv")
    await say(user, "/start")
    for index in (0, 1, 2):
        await press(user, "kinds", "A", index)
    # The scale comes first after the areas: required, so there is no "skip"; the way back
    # to the areas is there, as on every topic question.
    assert "Hur trygg känner du dig ute ensam en sen kväll där du bor?" in user.last_text
    assert "Hoppa över ▶" not in labels(user)
    points = ["Mycket otrygg", "Ganska otrygg", "Ganska trygg", "Mycket trygg", "Vet inte"]
    assert [*points, "Ändra områden"] == labels(user)
    await press(user, "kinds", "Q", "2-2")  # "Ganska trygg"
    # The multi: ticked, unticked, "Klar" once there are enough.
    assert "När känner du dig otrygg?" in user.last_text
    assert "Klar ▶" not in labels(user)
    await press(user, "kinds", "T", "3-1+")
    await press(user, "kinds", "T", "3-2+")
    await press(user, "kinds", "T", "3-0+")
    await press(user, "kinds", "T", "3-0-")
    ticks = ["⬜ Dag", "✅ Kväll", "✅ Natt", "⬜ Helger", "Klar ▶", "Hoppa över ▶"]
    assert [*ticks, "Ändra områden"] == labels(user)
    await press(user, "kinds", "M")
    await press(user, "kinds", "S")  # no comment
    await press(user, "kinds", "Y", 0)  # the background questions skipped
    await press(user, "kinds", "Y", 1)
    assert "Ganska trygg" in user.last_text and "Kväll, Natt" in user.last_text  # the summary
    await press(user, "kinds", "C")
    [stored] = await kinds_bot.responses("kinds")
    assert {"safe-evening": "rather-safe", "when-unsafe": ["evening", "night"]} == dict(
        stored.answers
    )


async def test_a_multi_takes_no_more_than_its_max(kinds_bot, tg):
    user = tg.user(1003, language_code="sv")
    await say(user, "/start")
    for index in (0, 1, 2):
        await press(user, "kinds", "A", index)
    await press(user, "kinds", "Q", "2-4")  # "Vet inte" is an answer on the scale
    for option in range(3):
        await press(user, "kinds", "T", f"3-{option}+")
    await press(user, "kinds", "T", "3-3+")
    assert "Du kan välja högst 3 alternativ." in [a.get("text") for a in user.alerts]
    assert data("kinds", "T", "3-3+") in {d for row in user.buttons() for _, d in row}
