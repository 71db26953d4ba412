"""Hearing back in Telegram, end to end: the real bot and sender against the fake Bot API."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import promises as sample_promises
from tests.bot_harness import RunningBot, bot_settings_for, demo_walk, press, say
from tests.fake_telegram import FakeTelegram
from tests.notice_helpers import activity_moved, followup, record, rows
from tests.waiting import until

pytest_plugins = ["tests.bot_fixtures"]

FAST = {"MEDBORGARDIALOG_NOTICE_DIGEST": "0", "MEDBORGARDIALOG_NOTICE_POLL": "0.05"}


@pytest.fixture
async def bot(tg: FakeTelegram, tmp_path):
    running = RunningBot(bot_settings_for(tg, tmp_path, env=FAST), tg)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


def subscriptions(bot: RunningBot) -> list[tuple]:
    return rows(bot.settings.db, "SELECT id, channel, campaign, areas, contact FROM subscriptions")


def notices_in(user) -> list[dict]:
    return [m for m in user.messages if "Nytt om det du bad" in (m.get("text") or "")]


async def opt_in(bot, user, areas):
    before = len(subscriptions(bot))
    await demo_walk(user, areas=areas)
    assert "Vill du att vi berättar om uppföljningen" in user.last_text
    assert "högst ett meddelande om dagen" in user.last_text  # the terms, before the choice
    await press(user, "demo", "F", "1t")
    assert "✅ Du får höra om uppföljningen (ångra)" == user.buttons()[0][0][0]
    await until(lambda: before + 1 == len(subscriptions(bot)), what="the subscription")


async def test_an_event_in_one_residents_area_tells_only_that_resident(bot, tg):
    anna, bo, cilla = tg.user(7001), tg.user(7002), tg.user(7003)
    await opt_in(bot, anna, (0, 1, 2))  # violence-public, unsafe-places, drugs-alcohol
    await opt_in(bot, bo, (3, 4, 6))  # theft-burglary, domestic-violence, traffic
    await demo_walk(cilla, areas=(1, 3, 5))  # chooses unsafe-places, never opts in
    stored = subscriptions(bot)
    assert 2 == len(stored)
    for _id, channel, campaign, _areas, contact in stored:
        assert ("telegram", "demo") == (channel, campaign)
        for user in (anna, bo, cilla):
            assert str(user.id).encode() not in contact  # encrypted, not the chat id
    before = {u.id: len(u.messages) for u in (anna, bo, cilla)}

    await record(bot.store, activity_moved(("unsafe-places",)))
    message = await anna.wait_for_text("Nytt om det du bad", timeout=10)
    await anna.wait_idle(settle=0.1)  # the sender's other notices
    assert 1 == len(notices_in(anna))
    assert "Trygghetsvandringar i centrum" in message["text"]
    assert "pågår" in message["text"]
    assert "/stopp" in message["text"]
    assert [("🔕 Sluta skicka", "~s")] == anna.buttons(message)[-1]
    assert before[bo.id] == len(bo.messages)
    assert before[cilla.id] == len(cilla.messages)
    # The sender marks a notice sent once Telegram has taken it, a moment after it arrives.
    unsent = "SELECT id FROM notices WHERE sent_at IS NULL"
    await until(lambda: not rows(bot.settings.db, unsent), what="the notice marked sent")
    assert [] == rows(bot.settings.db, unsent)

    await bot.restart()  # what was delivered is not delivered again
    await record(bot.store, activity_moved(("traffic",), "done"))
    await bo.wait_for_text("genomförd", timeout=10)
    await anna.wait_idle(settle=0.1)  # the sender's other notices
    assert 1 == len(notices_in(anna))
    assert 1 == len(notices_in(bo))


async def test_stopp_deletes_the_subscription_at_once(bot, tg):
    anna = tg.user(7101)
    await opt_in(bot, anna, (0, 1, 2))
    assert 1 == len(subscriptions(bot))
    await say(anna, "/stopp")
    assert "Din prenumeration är raderad" in anna.last_text
    assert [] == subscriptions(bot)
    stored = await bot.store.responses("demo")
    assert [False] == [r.followup_consent for r in stored]  # the bot offers the choice again
    await record(bot.store, activity_moved(("unsafe-places",)))
    await anna.wait_idle(settle=0.3)
    assert [] == notices_in(anna)


async def test_the_stop_button_on_a_notice_deletes_it(bot, tg):
    anna = tg.user(7151, language_code="en")
    await opt_in_en(bot, anna)
    await record(bot.store, activity_moved(("unsafe-places",)))
    notice = await anna.wait_for_text("Safety walks in the centre", timeout=10)
    await anna.wait_idle(settle=0.1)  # the sender's other notices
    await press_on(anna, "~s", notice)
    assert "no more messages" in anna.alerts[-1]["text"]
    assert [] == subscriptions(bot)


async def opt_in_en(bot, user):
    await demo_walk(user, areas=(0, 1, 2), answers=(1, 7))
    await press(user, "demo", "F", "1t")
    assert "We'll tell you about the follow-up here in the chat." == user.alerts[-1]["text"]
    await until(lambda: 1 == len(subscriptions(bot)), what="the subscription")


async def press_on(user, data, message):
    events = len(user.transcript)
    await user.press(data, message)
    await user.wait_transcript(events + 2)
    await user.wait_idle()


async def test_a_blocked_bot_deletes_the_subscription(bot, tg):
    anna, bo = tg.user(7201), tg.user(7202)
    await opt_in(bot, anna, (0, 1, 2))
    await opt_in(bot, bo, (1, 3, 4))
    anna.blocked = True  # the fake answers 403 "bot was blocked by the user"
    await record(bot.store, activity_moved(("unsafe-places",)))
    await bo.wait_for_text("Nytt om det du bad", timeout=10)
    await until(lambda: 1 == len(subscriptions(bot)), what="the blocked chat's row to go")
    assert [] == notices_in(anna)

    tg.push_update(
        {
            "update_id": 99001,
            "my_chat_member": {
                "chat": bo.chat,
                "from": bo.as_user,
                "date": int(datetime.now(UTC).timestamp()),
                "old_chat_member": {"status": "member", "user": tg.me},
                "new_chat_member": {
                    "status": "kicked",
                    "user": tg.me,
                    "until_date": 0,
                },
            },
        }
    )
    await until(lambda: [] == subscriptions(bot), what="the update saying so to delete it")


async def test_the_follow_up_question_is_answered_with_one_tap(bot, tg):
    anna, bo = tg.user(7301), tg.user(7302)
    await opt_in(bot, anna, (0, 1, 2))
    await opt_in(bot, bo, (3, 4, 6))
    await record(bot.store, followup())
    for user in (anna, bo):
        await user.wait_for_text("Har du märkt någon skillnad?", timeout=10)
    await anna.wait_idle(settle=0.1)  # the sender's other notices
    notice = notices_in(anna)[-1]
    labels = [row[0][0] for row in anna.buttons(notice)]
    assert ["Ja, tydligt", "Ja, lite", "Nej", "Vet inte", "🔕 Sluta skicka"] == labels
    yes = anna.buttons(notice)[0][0][1]
    await press_on(anna, yes, notice)
    assert "Tack för ditt svar!" == anna.alerts[-1]["text"]
    await press_on(anna, yes, notice)  # one answer per subscription
    assert "Du har redan svarat. Tack!" == anna.alerts[-1]["text"]
    bo_notice = notices_in(bo)[-1]
    await press_on(bo, bo.buttons(bo_notice)[2][0][1], bo_notice)
    events = len(bo.transcript)  # a forged button: anna's subscription, pressed in bo's chat
    await bo.press_data(yes, bo_notice)
    await bo.wait_transcript(events + 2)
    await bo.wait_idle()
    assert "Den här frågan gäller inte längre." == bo.alerts[-1]["text"]
    counts = rows(bot.settings.db, "SELECT answer, count FROM followup_answers ORDER BY answer")
    assert [("clearly", 1), ("no", 1)] == counts
    assert [] == rows(
        bot.settings.db,
        "SELECT name FROM pragma_table_info('followup_answers')"
        " WHERE name IN ('subscription', 'contact', 'participant')",
    )


def promises_cli(*args: str) -> None:
    """`medborgardialog promises …` as an operator runs it, beside the running bot."""
    done = subprocess.run(
        [sys.executable, "-m", "medborgardialog", "promises", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert 0 == done.returncode, done.stderr


DELAYED = 'areas = ["drugs-alcohol"]\nstatus = "delayed"\n'
LAST_UPDATE = 'fi = "Yhteisen ryhmän aloitus on siirretty syksyyn."\n'
NEW_UPDATE = """
[[activities.updates]]
date = 2026-11-20
status = "ongoing"
[activities.updates.text]
sv = "Den gemensamma gruppen har börjat träffa unga i centrum."
en = "The joint group has started meeting young people in the centre."
ar = "بدأ الفريق المشترك لقاء الشباب في المركز."
fi = "Yhteinen ryhmä on alkanut tavata nuoria keskustassa."
"""


@pytest.mark.process
async def test_importing_a_changed_promise_tells_the_resident_whose_area_moved(bot, tg, tmp_path):
    demo = Path(sample_promises.__file__).parent / "demo.toml"
    db = str(bot.settings.db)
    promises_cli("import", str(demo), "--db", db)
    anna, bo, cilla = tg.user(7601), tg.user(7602), tg.user(7603)
    await opt_in(bot, anna, (0, 1, 2))  # drugs-alcohol among them
    await opt_in(bot, bo, (3, 4, 6))
    await demo_walk(cilla, areas=(1, 2, 5))  # drugs-alcohol too, but never opts in
    before = {u.id: len(u.messages) for u in (anna, bo, cilla)}

    text = demo.read_text(encoding="utf-8")
    assert DELAYED in text and LAST_UPDATE in text
    changed = text.replace(DELAYED, DELAYED.replace("delayed", "ongoing"))
    changed = changed.replace(LAST_UPDATE, LAST_UPDATE + NEW_UPDATE, 1)
    edited = tmp_path / "demo.toml"
    edited.write_text(changed, encoding="utf-8")
    promises_cli("import", str(edited), "--db", db)

    message = await anna.wait_for_text("Nytt om det du bad", timeout=15)
    await anna.wait_idle(settle=0.1)  # the sender's other notices
    assert 1 == len(notices_in(anna))
    assert "Den gemensamma gruppen har börjat träffa unga" in message["text"]
    assert before[bo.id] == len(bo.messages)
    assert before[cilla.id] == len(cilla.messages)
    promises_cli("import", str(edited), "--db", db)  # the same file again moves nothing
    await anna.wait_idle(settle=0.5)
    assert 1 == len(notices_in(anna))
