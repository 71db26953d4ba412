"""The staff results on a phone: chart labels that read, and one day of answers as a
column, not a block across the chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from storage.responses import save_response
from storage.staff import add_staff
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD, answer


@pytest.fixture
def server(settings):
    with LiveServer(settings) as server:
        store = server.parts.store
        store.call(add_staff, "ada", _HASH, "analyst", write=True)

        def seed(db):
            for _ in range(6):  # all today: a per-day chart of one day
                save_response(db, answer(areas=("drugs-alcohol", "unsafe-places", "traffic")))

        store.call(seed, write=True)
        yield server


def test_chart_labels_read_on_a_phone_and_one_day_is_one_column(page: Page, server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/staff/login")
    page.get_by_label("Användarnamn").fill("ada")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Medborgardialoger")).to_be_visible()
    page.goto(f"{server.url}/staff/c/demo/")
    label = page.locator("svg.chart:not(.days) .chart-label", has_text="Narkotika")
    # The rendered height of a line of label text: at least what 11 px type needs.
    assert label.bounding_box()["height"] >= 11
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    [column] = page.locator("svg.days rect").all()
    chart = page.locator("svg.days").bounding_box()
    assert column.bounding_box()["width"] < chart["width"] / 4
