"""What kiosk operators asked for: a countdown on the idle question, a portrait screen that
uses its height, zoom allowed and "Större text" on every step, no focus ring after a tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK, next_step
from tests.live_server import LiveServer

BUDGET_BYTES = 150 * 1024


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def start(page: Page) -> None:
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()


def test_the_idle_question_counts_down_to_the_reset(page: Page, server):
    page.clock.install()
    page.goto(server.url + KIOSK)
    start(page)
    page.clock.run_for(45_500)
    timer = page.get_by_role("alertdialog").get_by_role("timer")
    expect(timer).to_have_text("Enkäten börjar om om 15 s.")
    page.clock.run_for(3_000)
    expect(timer).to_have_text("Enkäten börjar om om 12 s.")
    page.clock.run_for(12_000)
    expect(page.locator(".screen-attract")).to_be_visible()


def test_portrait_uses_the_height_with_large_controls_at_the_bottom(page: Page, server):
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(server.url + KIOSK)
    start(page)
    next_step(page)
    for button in page.locator(".nav .button").all():
        box = button.bounding_box()
        assert box["height"] >= 120
        assert box["y"] + box["height"] > 1920 * 0.9
    tiles = page.locator(".tile")
    first, last = tiles.first.bounding_box(), tiles.last.bounding_box()
    # The tiles fill the screen between the heading and the controls.
    assert last["y"] + last["height"] - first["y"] > 1920 * 0.55
    assert first["height"] > 160


def test_zoom_is_allowed_and_larger_text_is_offered_on_every_step(page: Page, server):
    page.goto(server.url + KIOSK)
    viewport = page.locator('meta[name="viewport"]').get_attribute("content")
    assert "user-scalable" not in viewport and "maximum-scale" not in viewport
    start(page)
    size = page.locator("h1").evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    steps = 0
    while page.locator(".screen-confirm").count() == 0 and steps < 10:
        larger = page.get_by_role("button", name="Större text")
        expect(larger).to_have_attribute("aria-pressed", "false")
        if page.locator(".screen-areas").count():
            for index in (0, 1, 2):
                page.locator(".tile").nth(index).tap()
        next_step(page)
        steps += 1
    assert steps >= 5
    page.get_by_role("button", name="Större text").tap()
    expect(page.get_by_role("button", name="Större text")).to_have_attribute("aria-pressed", "true")
    bigger = page.locator("h1").evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    assert bigger > size * 1.2
    # The next resident starts at the usual size.
    page.get_by_role("button", name="Börja om").tap()
    expect(page.locator("html")).not_to_have_class("larger")


def outline(page: Page, selector: str) -> str:
    return page.locator(selector).evaluate("e => getComputedStyle(e).outlineStyle")


def test_no_focus_ring_on_the_heading_after_a_tap_but_keys_show_the_focus(page: Page, server):
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    expect(page.locator("h1")).to_be_focused()
    assert "none" == outline(page, "h1")
    assert "none" == page.locator("h1").evaluate("e => getComputedStyle(e).boxShadow")
    page.keyboard.press("Tab")
    assert "solid" == outline(page, ":focus")


def test_the_kiosk_page_stays_within_its_weight_budget(page: Page, server):
    sizes = {}

    def count(response) -> None:
        if response.request.resource_type in {"document", "script", "stylesheet"}:
            sizes[response.url] = len(response.body())

    page.on("response", count)
    page.goto(server.url + KIOSK)
    expect(page.locator(".screen-attract")).to_be_visible()
    # Weighed once loaded: the service worker and the promise screen fetch in the background.
    page.wait_for_load_state("load")
    assert any(url.endswith("main.js") or "main.js?" in url for url in sizes)
    assert sum(sizes.values()) <= BUDGET_BYTES, sizes
