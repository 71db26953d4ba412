"""The kiosk's status page: how many answers this browser holds, waiting or refused, and
why; behind the kiosk key when keys are required."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage.kiosk_credentials import create_kiosk_key
from tests.kiosk_helpers import quick_walk
from tests.live_server import LiveServer

API = "**/api/v1/campaigns/*/responses"


def test_the_status_page_counts_waiting_and_refused_answers_with_the_reasons(page: Page, settings):
    with LiveServer(settings) as server:
        kiosk = "/kiosk/karlstad-2016/?source=bibliotek"
        page.goto(server.url + kiosk)
        quick_walk(page)  # the campaign closed long ago: refused for good
        expect(page.locator("#outbox .refused")).to_have_text("1")
        page.route(API, lambda route: route.abort())
        quick_walk(page, (3, 4, 5))  # no network: waiting
        expect(page.locator("#outbox .waiting")).to_have_text("1")
        page.goto(server.url + "/kiosk/karlstad-2016/status?source=bibliotek")
        expect(page.locator("h1")).to_have_text("Kioskens status")
        expect(page.locator(".waiting-count")).to_have_text("Väntar på att skickas: 1")
        expect(page.locator(".refused-count")).to_have_text("Togs inte emot av servern: 1")
        refused = page.get_by_role("table", name="Svar som servern inte tog emot")
        expect(refused).to_contain_text("HTTP 410")
        expect(refused).to_contain_text("campaign.not_open")
        waiting = page.get_by_role("table", name="Svar som väntar på att skickas")
        expect(waiting.locator("tbody tr")).to_have_count(1)
        expect(waiting).to_contain_text("network")
        # Another campaign's status counts only its own answers.
        page.goto(server.url + "/kiosk/demo/status")
        expect(page.locator(".waiting-count")).to_have_text("Väntar på att skickas: 0")
        expect(page.locator("main")).to_contain_text("Alla svar från den här kiosken är sparade")
        page.goto(server.url + "/kiosk/karlstad-2016/status?source=bibliotek")
        page.get_by_role("link", name="Till kiosken").click()
        expect(page).to_have_url(server.url + kiosk)
        expect(page.locator(".screen-attract")).to_be_visible()


def test_the_attract_screen_has_a_quiet_way_to_the_status(page: Page, settings):
    with LiveServer(settings) as server:
        page.goto(server.url + "/kiosk/karlstad-2016/")
        quick_walk(page)
        page.get_by_role("button", name="Kioskens status").tap()
        dialog = page.get_by_role("dialog", name="Kioskens status")
        expect(dialog).to_contain_text("Togs inte emot av servern: 1")
        expect(dialog).to_contain_text("campaign.not_open")
        # The tap opened the dialog, not a walk behind it.
        expect(page.locator(".screen-attract")).to_be_visible()
        dialog.get_by_role("button", name="Stäng").tap()
        expect(dialog).to_have_count(0)


@pytest.fixture
async def keyed(aiohttp_client, store, campaigns, catalogs):
    config = WebConfig(require_kiosk_key=True)
    return await aiohttp_client(create_app(config, store, campaigns, catalogs, b"k" * 32))


async def test_with_kiosk_keys_required_the_status_page_needs_the_key(keyed, store):
    key = await store.write(create_kiosk_key, "demo", "biblioteket", "admin")
    assert 403 == (await keyed.get("/kiosk/demo/status")).status
    assert 403 == (await keyed.get("/kiosk/demo/status?key=guess")).status
    assert 403 == (await keyed.get(f"/kiosk/karlstad-2016/status?key={key}")).status
    page = await keyed.get(f"/kiosk/demo/status?key={key}")
    assert 200 == page.status
    assert f'href="/kiosk/demo/?key={key}"' in await page.text()
    assert 404 == (await keyed.get("/kiosk/nope/status")).status
