"""axe-core on every kiosk screen, in Swedish and in Arabic: no WCAG 2.1 A or AA violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK, next_step
from tests.live_server import LiveServer

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PERSONAL = "Ring mig på 070-123 45 67."
axe = Axe()


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def check(page: Page, screen: str, seen: list[str]) -> None:
    results = axe.run(page, options=WCAG_21_AA)
    assert 0 == results.violations_count, f"{screen}:\n{results.generate_report()}"
    seen.append(screen)


@pytest.mark.parametrize("language", ["svenska", "Lättläst", "العربية"])
def test_every_kiosk_screen_meets_wcag_21_aa(page: Page, server, language):
    seen: list[str] = []
    page.clock.install()
    page.goto(server.url + KIOSK)
    check(page, "attract", seen)
    page.get_by_role("button", name="Kioskens status").tap()
    check(page, "status dialog", seen)
    page.locator(".dialog-host .primary").tap()
    page.locator(".screen-attract").tap()
    check(page, "language", seen)
    page.get_by_role("button", name=language).tap()
    while page.locator(".screen-confirm").count() == 0:
        screen = page.locator(".screen").get_attribute("class").split("screen-")[-1]
        if screen == "areas":
            for index in (0, 1, 2):
                page.locator(".tile").nth(index).tap()
        check(page, screen, seen)
        if screen == "comment":
            page.fill("#comment", PERSONAL)
            next_step(page)
            expect(page.get_by_role("alertdialog")).to_be_visible()
            check(page, "personal data warning", seen)
            page.locator(".dialog-host .primary").tap()
        elif screen == "choice":
            page.locator(".screen-choice .choice, .screen-choice .tile").first.tap()
            next_step(page)
        else:
            next_step(page)
    page.clock.run_for(46_000)
    expect(page.locator(".still-there")).to_be_visible()
    check(page, "idle question", seen)
    page.locator(".still-there .primary").tap()
    check(page, "confirm", seen)
    next_step(page)
    expect(page.locator(".screen-thanks")).to_be_visible()
    check(page, "thanks", seen)
    assert {"intro", "areas", "comment", "choice", "confirm", "thanks"} <= set(seen)


def test_the_status_page_meets_wcag_21_aa(page: Page, server):
    page.goto(server.url + "/kiosk/demo/status")
    expect(page.locator(".status")).to_be_visible()
    check(page, "status page", [])
