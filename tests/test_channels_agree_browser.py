"""The same answers walked through every channel are stored alike (apart from the channel,
the venue and who answered): the bot (fake Bot API), the kiosk and the web survey (Chromium,
with and without JavaScript), once with every step answered and once with the optional
ones skipped. A channel that keeps a rule of its own fails here."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.bot_harness import RunningBot, bot_settings_for, demo_walk
from tests.fake_telegram import FakeTelegram
from tests.kiosk_helpers import KIOSK, wait_for_stored
from tests.kiosk_helpers import next_step as kiosk_next
from tests.live_server import LiveServer

AREAS = ("violence-public", "unsafe-places", "traffic")  # in the campaign's order
AREA_INDEXES = (0, 1, 6)
PREFER_NOT_TO_SAY = "prefer-not-to-say"


@dataclass(frozen=True)
class Walk:
    """One resident's answers: None for an optional step skipped."""

    comment: str | None
    age: str | None
    district: str | None

    def expected(self) -> tuple:
        answers = tuple((q, o) for q, o in (("age", self.age), ("district", self.district)) if o)
        return ("sv", AREAS, self.comment, answers, False)


ANSWERED = Walk("Mer belysning vid busshållplatsen", PREFER_NOT_TO_SAY, "norrstrand")
# An optional comment and an optional question skipped, and "prefer not to say" answered.
SKIPPED = Walk(None, None, PREFER_NOT_TO_SAY)
LABELS = {"norrstrand": "Norrstrand", PREFER_NOT_TO_SAY: "Vill inte svara"}
OPTION_INDEX = {"age": {PREFER_NOT_TO_SAY: 5}, "district": {"norrstrand": 1, PREFER_NOT_TO_SAY: 7}}


def content(response) -> tuple:
    """What the resident chose, without where and how it reached us."""
    answers = tuple(sorted(response.answers.items()))
    return (response.locale, response.areas, response.comment, answers, response.late)


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def walk_web(page: Page, server, walk: Walk) -> None:
    """The web survey with JavaScript, step by step."""
    page.goto(server.url + "/c/demo/?lang=sv")

    def step_button(name: str) -> None:
        page.locator(".step.current").get_by_role("button", name=name).click()

    step_button("Nästa")
    for area in AREAS:
        page.locator(f"label[for=area-{area}]").click()
    step_button("Nästa")
    if walk.comment is None:
        step_button("Hoppa över")
    else:
        page.fill("#comment", walk.comment)
        step_button("Nästa")
    for question, option in (("age", walk.age), ("district", walk.district)):
        expect(page.locator(f"#q-{question}")).to_be_visible()
        if option is None:
            step_button("Hoppa över")
        else:
            page.locator(f"label[for=q-{question}-{option}]").click()
            step_button("Nästa")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()


def walk_form(browser: Browser, server, walk: Walk) -> None:
    """The web survey without JavaScript: one form."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url + "/c/demo/?lang=sv")
        for area in AREAS:
            page.locator(f"#area-{area}").check()
        if walk.comment is not None:
            page.fill("#comment", walk.comment)
        for question, option in (("age", walk.age), ("district", walk.district)):
            if option is not None:
                page.locator(f"#q-{question}-{option}").check()
        page.get_by_role("button", name="Skicka svar").click()
        expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    finally:
        context.close()


def walk_kiosk(page: Page, server, walk: Walk) -> None:
    """The kiosk, by taps."""
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    kiosk_next(page)
    for index in AREA_INDEXES:
        page.locator(".tile").nth(index).tap()
    kiosk_next(page)
    if walk.comment is not None:
        page.fill("#comment", walk.comment)
    kiosk_next(page)
    for option in (walk.age, walk.district):
        if option is not None:
            page.get_by_role("button", name=LABELS[option]).tap()
        kiosk_next(page)
    expect(page.locator(".screen-confirm")).to_be_visible()
    kiosk_next(page)
    expect(page.locator(".screen-thanks h1")).to_have_text("Tack för ditt svar!")


def walk_bot(tmp_path: Path, walk: Walk) -> list:
    """The bot, in a chat with the fake Bot API (in a thread: the browser owns this loop)."""

    async def chat() -> list:
        async with FakeTelegram() as tg:
            bot = RunningBot(bot_settings_for(tg, tmp_path), tg)
            await bot.start()
            try:
                user = tg.user(7350123468, language_code="sv")
                answers = tuple(
                    OPTION_INDEX[question].get(option)
                    for question, option in (("age", walk.age), ("district", walk.district))
                )
                await demo_walk(user, areas=AREA_INDEXES, comment=walk.comment, answers=answers)
                return await bot.responses()
            finally:
                await bot.stop()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, chat()).result(120)


def test_answered_steps_are_stored_alike_on_every_channel(page: Page, browser, server, tmp_path):
    walk_web(page, server, ANSWERED)
    walk_form(browser, server, ANSWERED)
    walk_kiosk(page, server, ANSWERED)
    [from_bot] = walk_bot(tmp_path, ANSWERED)
    assert ("telegram", 64) == (from_bot.channel, len(from_bot.participant))
    found = [*wait_for_stored(server, 3), from_bot]
    assert ["kiosk", "telegram", "web", "web"] == sorted(r.channel for r in found)
    assert [ANSWERED.expected()] * 4 == [content(r) for r in found]


def test_skipped_steps_store_no_answer_on_every_channel(page: Page, browser, server, tmp_path):
    walk_web(page, server, SKIPPED)
    walk_form(browser, server, SKIPPED)
    walk_kiosk(page, server, SKIPPED)
    [from_bot] = walk_bot(tmp_path, SKIPPED)
    found = [*wait_for_stored(server, 3), from_bot]
    assert ["kiosk", "telegram", "web", "web"] == sorted(r.channel for r in found)
    assert [SKIPPED.expected()] * 4 == [content(r) for r in found]
