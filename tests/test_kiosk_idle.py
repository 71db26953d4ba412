"""The kiosk forgets the last person: an idle question, then a reset that leaves no trace."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK, next_step, past_topic_questions
from tests.live_server import LiveServer

SECRET = "hemlig"


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def start_walk_in_english(page: Page) -> None:
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="English").tap()
    next_step(page)


def test_idle_asks_then_resets_and_no_screen_shows_the_earlier_answer(page: Page, server):
    page.clock.install()
    page.goto(server.url + KIOSK)
    history = page.evaluate("history.length")
    start_walk_in_english(page)
    for index in (1, 3, 5):
        page.locator(".tile").nth(index).tap()
    next_step(page)
    past_topic_questions(page)
    for letter in SECRET:
        page.locator(".keyboard .key", has_text=letter).first.tap()
    next_step(page)
    page.locator(".choice").nth(2).tap()
    expect(page.locator(".still-there")).to_have_count(0)

    page.clock.run_for(46_000)
    expect(page.locator(".still-there")).to_be_visible()
    page.clock.run_for(15_000)
    expect(page.locator(".still-there")).to_have_count(0)
    expect(page.locator(".screen-attract")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert SECRET not in page.content()
    # No step left a history entry that Back could return to.
    assert history == page.evaluate("history.length")

    # The next person walks every screen: nothing chosen, nothing typed, nothing answered.
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    next_step(page)
    expect(page.locator('.tile[aria-pressed="true"]')).to_have_count(0)
    expect(page.locator(".counter")).to_have_text("0 av 3 valda")
    for index in (0, 2, 4):
        page.locator(".tile").nth(index).tap()
    next_step(page)
    past_topic_questions(page)
    expect(page.locator("#comment")).to_have_value("")
    next_step(page)
    expect(page.locator('.choice[aria-pressed="true"]')).to_have_count(0)
    next_step(page)
    next_step(page)
    expect(page.locator(".summary")).to_contain_text("Ingen synpunkt")
    assert SECRET not in page.content()


def test_a_touch_answers_the_idle_question_and_keeps_the_walk(page: Page, server):
    page.clock.install()
    page.goto(server.url + KIOSK)
    start_walk_in_english(page)
    page.locator(".tile").nth(0).tap()
    page.clock.run_for(46_000)
    page.locator(".still-there .primary").tap()
    expect(page.locator(".still-there")).to_have_count(0)
    page.clock.run_for(30_000)
    expect(page.locator('.tile[aria-pressed="true"]')).to_have_count(1)


def test_the_thank_you_returns_to_the_attract_screen_by_itself(page: Page, server):
    page.clock.install()
    page.goto(server.url + KIOSK)
    start_walk_in_english(page)
    for index in (0, 1, 2):
        page.locator(".tile").nth(index).tap()
    while page.locator(".screen-confirm").count() == 0:
        next_step(page)
    next_step(page)
    expect(page.locator(".screen-thanks")).to_be_visible()
    page.clock.run_for(9_000)
    expect(page.locator(".screen-attract")).to_be_visible()
