"""Deep links from posters, groups, and what the bot says about itself at start-up."""

from __future__ import annotations

import pytest

from bot import register_commands
from survey.start_links import Link, parse_payload, payload_for
from tests.bot_harness import data

pytest_plugins = ["tests.bot_fixtures"]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("demo", Link("demo")),
        ("DEMO", Link("demo")),
        ("demo--bibliotek", Link("demo", "bibliotek")),
        ("Karlstad-2016--Station_Norra", Link("karlstad-2016", "Station_Norra")),
        ("demo--", Link("demo")),
        ("demo--_x", None),
        ("demo.x", None),
        ("x" * 65, None),
        ("-demo", None),
    ],
)
def test_a_payload_names_a_campaign_and_a_source(payload, expected):
    assert expected == parse_payload(payload)


def test_a_poster_payload_is_checked_to_fit():
    assert "demo--bibliotek" == payload_for("demo", "bibliotek")
    with pytest.raises(ValueError, match="not a deep link payload"):
        payload_for("demo", "x" * 60)


async def test_a_deep_link_records_its_source_on_the_answer(chats):
    user = chats.user()
    await chats.say(user, "/start DEMO--bibliotek")
    assert user.last_text.startswith("Demo: Trygg och säker")
    for index in (0, 1, 2):
        await chats.press(user, data("demo", "A", f"{index}+"))
    await chats.past_topic(user)
    await chats.press(user, data("demo", "S"))
    for question in (0, 1):
        await chats.press(user, data("demo", "Y", question))
    await chats.press(user, data("demo", "C"))
    [stored] = await chats.responses()
    assert ("telegram", "bibliotek") == (stored.channel, stored.source)


async def test_an_unknown_or_closed_campaign_offers_the_open_ones(chats):
    user = chats.user()
    await chats.say(user, "/start finns-inte--station")
    assert user.last_text.startswith("Den enkäten hittades inte.")
    assert [[("Visa öppna enkäter", data("-", "O"))]] == user.buttons()
    await chats.press(user, data("-", "O"))
    assert [[("Demo: Trygg och säker", data("demo", "P"))]] == user.buttons()
    await chats.say(user, "/start KARLSTAD-2016")
    assert "Enkäten är stängd." in user.last_text
    assert [[("Visa öppna enkäter", data("-", "O"))]] == user.buttons()


async def test_in_a_group_the_bot_answers_once_with_a_way_to_a_private_chat(chats):
    group, member = chats.tg.group(), chats.user(5002)
    await chats.do(group.add_bot(member))
    [said] = group.messages
    assert said["text"].startswith("Hej! Här kan du svara på")
    [[button]] = said["reply_markup"]["inline_keyboard"]
    assert {"text": "Svara i en privat chatt", "url": "https://t.me/MedborgarBot?start=demo"} == (
        button
    )
    await chats.do(group.say(member, "Vad tycker ni om belysningen?"))
    assert 1 == len(group.messages)  # nothing collected, nothing said to group talk
    await chats.do(group.say(member, "/start@MedborgarBot"))
    assert 2 == len(group.messages)
    assert 0 == await chats.deps.store.read(lambda db: db["drafts"].count)


async def test_the_descriptions_are_set_per_language_and_only_when_changed(chats):
    app, tg = chats.app, chats.tg
    await register_commands(app)
    assert tg.descriptions["en"].startswith("Tell the police and the municipality")
    assert tg.descriptions[""] == tg.descriptions["sv"]
    assert len(tg.short_descriptions["ar"]) <= 120
    sets = len(chats.calls("setMyDescription")) + len(chats.calls("setMyShortDescription"))
    assert 10 == sets  # four languages and the default, each twice
    await register_commands(app)  # a restart: nothing has changed
    assert sets == len(chats.calls("setMyDescription")) + len(chats.calls("setMyShortDescription"))
