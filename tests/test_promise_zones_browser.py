"""A promise's activities that name zones of the campaign's map, on the public promise page
in Chromium: the zones drawn on the map and named as text, and axe-core in sv and ar with
the map on screen."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.test_promise_browser import WCAG, PromiseServer


@pytest.fixture
def server(settings):
    with PromiseServer(settings) as server:
        yield server


def test_the_zones_of_the_activities_are_drawn_and_named(page: Page, server):
    page.goto(f"{server.url}/p/demo/?lang=sv")
    walks = page.locator("#activity-trygghetsvandringar")
    expect(walks.locator(".zones")).to_have_text("Var: Norrstrand, Kronoparken")
    expect(page.locator("#activity-narvaro-i-centrum .zones")).to_have_text("Var: Centrum")
    expect(page.locator("#zone-map.leaflet-container")).to_be_visible()
    expect(page.locator("#zone-map .zone-name")).to_have_text(
        ["Centrum", "Norrstrand", "Kronoparken"]
    )
    expect(page.locator("#zone-map-list li")).to_have_text(
        ["Centrum: Aktivitet 2", "Norrstrand: Aktivitet 1", "Kronoparken: Aktivitet 1"]
    )
    page.locator("#zone-map-list a").first.click()
    expect(page).to_have_url(f"{server.url}/p/demo/?lang=sv#activity-narvaro-i-centrum")


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_page_with_its_map_passes_axe(page: Page, server, lang):
    page.goto(f"{server.url}/p/demo/?lang={lang}")
    expect(page.locator("#zone-map .zone-name")).to_have_count(3)
    results = Axe().run(page, options=WCAG)
    assert 0 == results.violations_count, results.generate_report()


def test_a_promise_without_zones_loads_no_map(page: Page, server):
    page.goto(f"{server.url}/p/filipstad-2017/?lang=sv")
    expect(page.locator("h1")).to_be_visible()
    assert 0 == page.locator("#zone-map").count()
    assert 0 == page.locator("script[src*=leaflet]").count()
