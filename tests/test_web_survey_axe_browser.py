"""The web survey meets WCAG 2.1 AA as axe-core checks it, in the states the walk adds:
the summary with its change buttons, and the warning about personal data in a comment
(axe runs as a script, so both with JavaScript)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.live_server import LiveServer

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def test_the_summary_with_its_change_buttons_is_accessible(page: Page, server):
    page.goto(server.url + "/c/demo/?lang=sv")
    page.locator(".step.current").get_by_role("button", name="Nästa").click()
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"label[for=area-{area}]").click()
    for _ in range(7):  # the optional steps left empty: three topic questions, comment, two more
        page.locator(".step.current").get_by_role("button", name="Nästa").click()
    expect(page.locator(".summary")).to_be_visible()
    assert [] == violations(page)


def test_the_comment_warning_in_arabic_is_accessible(page: Page, server):
    page.goto(server.url + "/c/demo/?lang=ar")
    page.locator(".step.current .primary").click()
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"label[for=area-{area}]").click()
    page.locator(".step.current .primary").click()
    for _ in range(3):  # the three optional topic questions, left empty
        page.locator(".step.current .primary").click()
    page.fill("#comment", "070-123 45 67")
    # Warned at once by the comment check service, or by the server when the answer is sent.
    while page.locator("#comment-warning").is_hidden():
        page.locator(".step.current .primary").click()
    expect(page.locator("#comment-warning")).to_be_visible()
    assert [] == violations(page)
