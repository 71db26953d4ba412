"""Restarts and repeats: a walk survives a restart, and a second delivery stores nothing twice."""

from __future__ import annotations

from tests.bot_harness import answered, press, say

pytest_plugins = ["tests.bot_fixtures"]


async def test_a_restart_mid_walk_continues_from_the_draft(bot, tg):
    user = tg.user(3001, language_code="sv")
    await say(user, "/start")
    await press(user, "demo", "I")
    await press(user, "demo", "A", 3)
    await press(user, "demo", "A", 4)

    await bot.restart()  # a new PTB application and store on the same database file

    await press(user, "demo", "A", 6)  # on the message the old process sent
    assert "3 av 3 valda" in user.last_text
    await press(user, "demo", "N")
    await bot.stop()
    await user.send("Skrivet medan boten var nere")  # Telegram keeps it until the bot is back
    await bot.start()
    await user.wait_for_text("Synpunkten är mottagen, 28 tecken.")
    await user.wait_idle()
    await press(user, "demo", "K")
    await press(user, "demo", "Q", "0-2")
    await press(user, "demo", "Q", "1-0")
    await press(user, "demo", "C")
    [stored] = await bot.responses()
    assert ("theft-burglary", "domestic-violence", "traffic") == stored.areas
    assert "Skrivet medan boten var nere" == stored.comment


async def test_the_same_update_twice_changes_and_stores_nothing_twice(bot, tg):
    user = tg.user(3002, language_code="sv")
    await say(user, "/start")
    await press(user, "demo", "I")
    tick = await answered(user, user.press("⬜ Våld i offentlig miljö"))
    tg.push_update(tick)  # delivered again: it must not untick the area
    await user.wait_idle()
    assert "1 av 3 valda" in user.last_text
    for index in (1, 2):
        await press(user, "demo", "A", index)
    await press(user, "demo", "N")
    typed = await answered(user, user.send("En gång"))
    tg.push_update(typed)
    await user.wait_idle()
    await press(user, "demo", "K")
    await press(user, "demo", "Q", "0-0")
    await press(user, "demo", "Q", "1-0")
    sent = await answered(user, user.press("✅ Skicka"))
    calls = len(tg.calls)
    tg.push_update(sent)
    await user.wait_idle()
    assert 1 == len(await bot.responses())
    assert 1 == bot.table_count("responses")
    assert all(name == "getUpdates" for name, _ in tg.calls[calls:])  # nothing said twice
    assert 2 == len(user.messages)  # the walk's message, and one after the comment: not two


async def test_a_repeat_after_a_restart_is_still_recognised(bot, tg):
    user = tg.user(3003, language_code="sv")
    await say(user, "/start")
    await press(user, "demo", "I")
    tick = await answered(user, user.press("⬜ Social oro"))
    await bot.restart()  # the new process has not seen the update: the session has
    tg.push_update(tick)
    await user.wait_idle()
    assert "1 av 3 valda" in user.last_text
    assert "✅ Social oro" == user.buttons()[5][0][0]
