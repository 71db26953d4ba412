"""An analyst in Chromium: themes suggested and set on many comments at once, a decision on
several, a summary written, the results published, and the public page a reader then sees
(with no WCAG 2.1 A/AA violation axe-core finds)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from storage.responses import save_response
from storage.staff import add_staff
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD, answer

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
COMMENTS = (
    "Oväsen från bilar nattetid vid Nobelplan på Norrstrand",
    "Vi vill se fler patrullerande poliser i centrum",
    "Mörkt och otryggt i gångtunneln <script>alert(1)</script>",
)


@pytest.fixture
def server(settings):
    with LiveServer(settings) as server:
        server.parts.store.call(add_staff, "ada", _HASH, "analyst", write=True)

        def seed(db):
            for text in COMMENTS:
                save_response(db, answer(comment=text))

        server.parts.store.call(seed, write=True)
        yield server


def test_an_analyst_themes_approves_summarises_and_publishes(page: Page, server):
    page.goto(f"{server.url}/staff/")
    page.get_by_label("Användarnamn").fill("ada")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Demo: Trygg och säker").click()
    page.get_by_role("link", name="Synpunkter").click()
    comment = page.locator("article.comment").filter(has_text="Nobelplan")
    expect(comment.locator(".suggested")).to_contain_text("Trafik")
    expect(page.locator("#place-counts")).to_contain_text("Nobelplan: 1 synpunkt")

    page.get_by_role("button", name="Sätt föreslagna teman").click()
    expect(page.get_by_role("status")).to_contain_text("3 ändringar sparade")
    expect(page.locator(".tag-list")).to_contain_text("Trafik (1)")
    expect(page.locator(".tag-list")).to_contain_text("Otrygga platser (1)")

    for text in COMMENTS[:2]:
        page.locator("article.comment").filter(has_text=text).get_by_label("Markera").check()
    page.get_by_role("button", name="Godkänn markerade").click()
    expect(page.get_by_role("status")).to_contain_text("2 ändringar sparade")
    expect(page.locator("article.comment .badge", has_text="Godkänd")).to_have_count(2)

    page.get_by_role("link", name="Resultat").first.click()
    page.get_by_label("Sammanfattning (svenska)").fill("De flesta handlar om trafik.")
    page.get_by_role("button", name="Spara sammanfattningen").click()
    expect(page.get_by_role("status")).to_contain_text("Sammanfattningen är sparad")
    page.get_by_role("button", name="Publicera resultatet").click()
    expect(page.locator("#publication-status")).to_contain_text("publicerat sedan")

    page.get_by_role("link", name="Visa den publicerade sidan").click()
    expect(page.locator(".summary-text")).to_have_text("De flesta handlar om trafik.")
    expect(page.locator("table.themes")).to_contain_text("Polisens synlighet")
    quotes = page.locator(".quotes blockquote")
    expect(quotes).to_have_count(2)
    expect(page.locator(".quotes")).not_to_contain_text("gångtunneln")
    results = Axe().run(page, options=WCAG_21_AA)
    assert 0 == results.violations_count, results.generate_report()
