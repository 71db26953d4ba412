"""An organiser in Chromium reads the zones of a GeoJSON file into a campaign: they are drawn
on the editor's map, named, before anything is saved, and kept once it is saved; a file that
is not GeoJSON is said so beside the file field."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from storage.campaign_changes import save_draft
from storage.campaigns import stored_campaign
from storage.staff import add_staff
from survey.campaign_document import new_document
from survey.toml_writer import dumps
from tests.live_server import LiveServer
from tests.staff_support import _HASH
from tests.test_campaign_zones_import import collection, feature, square
from tests.test_staff_browser import log_in

ZONES = collection(
    feature({"name_sv": "Centrum", "name_ar": "وسط المدينة"}, square(13.50, 59.38)),
    feature({"name": "Norrstrand", "id": "norr"}, square(13.50, 59.39)),
)


@pytest.fixture
def server(settings):
    with LiveServer(settings) as server:
        store = server.parts.store
        store.call(add_staff, "ada", _HASH, "organiser", write=True)
        draft = dumps(new_document("utkast", ["sv", "ar"], datetime.now(UTC).date()))
        store.call(
            lambda db: save_draft(db, "utkast", draft, None, actor="ada", action="campaign.create"),
            write=True,
        )
        yield server


def stored_map(server):
    stored = server.parts.store.call(stored_campaign, "utkast")
    return tomllib.loads(stored.document).get("map")


def choose_file(page: Page, data: bytes) -> None:
    page.locator("#f-zones_file").set_input_files(
        files=[{"name": "zoner.geojson", "mimeType": "application/geo+json", "buffer": data}]
    )
    page.get_by_role("button", name="Läs in zonerna").click()


def test_the_zones_of_a_file_are_on_the_map_before_saving(page: Page, server):
    log_in(page, server)
    page.goto(f"{server.url}/staff/campaigns/utkast/")
    expect(page.locator("#no-map")).to_be_visible()
    choose_file(page, b"<kml></kml>")
    expect(page.locator("#e-f-zones_file")).to_have_text("Filen är inte JSON. Välj en GeoJSON-fil.")
    expect(page.locator("#f-zones_file")).to_have_attribute("aria-invalid", "true")

    choose_file(page, ZONES)
    expect(page.locator(".flash")).to_contain_text("2 zoner är inlästa")
    for name in ("Centrum", "Norrstrand"):
        expect(page.locator("#zones-map .zone-name", has_text=name)).to_be_visible()
    expect(page.locator("#zone-list tbody tr")).to_have_count(2)
    expect(page.locator("#zone-list tbody tr").first).to_contain_text("وسط المدينة")
    assert stored_map(server) is None  # on the map, not yet saved

    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".flash")).to_contain_text("Utkastet är sparat")
    kept = stored_map(server)
    assert ["centrum", "norr"] == [zone["id"] for zone in kept["zones"]]
    expect(page.locator("#zones-map .zone-name", has_text="Norrstrand")).to_be_visible()
