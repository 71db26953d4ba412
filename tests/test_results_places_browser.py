"""The published places in Chromium, with the demo's sample answers: the zones of the map
shaded by their counts, named with them, and the same counts as a table; axe-core finds no
WCAG 2.1 A/AA violation with the map on screen, in Swedish and Arabic."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from storage.publication import publish
from storage.sample_data import add_sample_data
from tests.live_server import LiveServer
from tests.test_accessibility_axe import violations

MAP = "#zone-map-unsafe-places"


@pytest.fixture
def server(settings, campaigns):
    with LiveServer(settings) as server:
        store = server.parts.store
        now = datetime.now(UTC)
        store.call(add_sample_data, campaigns["demo"], now, write=True)
        store.call(publish, "demo", "ada", now, write=True)
        yield server


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_zones_shaded_by_their_counts_and_as_a_table(page: Page, server, axe, lang):
    page.goto(f"{server.url}/c/demo/results?lang={lang}")
    names = {"sv": ("Centrum", "Norrstrand"), "ar": ("وسط المدينة", "نورستراند")}[lang]
    table = page.locator("#place-unsafe-places")
    for name in names:
        row = table.locator("tbody tr", has_text=name)
        count = row.locator("td").inner_text()
        # The zone's name on the map carries the count the table gives.
        expect(page.locator(f"{MAP} .zone-name", has_text=name)).to_contain_text(count)
    shades = page.locator(f"{MAP} path").evaluate_all(
        "paths => paths.map(p => Number(p.getAttribute('fill-opacity')))"
    )
    assert 3 == len(shades) and len(set(shades)) > 1  # darker where more marked a place
    zoom_in = {"sv": "Zooma in", "ar": "تكبير"}[lang]
    expect(page.locator(f"{MAP} .leaflet-control-zoom-in")).to_have_attribute("title", zoom_in)
    assert [] == violations(axe, page)
