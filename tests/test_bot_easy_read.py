"""Lättläst in the chat: chosen in the language menu, kept for the walk, recorded."""

from __future__ import annotations

from tests.bot_harness import answer_question, answered, data, press, say, skip_topic

pytest_plugins = ["tests.bot_fixtures"]


async def test_lattlast_is_chosen_in_the_language_menu_and_kept_to_the_thanks(bot, tg):
    user = tg.user(1010, language_code="de")
    await say(user, "/start")
    labels = [row[0][0] for row in user.buttons()]
    assert ["✅ svenska", "svenska – lättläst", "English", "العربية", "suomi"] == labels
    await press(user, "-", "L", "sv-e")
    assert user.last_text.startswith("Ett test: Trygg och säker\n\nDet här är ett test.")
    assert "⬜ Våld ute på gator och torg" == user.buttons()[0][0][0]
    assert "\n\nVilka problem ska polisen och kommunen arbeta mest med?" in user.last_text
    # The menu, opened again, marks Lättläst as the choice; Lättläst in English is not offered.
    await press(user, "demo", "G")
    labels = [row[0][0] for row in user.buttons()]
    assert ["svenska", "✅ svenska – lättläst", "English", "العربية", "suomi"] == labels
    await press(user, "-", "L", "sv-e")
    for index in (0, 1, 6):
        await press(user, "demo", "A", index)
    await skip_topic(user)
    assert "1. Våld ute på gator och torg" in user.last_text
    await say(user, "Mer ljus i parken")
    await press(user, "demo", "K")
    await answer_question(user, "demo", 0, 1)
    await answer_question(user, "demo", 1, 7)
    assert "Hur gammal är du? 20 till 34 år" in user.last_text
    await press(user, "demo", "C")
    assert "Svaren i det här testet används inte på riktigt." in user.last_text
    [stored] = await bot.responses()
    assert ("sv", True) == (stored.locale, stored.easy_read)


async def test_lattlast_is_offered_only_where_the_campaign_has_it(bot, tg):
    user = tg.user(1011, language_code="en")
    await say(user, "/start")
    await press(user, "demo", "G")
    choices = [d for row in user.buttons() for _, d in row]
    assert [data("-", "L", "sv-e")] == [d for d in choices if d.endswith("-e")]
    before = len(user.alerts)
    await answered(user, user.press_data(data("-", "L", "en-e")))  # forged: none in English
    assert before + 1 == len(user.alerts)
    await press(user, "-", "L", "en")
    assert user.last_text.startswith("Demo: Safe and secure")
    await press(user, "demo", "A", 0)
    assert "⬜ Unsafe environments" == user.buttons()[1][0][0]
