"""The place question in the chat, through the fake Bot API: zones as buttons, a location sent
with "📍 Skicka plats" (a reply keyboard, taken away afterwards), kept on the map's grid with
its zone, refused off the map or beyond the question's max, and why there, asked."""

from __future__ import annotations

import pytest

from tests.bot_harness import RunningBot, answered, bot_settings_for, press, say
from tests.place_campaign import place_campaign, place_campaign_text

pytest_plugins = ["tests.bot_fixtures"]

CENTRUM = (59.380123, 13.504871)
KRONOPARKEN = (59.401234, 13.571234)
OUTSIDE_ZONES = (59.35, 13.45)
OFF_THE_MAP = (59.60, 14.20)


@pytest.fixture
async def places_bot(tg, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "places.toml").write_text(place_campaign_text(), encoding="utf-8")
    running = RunningBot(bot_settings_for(tg, tmp_path, campaigns_dir=folder), tg)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


def labels(user) -> list[str]:
    return [label for row in user.buttons(user._keyboard_message()) for label, _ in row]


def prompt_text(user) -> str:
    return user._keyboard_message().get("text", "")


async def send_location(user, at, venue=None) -> None:
    await answered(user, user.send_location(*at, venue=venue))


async def to_the_place_question(user) -> None:
    await say(user, "/start")
    for index in (0, 1, 2):
        await press(user, "places", "A", index)
    assert "Var känner du dig otrygg?" in prompt_text(user)


def location_button(user) -> dict:
    keyboard = user.reply_keyboard
    assert keyboard is not None, user.format()
    [[button]] = keyboard["keyboard"]
    return button


async def test_a_location_is_kept_rounded_with_its_zone_and_zones_come_by_button(places_bot, tg):
    user = tg.user(7350200001, language_code="sv")
    await to_the_place_question(user)
    zones = ["⬜ Centrum", "⬜ Norrstrand", "⬜ Kronoparken", "Hoppa över ▶"]
    assert [*zones, "Ändra områden"] == labels(user)  # a topic question: back to the areas
    assert {"text": "📍 Skicka plats", "request_location": True} == location_button(user)
    # A point in the town centre: stored, and why there asked.
    await send_location(user, CENTRUM)
    assert "Sparat: Centrum." in prompt_text(user)
    assert ["Dålig belysning", "Personer som samlas", "Hoppa över ▶"] == labels(user)
    await press(user, "places", "U", "2-0")
    assert "Sparat: Centrum, dålig belysning." in prompt_text(user)
    assert "1. Centrum, dålig belysning" in prompt_text(user)
    # Off the map: refused, in the resident's language; nothing is added.
    await send_location(user, OFF_THE_MAP)
    assert "Platsen ligger utanför kartan för den här enkäten." in prompt_text(user)
    assert "2." not in prompt_text(user).split("Dina platser:")[1]
    # A zone by its button, without a reason.
    await press(user, "places", "Z", "2-2+")
    assert "Sparat: Kronoparken." in prompt_text(user)
    await press(user, "places", "J", 2)
    assert "✅ Kronoparken" in labels(user)
    assert "Klar ▶" in labels(user)
    await press(user, "places", "M")
    # Past the question, the reply keyboard is taken away.
    assert user.reply_keyboard is None, user.format()
    await press(user, "places", "S")  # no comment
    await press(user, "places", "Y", 0)
    await press(user, "places", "Y", 1)
    assert "Centrum, dålig belysning; Kronoparken" in prompt_text(user)  # the summary
    await press(user, "places", "C")
    [stored] = await places_bot.responses("places")
    lat, lon = place_campaign().map.rounded(*CENTRUM)
    assert [
        {"lat": lat, "lon": lon, "zone": "centrum", "option": "lighting"},
        {"zone": "kronoparken"},
    ] == stored.answers["unsafe-places"]


async def test_a_venue_counts_as_its_location_and_the_max_holds(places_bot, tg):
    user = tg.user(7350200002, language_code="en")
    await to_the_place_question_in_english(user)
    await send_location(user, OUTSIDE_ZONES, venue="Kiosken vid torget")
    assert "Saved: A place outside the zones." in prompt_text(user)
    await press(user, "places", "J", 2)
    await send_location(user, KRONOPARKEN)
    await press(user, "places", "J", 2)
    await press(user, "places", "Z", "2-0+")
    await press(user, "places", "U", "2-1")
    # Three places: the keyboard goes, and a fourth is refused.
    assert user.reply_keyboard is None, user.format()
    await send_location(user, CENTRUM)
    assert "You can mark at most 3 places." in prompt_text(user)
    await press(user, "places", "M")
    await press(user, "places", "S")
    await press(user, "places", "Y", 0)
    await press(user, "places", "Y", 1)
    await press(user, "places", "C")
    [stored] = await places_bot.responses("places")
    places = stored.answers["unsafe-places"]
    assert [None, "kronoparken", "centrum"] == [p.get("zone") for p in places]
    assert "people" == places[2]["option"]
    area_map = place_campaign().map
    assert (places[0]["lat"], places[0]["lon"]) == area_map.rounded(*OUTSIDE_ZONES)


async def to_the_place_question_in_english(user) -> None:
    await say(user, "/start")
    for index in (0, 1, 2):
        await press(user, "places", "A", index)
    assert "Where do you feel unsafe?" in prompt_text(user)
    assert {"text": "📍 Send location", "request_location": True} == location_button(user)


async def test_a_location_out_of_turn_points_back_to_the_buttons(places_bot, tg):
    user = tg.user(7350200003, language_code="sv")
    await say(user, "/start")
    await send_location(user, CENTRUM)
    assert "Jag frågar inte efter en plats just nu." in user.last_text
    assert user.reply_keyboard is None
