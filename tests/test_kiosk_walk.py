"""A resident's whole walk at the kiosk, by taps, in Swedish and in Arabic."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK, next_step, past_topic_questions, wait_for_stored
from tests.live_server import LiveServer


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def type_keys(page: Page, keys: list[str]) -> None:
    for key in keys:
        page.locator(".keyboard .key", has_text=key).first.tap()


def test_a_swedish_walk_by_taps_is_stored_with_the_venue(page: Page, server):
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(server.url + KIOSK)
    expect(page.locator(".screen-attract h1")).to_have_text("Tyck till!")
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    next_step(page)
    tiles = page.locator(".tile")
    for index in (0, 2, 3):
        tiles.nth(index).tap()
    expect(page.locator(".counter")).to_have_text("3 av 3 valda")
    tiles.nth(5).tap()
    expect(page.locator(".notice")).to_contain_text("Ta bort ett val först")
    expect(tiles.nth(5)).to_have_attribute("aria-pressed", "false")
    tiles.nth(0).tap()
    expect(page.locator(".counter")).to_have_text("2 av 3 valda")
    tiles.nth(1).tap()
    next_step(page)
    past_topic_questions(page)
    type_keys(page, ["h", "e", "j"])
    page.get_by_role("button", name="Mellanslag").tap()
    type_keys(page, ["å", "ä", "ö"])
    page.get_by_role("button", name="Radera").tap()
    expect(page.locator("#comment")).to_have_value("hej åä")
    next_step(page)
    page.get_by_role("button", name="35–49 år").tap()
    next_step(page)
    next_step(page)
    summary = page.locator(".summary")
    expect(summary).to_contain_text("Otrygga miljöer")
    expect(summary).to_contain_text("hej åä")
    next_step(page)
    expect(page.locator(".screen-thanks h1")).to_have_text("Tack för ditt svar!")
    [answer] = wait_for_stored(server, 1)
    assert ("kiosk", "mitt-i-city", "sv") == (answer.channel, answer.source, answer.locale)
    # In the order they were tapped.
    assert ("drugs-alcohol", "theft-burglary", "unsafe-places") == answer.areas
    assert ("hej åä", {"age": "35-49"}) == (answer.comment, dict(answer.answers))
    expect(page.locator("#outbox")).to_be_hidden()


def test_an_arabic_walk_is_right_to_left_with_an_arabic_keyboard(page: Page, server):
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="العربية").tap()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator(".nav .primary")).to_have_text("التالي")
    next_step(page)
    for index in (4, 6, 7):
        page.locator(".tile").nth(index).tap()
    next_step(page)
    past_topic_questions(page)
    expect(page.locator(".keyboard")).to_contain_text("ض")
    type_keys(page, ["س", "ل", "ا", "م"])
    next_step(page)
    next_step(page)
    next_step(page)
    expect(page.locator(".summary")).to_contain_text("سلام")
    next_step(page)
    expect(page.locator(".screen-thanks h1")).to_have_text("شكرًا على إجابتك!")
    [answer] = wait_for_stored(server, 1)
    assert ("ar", "سلام") == (answer.locale, answer.comment)
    assert ("domestic-violence", "traffic", "graffiti-vandalism") == answer.areas
    page.locator(".screen-thanks .primary").tap()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def test_a_comment_with_markup_is_shown_as_text(page: Page, server):
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    next_step(page)
    for index in (0, 1, 2):
        page.locator(".tile").nth(index).tap()
    next_step(page)
    past_topic_questions(page)
    payload = "<script>alert(1)</script><b>fet</b>"
    page.fill("#comment", payload)
    while page.locator(".screen-confirm").count() == 0:
        next_step(page)
    comment = page.locator(".summary .comment")
    expect(comment).to_have_text(payload)
    assert 0 == comment.locator("b, script").count()
    next_step(page)
    [answer] = wait_for_stored(server, 1)
    assert payload == answer.comment
