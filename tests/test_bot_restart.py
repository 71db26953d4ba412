"""Restarts and repeats: a walk survives a restart, and a second delivery stores nothing twice."""

from __future__ import annotations

from bot.deps import CHANNEL
from bot.pseudonyms import NO_CAMPAIGN, Keys
from bot.state import Session
from storage.drafts import write_drafts
from survey import IntroStep
from survey.walk import new_draft
from tests.bot_harness import answered, press, say, skip_topic

pytest_plugins = ["tests.bot_fixtures"]


async def test_a_restart_mid_walk_continues_from_the_draft(bot, tg):
    user = tg.user(3001, language_code="sv")
    await say(user, "/start")
    await press(user, "demo", "A", 3)
    await press(user, "demo", "A", 4)

    await bot.restart()  # a new PTB application and store on the same database file

    await press(user, "demo", "A", 6)  # on the message the old process sent
    assert "Hur trygg känner du dig" in user.last_text  # the third area went on
    await skip_topic(user)
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
    tick = await answered(user, user.press("⬜ Våld i offentlig miljö"))
    tg.push_update(tick)  # delivered again: it must not untick the area
    await user.wait_idle()
    assert "1 av 3 valda" in user.last_text
    for index in (1, 2):
        await press(user, "demo", "A", index)
    await skip_topic(user)
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
    # The walk's message, the place question's reply keyboard shown and taken away, and one
    # after the comment: not two.
    assert 4 == len(user.messages)


async def test_a_repeat_after_a_restart_is_still_recognised(bot, tg):
    user = tg.user(3003, language_code="sv")
    await say(user, "/start")
    tick = await answered(user, user.press("⬜ Social oro"))
    await bot.restart()  # the new process has not seen the update: the session has
    tg.push_update(tick)
    await user.wait_idle()
    assert "1 av 3 valda" in user.last_text
    assert "✅ Social oro" == user.buttons()[5][0][0]


async def test_a_draft_kept_at_the_intro_by_an_earlier_version_goes_on_at_the_areas(bot, tg):
    user = tg.user(3004, language_code="sv")
    keys = Keys(bot.parts.secret, user.id)
    draft = new_draft(bot.parts.campaigns["demo"], "r-3004", "sv").at(IntroStep.id)
    session = Session(locale="sv", campaign="demo")
    rows = {
        keys.participant("demo"): ("demo", draft.to_json()),
        keys.session: (NO_CAMPAIGN, session.to_json()),
    }
    await bot.store.write(lambda db: write_drafts(db, CHANNEL, rows))
    await say(user, "/start")
    assert "0 av 3 valda" in user.last_text
    await press(user, "demo", "A", 0)
    assert "1 av 3 valda" in user.last_text
