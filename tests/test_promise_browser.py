"""The public promise page in Chromium, as a resident reads it: in Swedish and in Arabic,
printed, and checked by axe-core for WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from tests.fake_clock import FakeClock
from tests.live_server import LiveServer
from tests.promise_support import NOW, import_samples

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


class PromiseServer(LiveServer):
    """The product, on a fixed day, with the sample promises imported."""

    def _build(self):
        self.parts = assemble(self.settings)
        self.parts.store.call(import_samples, write=True)
        self.parts.clock = FakeClock(NOW)
        return build_app(self.parts)


@pytest.fixture
def server(settings):
    with PromiseServer(settings) as server:
        yield server


def test_a_resident_follows_the_promise_in_swedish(page: Page, server):
    page.goto(f"{server.url}/?lang=sv")
    page.get_by_role("link", name="Demo: medborgarlöften för en tryggare stad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Demo: medborgarlöften för en tryggare stad"
    )
    expect(page.locator("main section > h2")).to_have_text(
        ["Det här sa ni", "Det här lovar vi", "Så går det"]
    )
    expect(page.locator("ol.focus li").first).to_contain_text("Plats 1")
    expect(page.locator("ol.focus li").first).to_contain_text("Otrygga miljöer")
    expect(page.locator("ol.focus li").first).to_contain_text("412 röster")
    drugs = page.locator("li.activity").nth(2)
    expect(drugs.locator(".party")).to_have_text(
        ["Polisen (upptäckt och lagföring)", "Kommunen (uppföljning och vård)"]
    )
    page.get_by_role("link", name="Så går det").click()
    progress = page.locator(".progress-item").nth(0)
    expect(progress.locator(".status")).to_have_text("✓ Status: Genomförd")
    expect(progress.locator(".latest")).to_contain_text("2 oktober 2026")
    progress.get_by_text("Tidigare uppdateringar").click()
    expect(progress.locator("details ul")).to_contain_text("Norrstrand")
    changed = page.locator(".progress-item").nth(3)
    expect(changed.locator(".status")).to_contain_text("Ändrad")
    expect(changed.locator(".latest")).to_contain_text("farthinder")
    expect(page.locator(".progress-item").nth(2).locator(".quiet")).to_have_text(
        "⚠ Senast uppdaterad för 294 dagar sedan."
    )
    expect(page.locator(".followup-planned")).to_contain_text("31 mars 2027")
    page.locator(".progress-list").get_by_role("link", name="Aktivitet 2").click()
    expect(page).to_have_url(f"{server.url}/p/demo/?lang=sv#activity-narvaro-i-centrum")


def test_the_promise_page_reads_right_to_left_in_arabic(page: Page, server):
    page.goto(f"{server.url}/p/filipstad-2017/?lang=sv")
    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("فيليبستاد – وعود للمواطنين")
    expect(page.locator("main section > h2")).to_have_text(
        ["هذا ما قلتموه", "هذا ما نعد به", "هكذا تسير الأمور"]
    )
    activity = page.locator("li.activity").first
    box = activity.bounding_box()
    # The activity's bar stands on the right in a right-to-left page.
    border = page.evaluate("el => getComputedStyle(el).borderRightWidth", activity.element_handle())
    assert "6px" == border and box["width"] > 0
    period = page.locator(".period").inner_text()
    assert "\u2068" in period and "\u2069" in period


def test_the_page_prints_on_a4_without_navigation(page: Page, server):
    page.goto(f"{server.url}/p/demo/?lang=sv")
    page.emulate_media(media="print")
    expect(page.locator("nav.languages")).to_be_hidden()
    expect(page.locator("nav.promise-steps")).to_be_hidden()
    expect(page.locator(".print-only")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "path",
    [
        "/p/demo/?lang=sv",
        "/p/demo/?lang=sv&easy=1",
        "/p/demo/?lang=ar&easy=1",
        "/p/filipstad-2017/?lang=ar",
        "/p/?lang=fi",
        "/?lang=en",
    ],
)
def test_axe_finds_no_wcag_21_a_or_aa_violation(page: Page, server, path):
    page.goto(f"{server.url}{path}")
    for details in page.locator("details").all():
        details.evaluate("el => el.open = true")
    results = Axe().run(page, options=WCAG)
    assert 0 == results.violations_count, results.generate_report()


def test_the_promise_page_in_lattlast(page: Page, server):
    page.goto(f"{server.url}/p/demo/?lang=sv")
    page.get_by_role("link", name="Lättläst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ett test: Vi lovar att göra staden tryggare"
    )
    expect(page.get_by_role("link", name="Lättläst")).to_have_attribute("aria-current", "true")
    expect(page.locator("ol.focus li").first).to_contain_text("Platser där du känner dig rädd")
    drugs = page.locator("li.activity").nth(2)
    expect(drugs).to_contain_text("De vill att unga inte ska ta droger eller dricka alkohol.")
    expect(drugs.locator(".party").first).to_have_text(
        "Polisen (hitta brott och se till att de straffas)"
    )
    # Remembered: the promise list and the page again, then turned off.
    page.goto(f"{server.url}/p/demo/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vi lovar")
    page.get_by_role("link", name="Lättläst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Demo: medborgarlöften för en tryggare stad"
    )
    # English has no easy texts: nothing is offered.
    page.goto(f"{server.url}/p/demo/?lang=en&easy=1")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Demo: citizen promises for a safer town"
    )
    expect(page.locator(".easy-read")).to_have_count(0)
