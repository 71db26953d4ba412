"""The kiosk's attract screen takes turns with "Så går det med löftet" for the promise that
follows its campaign: the status counts and a QR code of the public page, made on the
server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK
from tests.test_promise_browser import PromiseServer


@pytest.fixture
def server(settings):
    with PromiseServer(settings) as server:
        yield server


def test_the_attract_screen_alternates_with_the_promise(page: Page, server):
    page.clock.install()
    page.goto(server.url + KIOSK)
    invitation = page.locator(".screen-attract h1")
    panel = page.locator(".promise-attract")
    expect(invitation).to_be_visible()
    expect(panel).to_be_attached()
    expect(panel).to_be_hidden()

    page.clock.run_for(8_500)
    expect(panel).to_be_visible()
    expect(invitation).to_be_hidden()
    expect(panel.locator("h2")).to_have_text("Så går det med löftet")
    expect(panel.locator(".promise-count")).to_have_text(
        ["◐ Pågår: 1", "✓ Genomförd: 1", "⏸ Försenad: 1", "↻ Ändrad: 1"]
    )
    expect(panel.locator(".promise-qr svg")).to_be_visible()
    expect(panel.locator("figcaption")).to_have_text("Skanna koden och läs hela medborgarlöftet")

    page.clock.run_for(8_000)
    expect(invitation).to_be_visible()
    expect(panel).to_be_hidden()
    # A tap on either face starts a walk, as before.
    page.locator(".screen-attract").tap()
    expect(page.locator(".screen-attract")).to_have_count(0)


def test_the_qr_code_holds_the_public_address(page: Page, server):
    page.goto(server.url + KIOSK)
    body = page.request.get(f"{server.url}/kiosk/demo/promise").json()
    assert f"{server.url}/p/demo/" == body["url"]
    assert body["qr"].startswith("<svg")
    assert 404 == page.request.get(f"{server.url}/kiosk/karlstad-2016/promise").status
