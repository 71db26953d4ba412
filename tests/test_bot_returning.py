"""A returning resident: sees their answer, changes it (one row, updated), deletes it."""

from __future__ import annotations

from tests.bot_harness import data, demo_walk, press, say

pytest_plugins = ["tests.bot_fixtures"]


async def test_start_again_shows_the_answer_and_a_change_updates_the_one_row(bot, tg):
    user = tg.user(2001, language_code="sv")
    await demo_walk(user, areas=(0, 1, 2), comment="Första")
    [first] = await bot.responses()

    await say(user, "/start")
    assert user.last_text.startswith("Du har redan svarat på Demo: Trygg och säker.")
    assert "1. Våld i offentlig miljö" in user.last_text and "«Första»" in user.last_text
    assert data("demo", "R") == user.buttons()[0][0][1]
    await press(user, "demo", "R")
    assert user.last_text.startswith("Stämmer det här?")
    await press(user, "demo", "E", "a")
    await press(user, "demo", "A", 0)
    await press(user, "demo", "A", 6)  # the third area: back to the summary
    assert user.last_text.startswith("Stämmer det här?")
    await press(user, "demo", "E", "c")
    await say(user, "Andra")
    assert user.last_text.startswith("Synpunkten är mottagen, 5 tecken.")
    await press(user, "demo", "K")
    assert user.last_text.startswith("Stämmer det här?")
    await press(user, "demo", "C")
    assert user.last_text.startswith("Tack! Ditt svar är sparat.")

    [changed] = await bot.responses()
    assert first.id == changed.id and first.submitted_at == changed.submitted_at
    assert (("unsafe-places", "drugs-alcohol", "traffic"), "Andra") == (
        changed.areas,
        changed.comment,
    )
    assert 1 == bot.table_count("responses")


async def test_sending_the_same_answer_again_keeps_one_row(bot, tg):
    user = tg.user(2002, language_code="sv")
    await demo_walk(user)
    await say(user, "/start")
    await press(user, "demo", "R")
    await press(user, "demo", "C")
    assert 1 == len(await bot.responses())


async def test_follow_up_consent_is_off_until_asked_for(bot, tg):
    user = tg.user(2003, language_code="sv")
    await demo_walk(user)
    [stored] = await bot.responses()
    assert not stored.followup_consent
    await press(user, "demo", "F", "1t")
    assert "Vi berättar om uppföljningen här i chatten." == user.alerts[-1]["text"]
    assert [[("✅ Du får höra om uppföljningen (ångra)", data("demo", "F", "0t"))]] == (
        user.buttons()
    )
    [stored] = await bot.responses()
    assert stored.followup_consent
    await say(user, "/start")
    await press(user, "demo", "F", "0s")
    [stored] = await bot.responses()
    assert not stored.followup_consent
    assert user.last_text.startswith("Du har redan svarat")


async def test_delete_asks_first_then_removes_answer_and_draft(bot, tg):
    user = tg.user(2004, language_code="sv")
    await demo_walk(user)
    await say(user, "/start")
    await press(user, "demo", "R")  # a draft of a change, besides the stored answer
    assert 1 == await bot.count_soon("drafts WHERE campaign = 'demo'", 1)

    await say(user, "/delete")
    assert user.last_text.startswith(
        "Vill du radera ditt svar på Demo: Trygg och säker och ditt påbörjade svar?"
    )
    await press(user, "demo", "B")
    assert "Inget raderades." == user.last_text
    assert 1 == len(await bot.responses())

    await say(user, "/delete")
    await press(user, "demo", "D")
    assert user.last_text.startswith("Ditt svar och ditt påbörjade svar är raderade.")
    assert [] == await bot.responses()
    assert 0 == bot.table_count("drafts")
    assert 0 == bot.table_count("responses")

    await say(user, "/delete")
    assert "Det finns inget sparat svar från dig att radera." == user.last_text
    await say(user, "/start")  # a fresh walk
    assert user.last_text.startswith("Demo: Trygg och säker")


async def test_cancel_drops_the_draft_and_keeps_a_stored_answer(bot, tg):
    user = tg.user(2005, language_code="sv")
    await say(user, "/cancel")
    assert user.last_text.startswith("Det finns inget påbörjat svar att avbryta.")
    await say(user, "/start")
    await press(user, "demo", "A", 0)
    await say(user, "/cancel")
    assert user.last_text.startswith("Ditt påbörjade svar är borttaget.")
    assert 0 == await bot.count_soon("drafts WHERE campaign = 'demo'", 0)
    await say(user, "/start")
    assert "0 av 3 valda" in user.last_text
