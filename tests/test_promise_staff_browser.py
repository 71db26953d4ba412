"""A police analyst and a municipal analyst in Chromium: draft a promise from the results,
edit an activity, and publish it only once each of them has approved."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from storage.promise_approvals import set_staff_party
from storage.responses import save_response
from storage.staff import add_staff
from tests.staff_support import _HASH, PASSWORD, answer
from tests.test_promise_browser import WCAG, PromiseServer


@pytest.fixture
def server(settings):
    with PromiseServer(settings) as server:

        def seed(db):
            for name, party in (("anna", "polisen"), ("bo", "kommunen")):
                add_staff(db, name, _HASH, "analyst")
                set_staff_party(db, name, party)
            for areas in (
                ("traffic", "unsafe-places", "social-unrest"),
                ("traffic", "unsafe-places", "drugs-alcohol"),
                ("traffic", "violence-public", "drugs-alcohol"),
            ):
                save_response(db, answer(areas=areas))

        server.parts.store.call(seed, write=True)
        yield server


def log_in(page: Page, server, username: str) -> None:
    page.goto(f"{server.url}/staff/login")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Medborgardialoger")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def test_draft_edit_and_publish_after_both_parties_approve(page: Page, server):
    log_in(page, server, "anna")
    page.get_by_role("link", name="Medborgarlöften").click()
    page.get_by_label("Medborgardialog").select_option("demo")
    page.get_by_label("Id (a–z").fill("demo-2027")
    page.get_by_role("button", name="Skapa utkast från resultatet").click()
    expect(page.get_by_role("status")).to_have_text("Utkastet är skapat från resultatet.")
    focus = page.locator("#focus tbody tr")
    expect(focus.nth(0)).to_contain_text("Trafikbrott")
    expect(focus.nth(0).locator("td").nth(1)).to_have_text("3")

    page.locator("#activities").get_by_role("link", name="Trafikbrott").click()
    page.get_by_label("svenska (krävs)").first.fill("Hastighetskontroller vid skolorna")
    page.get_by_label("Kommunen", exact=True).uncheck()
    page.get_by_label("Roll för Polisen (t.ex. upptäckt och lagföring)").locator("xpath=..")
    page.locator("#role-polisen-sv").fill("kontroller")
    page.get_by_role("button", name="Spara aktiviteten").click()
    expect(page.get_by_role("status")).to_have_text("Aktiviteten är sparad.")
    expect(page.locator("#activity-aktivitet-1")).to_contain_text(
        "Hastighetskontroller vid skolorna"
    )
    expect(page.locator("#activity-aktivitet-1")).to_contain_text("Polisen (kontroller)")

    page.get_by_role("button", name="Publicera medborgarlöftet").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Det saknas godkännande från: Polisen, Kommunen."
    )
    page.get_by_role("button", name="Godkänn för Polisen").click()
    expect(page.locator("table.approvals")).to_contain_text("anna")
    page.get_by_role("button", name="Publicera medborgarlöftet").click()
    expect(page.get_by_role("alert")).to_contain_text("Det saknas godkännande från: Kommunen.")
    assert 404 == page.request.get(f"{server.url}/p/demo-2027/").status
    log_out(page)

    log_in(page, server, "bo")
    page.get_by_role("link", name="Medborgarlöften").click()
    page.get_by_role("link", name="Demo: Trygg och säker").click()
    page.get_by_role("button", name="Godkänn för Kommunen").click()
    approvals = page.locator("table.approvals tbody tr")
    expect(approvals).to_have_count(2)
    expect(approvals.filter(has_text="bo")).to_contain_text("✓ ja")
    page.get_by_role("button", name="Publicera medborgarlöftet").click()
    expect(page.get_by_role("status")).to_have_text("Medborgarlöftet är publicerat.")

    page.get_by_role("link", name="Visa den offentliga sidan").click()
    expect(page).to_have_url(f"{server.url}/p/demo-2027/")
    page.goto(f"{server.url}/p/demo-2027/?lang=sv")
    expect(page.locator("li.activity").first).to_contain_text("Hastighetskontroller vid skolorna")
    expect(page.locator("ol.focus li").first).to_contain_text("Trafikbrott")
    expect(page.locator("ol.focus li").first).to_contain_text("3 röster")


def test_a_changed_status_without_a_reason_is_refused_in_the_browser(page: Page, server):
    log_in(page, server, "anna")
    page.goto(f"{server.url}/staff/promises/demo/activities/narvaro-i-centrum")
    page.get_by_label("Ny status").select_option("changed")
    page.get_by_role("button", name="Spara status").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv ett offentligt skäl")
    expect(page.locator(".status-line")).to_contain_text("Pågår")
    page.get_by_label("Ny status").select_option("changed")
    page.locator("#reason-sv").fill("Patrullerna flyttas till stationen på kvällarna.")
    page.get_by_role("button", name="Spara status").click()
    expect(page.locator(".status-line")).to_contain_text("Ändrad")
    page.goto(f"{server.url}/p/demo/?lang=sv")
    item = page.locator(".progress-item").nth(1)
    expect(item.locator(".status")).to_contain_text("Ändrad")
    expect(item.locator(".latest")).to_contain_text("Patrullerna flyttas")


@pytest.mark.parametrize(
    "path",
    [
        "/staff/promises/",
        "/staff/promises/demo/",
        "/staff/promises/demo/activities/narvaro-i-centrum",
    ],
)
def test_axe_finds_no_wcag_21_a_or_aa_violation_on_the_staff_pages(page: Page, server, path):
    log_in(page, server, "anna")
    page.goto(f"{server.url}{path}")
    results = Axe().run(page, options=WCAG)
    assert 0 == results.violations_count, results.generate_report()
