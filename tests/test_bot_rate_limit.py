"""Telegram's 429 "retry after": the bot waits as told, tries again, and loses nothing."""

from __future__ import annotations

import asyncio

from tests.bot_harness import press, say, skip_topic

pytest_plugins = ["tests.bot_fixtures"]


async def test_a_burst_of_429s_still_delivers_everything(bot, tg):
    user = tg.user(5001, language_code="sv")
    loop = asyncio.get_running_loop()
    tg.fail_next("sendMessage", 2, retry_after=1)
    started = loop.time()
    await say(user, "/start")  # the bot waits out the 429s before it has handled the update
    assert user.last_text.startswith("Demo: Trygg och säker")
    assert loop.time() - started >= 2  # it waited as told, twice
    tg.fail_next("editMessageText", 2, retry_after=1)
    tg.fail_next("answerCallbackQuery", 1, retry_after=1)
    for index in (0, 1, 2):
        await press(user, "demo", "A", index)
    await skip_topic(user)
    tg.fail_next("sendMessage", 1, retry_after=1)
    await say(user, "Trots allt")
    await press(user, "demo", "K")
    await press(user, "demo", "Q", "0-5")
    await press(user, "demo", "Q", "1-7")
    await press(user, "demo", "C")

    [stored] = await bot.responses()
    assert "Trots allt" == stored.comment
    assert user.last_text.startswith("Tack! Ditt svar är sparat.")
    assert 10 == len(user.alerts)  # every press answered, once
    # The walk's message, the place question's reply keyboard shown and taken away, and the
    # one after the comment.
    assert 4 == len(user.messages)
    assert 4 + 3 == tg.count_calls("sendMessage")
    assert 10 + 2 == tg.count_calls("editMessageText")  # three topic questions skipped
    assert 10 + 1 == tg.count_calls("answerCallbackQuery")
