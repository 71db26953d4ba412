"""The new paths end to end: the real bot polling the fake Bot API over HTTP on 127.0.0.1."""

from __future__ import annotations

from tests.bot_harness import answered, press, say, skip_topic

pytest_plugins = ["tests.bot_fixtures"]


async def test_a_poster_walk_with_a_comment_in_two_messages_and_an_edit(bot, tg):
    user = tg.user(8101, language_code="sv")
    await say(user, "/start Demo--station")
    for index in (0, 2, 5):
        await press(user, "demo", "A", index)
    await skip_topic(user)
    first = await answered(user, user.send("Mörkt vid"))
    await say(user, "busshållplatsen.")
    assert user.last_text.startswith("Synpunkten är mottagen, 26 tecken.")
    await answered(user, user.edit(first["message"]["message_id"], "Mycket mörkt vid"))
    assert user.last_text.startswith("Synpunkten är ändrad.")
    await press(user, "demo", "K")
    await press(user, "demo", "Y", 0)
    await press(user, "demo", "Q", "1-7")
    assert "«Mycket mörkt vid\nbusshållplatsen.»" in user.last_text
    await press(user, "demo", "C")
    assert 1 == sum(1 for m in user.messages if m.get("reply_markup"))  # the thank-you's only
    [stored] = await bot.responses()
    assert ("station", "Mycket mörkt vid\nbusshållplatsen.") == (stored.source, stored.comment)
    assert {"district": "prefer-not-to-say"} == dict(stored.answers)


async def test_in_a_group_the_bot_points_to_a_private_chat_and_collects_nothing(bot, tg):
    group, member = tg.group(-100200), tg.user(8102)
    await answered(group, group.add_bot(member))
    [said] = group.messages
    [[button]] = said["reply_markup"]["inline_keyboard"]
    assert "https://t.me/MedborgarBot?start=demo" == button["url"]
    events = len(group.transcript)
    await group.say(member, "Mörkt i parken")
    await group.wait_idle()
    assert events + 1 == len(group.transcript)  # the member's line only: the bot is silent
    assert 0 == bot.table_count("drafts")


async def test_the_bot_describes_itself_at_start_up(bot, tg):
    assert tg.descriptions["sv"].startswith("Här kan du berätta vad du tycker")
    assert tg.short_descriptions["fi"].startswith("Kerro, mihin poliisin")
    sets = tg.count_calls("setMyDescription")
    await bot.restart()
    assert sets == tg.count_calls("setMyDescription")  # unchanged: not set again
