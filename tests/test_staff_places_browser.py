"""Staff in Chromium on the map of the places residents marked, with the demo's sample
answers: clusters on the map with their numbers, a cluster chosen zooms in on its places,
the filters narrow map and tables on the server, and the tables say the same without the
map."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from storage.sample_data import add_sample_data
from storage.staff import add_staff
from tests.live_server import LiveServer
from tests.staff_support import _HASH
from tests.test_staff_browser import log_in

CLUSTERS = "#places-map .place-cluster"


@pytest.fixture
def server(settings, campaigns):
    with LiveServer(settings) as server:
        store = server.parts.store
        store.call(add_staff, "ada", _HASH, "analyst", write=True)
        store.call(add_sample_data, campaigns["demo"], datetime.now(UTC), write=True)
        yield server


def total(page: Page) -> int:
    """How many places the page counts (its line "… Platser: M.")."""
    text = page.locator("#place-total").inner_text()
    digits = re.search(r"Platser: ([\d\s]+)\.", text).group(1)
    return int("".join(digits.split()))


def test_the_places_on_a_map_in_clusters_filtered_and_as_tables(page: Page, server):
    log_in(page, server)
    page.get_by_role("link", name="Demo: Trygg och säker").click()
    page.get_by_role("link", name="Platser").click()
    expect(page.get_by_role("heading", name="Platser", exact=True)).to_be_visible()
    # Many places: drawn as rings with their number, the biggest first in the 250 m table.
    expect(page.locator(CLUSTERS).first).to_be_visible()
    biggest = max(int(n) for n in page.locator(f"{CLUSTERS} span").all_inner_texts())
    assert biggest > 10
    expect(page.locator("#zone-table tbody tr")).to_have_count(4)
    expect(page.locator("#reason-table tbody tr")).to_have_count(4)
    expect(page.locator("#cell-table tbody tr").first).to_be_visible()
    everything = total(page)

    # A cluster chosen from the keyboard zooms in: smaller cells, more of them.
    size = int(page.locator("#places-map").get_attribute("data-cluster-size"))
    page.locator(CLUSTERS).first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#places-map")).not_to_have_attribute("data-cluster-size", str(size))
    assert int(page.locator("#places-map").get_attribute("data-cluster-size")) < size

    # Only the kiosk's answers, then one venue of it: fewer places, on the map and in tables.
    page.get_by_label("Kanal").select_option("kiosk")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_label("Kanal")).to_have_value("kiosk")
    kiosk = total(page)
    assert 0 < kiosk < everything
    page.get_by_label("Plats för svaret").select_option("Stadsbiblioteket")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_label("Plats för svaret")).to_have_value("Stadsbiblioteket")
    assert 0 < total(page) < kiosk
    expect(page.locator("#places-map .leaflet-marker-pane > *").first).to_be_attached()

    # An area chosen: the answers that chose it.
    page.get_by_label("Kanal").select_option("")
    page.get_by_label("Plats för svaret").select_option("")
    page.get_by_label("Område som valts").select_option("traffic")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_label("Område som valts")).to_have_value("traffic")
    assert 0 < total(page) < everything


def test_without_a_script_the_tables_are_the_page(page: Page, server):
    page.route("**/static/staff/places_map.js*", lambda route: route.abort())
    log_in(page, server)
    page.goto(f"{server.url}/staff/c/demo/places?channel=web")
    expect(page.locator("#zone-table tbody tr")).to_have_count(4)
    expect(page.locator(CLUSTERS)).to_have_count(0)
    expect(page.get_by_label("Kanal")).to_have_value("web")
