"""Callback data is input: forged, stale or malformed presses change nothing and are answered."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import callback_data as cd
from bot.state import CHANNEL, Keys
from tests.bot_harness import answered, data, press, say, skip_topic

pytest_plugins = ["tests.bot_fixtures"]

DEMO = cd.campaign_token("demo")
CHOSEN = (0, 2, 5)
# What the resident at the areas step, with three areas ticked, may really do.
LEGIT = {data("demo", "A", f"{i}-") for i in CHOSEN} | {data("demo", op) for op in "NGP"}
LEGIT |= {cd.encode(None, "L", lang) for lang in ("sv", "en", "ar", "fi")}
LEGIT |= {cd.encode(None, "O")}  # the open campaigns, which anyone may ask for (as /start)

near_misses = st.one_of(
    st.from_regex(r"\A(-|[0-9a-f]{6})\.[A-Z][a-z0-9-]{0,7}\Z"),
    st.builds(lambda op, arg: f"{DEMO}.{op}{arg}", st.sampled_from("AQFLPZ"), st.text(max_size=6)),
    st.integers(min_value=8, max_value=999).map(lambda i: data("demo", "A", f"{i}+")),  # no area
    st.sampled_from([1, 3, 4, 6, 7]).map(lambda i: data("demo", "A", f"{i}+")),  # a fourth area
    st.sampled_from(["karlstad-2016", "filipstad-2016"]).map(lambda c: data(c, "A", "0+")),
)
forged = st.one_of(
    st.text(max_size=64).filter(lambda s: len(s.encode("utf-8", "surrogatepass")) <= 64),
    st.binary(max_size=64).map(lambda b: b.decode("utf-8", "surrogateescape")),
    near_misses,
).filter(lambda s: s not in LEGIT)


async def at_three_areas(user) -> None:
    """Three areas ticked (the third goes on, past the topic questions to the comment), and
    back at the areas."""
    await say(user, "/start")
    for index in CHOSEN:
        await press(user, "demo", "A", index)
    await skip_topic(user)
    await press(user, "demo", "H")


async def draft_of(bot, user_id: int) -> str | None:
    keys = Keys(bot.parts.secret, user_id)
    return await bot.store.get_draft(CHANNEL, keys.participant("demo"))


@pytest.fixture
async def resident(bot, tg):
    """A resident at the areas step with three areas ticked, and what they see and have."""
    user = tg.user(4001, language_code="sv")
    await at_three_areas(user)
    # Drafts are written a moment after a press: wait for the third tick to be stored.
    assert 1 == await bot.count_soon("drafts WHERE data LIKE '%social-unrest%'", 1)
    return user, (user.last["text"], user.buttons()), await draft_of(bot, 4001)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=forged)
async def test_forged_callback_data_changes_nothing(bot, resident, caplog, raw):
    caplog.set_level(logging.INFO)
    user, shown, draft_before = resident
    answers = len(user.alerts)
    await answered(user, user.press_data(raw))
    assert answers + 1 == len(user.alerts)  # answered, exactly once
    assert user.alerts[-1].get("text")  # politely, in words
    assert shown == (user.last["text"], user.buttons())
    assert draft_before == await draft_of(bot, 4001)
    assert [] == await bot.responses()
    assert [] == [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_each_kind_of_forgery_gets_a_polite_answer(bot, tg, caplog):
    caplog.set_level(logging.INFO)
    user = tg.user(4002, language_code="sv")
    await at_three_areas(user)
    cases = {
        "another campaign": data("karlstad-2016", "A", "1+"),
        "an unknown area": data("demo", "A", "8+"),
        "a fourth area": data("demo", "A", "1+"),
        "a toggle without a direction": data("demo", "A", "1"),
        "random bytes": b"\x00\xff\xfe garbage".decode("latin-1"),
        "a stale step": data("demo", "C"),
        "empty": "",
        "too long": "x" * 65,
    }
    said = {}
    for case, raw in cases.items():
        before = len(user.alerts)
        await answered(user, user.press_data(raw))
        assert before + 1 == len(user.alerts), case
        said[case] = user.alerts[-1].get("text")
        assert said[case], case
    before = len(user.alerts)
    await answered(user, user.press_data(data("demo", "A", "0+")))  # ticked already: a double tap
    assert before + 1 == len(user.alerts)
    assert "3 av 3 valda" in user.last_text
    assert "Du kan välja 3 områden. Ta bort ett val först." == said["a fourth area"]
    assert said["random bytes"].startswith("Den knappen känner jag inte igen.")
    assert said["another campaign"].startswith("Den här knappen gäller inte längre.")
    assert [] == await bot.responses()
    assert [] == [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_button_of_a_closed_or_unknown_campaign_is_refused(bot, tg):
    user = tg.user(4003, language_code="sv")
    await say(user, "/start karlstad-2016")
    assert "Enkäten är stängd. Tack för ditt intresse!" in user.last_text
    await say(user, "/start no-such-campaign")
    assert user.last_text.startswith("Den enkäten hittades inte.")
    await say(user, "/start ../../etc")
    assert user.last_text.startswith("Den enkäten hittades inte.")
    await answered(user, user.press_data(data("karlstad-2016", "P"), message=user.last))
    assert "Enkäten är stängd. Tack för ditt intresse!" in user.last_text
    assert 0 == bot.table_count("drafts WHERE campaign != ''")


def test_the_parser_accepts_exactly_what_the_bot_makes():
    assert cd.Action(DEMO, "A", "7+") == cd.parse(data("demo", "A", "7+"))
    assert 7 == cd.parse(data("demo", "A", "7-")).index()
    assert cd.Action(None, "L", "ar") == cd.parse("-.Lar")
    assert cd.Action(DEMO, "Y", "1") == cd.parse(data("demo", "Y", 1))
    bad = ("", "-.A1+", f"{DEMO}.L", f"{DEMO}.A01+", f"{DEMO}.A1", f"{DEMO}.Q1", f"{DEMO}.Z")
    for raw in (*bad, f"{DEMO}.O", "-.W", f"{DEMO}.Y01", f"{DEMO}.Kx"):
        assert cd.parse(raw) is None, raw
    assert cd.parse(f"{DEMO}.A" + "1" * 70) is None
    assert cd.parse(None) is None and cd.parse(b"-.Lsv") is None
