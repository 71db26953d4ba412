"""The printable report in Chromium, as an analyst prints it: when the dialogue was held,
shared ranks for tied areas, the figures on one A4 page, page numbers, a print button."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from storage.responses import save_response
from storage.staff import add_staff
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD, answer

# A4 minus the report's margins (18 mm each side, 18 mm top, 20 mm bottom), in CSS pixels.
MM = 96 / 25.4
PRINTED_WIDTH = round((210 - 36) * MM)
PRINTED_HEIGHT = round((297 - 38) * MM)


@pytest.fixture
def server(settings):
    with LiveServer(settings) as server:
        store = server.parts.store
        store.call(add_staff, "ada", _HASH, "analyst", write=True)

        def seed(db):
            venues = ["Mitt i City", "Stadsbiblioteket", "Workshop KCCC", "Bibliotek Norr"]
            for n in range(40):
                areas = ("violence-public", "unsafe-places", "drugs-alcohol")
                if n % 2:  # theft and traffic get the same number of votes: a tie
                    areas = ("violence-public", "theft-burglary", "traffic")
                channel = ("web", "kiosk", "paper", "telegram")[n % 4]
                source = venues[n % 4] if channel in ("kiosk", "paper") else None
                save_response(
                    db,
                    answer("karlstad-2016", channel=channel, areas=areas, source=source),
                )

        store.call(seed, write=True)
        yield server


def log_in(page: Page, server) -> None:
    page.goto(f"{server.url}/staff/login")
    page.get_by_label("Användarnamn").fill("ada")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Medborgardialoger")).to_be_visible()


def test_a_closed_dialogue_was_held_and_tied_areas_share_a_rank(page: Page, server):
    log_in(page, server)
    page.goto(f"{server.url}/staff/c/karlstad-2016/report")
    expect(page.locator(".lead")).to_have_text("Medborgardialogen hölls 22 februari–18 mars 2016.")
    ranks = page.locator(".ranking li").evaluate_all("items => items.map(i => i.value)")
    labels = page.locator(".ranking li .label").all_inner_texts()
    assert [1, 2, 2, 2, 2, 6, 6, 6] == ranks, labels
    assert "Våld i offentlig miljö" == labels[0]
    # The list is the chart too: one bar per area, the first one the longest.
    widths = page.locator(".ranking .bar rect").evaluate_all(
        "rects => rects.map(r => Number(r.getAttribute('width')))"
    )
    assert 100 == widths[0] and 50 == widths[1] and 0 == widths[-1]
    assert 0 == page.locator("article.report svg.chart").count()


def test_an_open_ended_dialogue_is_going_on_since(page: Page, server):
    log_in(page, server)
    page.goto(f"{server.url}/staff/c/demo/report")
    expect(page.locator(".lead")).to_have_text("Medborgardialogen pågår sedan 1 januari 2024.")
    page.goto(f"{server.url}/staff/c/demo/report?lang=en")
    expect(page.locator(".lead")).to_contain_text("since January 1, 2024")


def test_the_figures_fit_one_a4_page_with_page_numbers(page: Page, server):
    log_in(page, server)
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": PRINTED_HEIGHT})
    page.goto(f"{server.url}/staff/c/karlstad-2016/report")
    page.emulate_media(media="print")
    box = page.locator(".figures").bounding_box()
    assert box["height"] <= PRINTED_HEIGHT, box
    assert "page" == page.locator(".figures").evaluate("e => getComputedStyle(e).breakAfter")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page\r") + pdf.count(b"/Type /Page>")
    assert pages >= 2  # the figures, then the comments and next steps
    rules = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
               .filter(r => r instanceof CSSPageRule).map(r => r.cssText).join(' ')"""
    )
    assert "counter(page)" in rules


def test_the_print_button_prints(page: Page, server):
    log_in(page, server)
    page.goto(f"{server.url}/staff/c/karlstad-2016/report")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("window.printed === true")
