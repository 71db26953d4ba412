"""«Berätta när det är åtgärdat» in Chromium: a participant on a phone marks a place by touch
and opts in with an e-mail address, staff fix the place in the staff pages, and the mail
arrives once (aiosmtpd); the address is gone from the database afterwards. An address the
page cannot take is said before anything is sent; axe-core checks the opt-in in sv and ar."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from storage import Store
from storage.staff import add_staff
from tests.live_server import LiveServer, free_port
from tests.mail_server import MailServer, mailing_settings
from tests.notice_helpers import rows
from tests.staff_support import _HASH, PASSWORD
from tests.test_accessibility_axe import violations
from tests.waiting import wait_until
from tests.walk_support import make_walk

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def walk_server(settings, tmp_path):
    """`serve` with SMTP, a staff account and one walk of the demo promise."""
    store = Store(settings.db)
    walk, key = store.call(lambda db: make_walk(db, published=True), write=True)
    store.call(lambda db: add_staff(db, "ada", _HASH, "organiser"), write=True)
    store.close()
    with MailServer(tmp_path) as smtp:
        port = free_port()
        configured = mailing_settings(
            settings, smtp, port, notice_digest_seconds=0, notice_poll_seconds=0.05
        )
        with LiveServer(configured, port=port) as live:
            yield live, smtp.mailbox, walk, key


def phone(browser: Browser, browser_context_args):
    return browser.new_context(
        **{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}
    )


def test_opt_in_by_touch_then_fixed_by_staff_is_told_once(
    browser: Browser, browser_context_args, walk_server
):
    live, mailbox, walk, key = walk_server
    db = live.settings.db
    context = phone(browser, browser_context_args)
    page = context.new_page()
    page.goto(f"{live.url}/w/{walk.id}/?k={key}&lang=sv")
    expect(page.locator("#walk-map.leaflet-container")).to_be_visible()
    page.locator("#walk-map").tap(position={"x": 180, "y": 140})
    expect(page.locator("#position")).to_contain_text("Vald plats")
    page.locator("input[name=category][value=lighting]").tap()
    page.locator("#notify-email").fill("anna@")
    page.locator("#save").tap()
    expect(page.locator("#form-problem")).to_contain_text("Kryssa i att du vill få besked")
    page.locator("#notify").tap()
    page.locator("#save").tap()
    expect(page.locator("#form-problem")).to_contain_text("Skriv en e-postadress")
    page.locator("#notify-email").fill("anna@kommun")  # the server's rule: a domain with a dot
    page.locator("#save").tap()
    expect(page.locator("#form-problem")).to_contain_text("Skriv en e-postadress")
    assert [] == rows(db, "SELECT id FROM walk_points")
    page.locator("#notify-email").fill("anna@example.se")
    page.locator("#save").tap()
    expect(page.locator("#outbox-status")).to_contain_text("Allt är skickat.", timeout=15_000)
    [(point_id,)] = rows(db, "SELECT id FROM walk_points")
    [(sealed, watched)] = rows(db, "SELECT contact, point FROM subscriptions")
    assert point_id == watched and b"anna@example.se" not in sealed
    assert "anna@example.se" not in page.evaluate("JSON.stringify(localStorage)")
    # The next place may be told to the same address without typing it again.
    expect(page.locator("#notify")).to_be_checked()
    context.close()

    staff = browser.new_page()
    staff.goto(f"{live.url}/staff/login")
    staff.get_by_label("Användarnamn").fill("ada")
    staff.get_by_label("Lösenord").fill(PASSWORD)
    staff.get_by_role("button", name="Logga in").click()
    expect(staff.get_by_role("heading", name="Medborgardialoger")).to_be_visible()
    staff.goto(f"{live.url}/staff/walks/{walk.id}/")
    expect(staff.locator("main")).to_contain_text("1 deltagare får ett e-brev när platsen")
    staff.locator(f"#s-{point_id}").select_option("fixed")
    staff.locator(f"#s-{point_id}").locator("xpath=ancestor::form").get_by_role(
        "button", name="Spara status"
    ).click()
    wait_until(lambda: mailbox.mails, what="the mail")
    mail = mailbox.mails[0]
    assert "anna@example.se" == mail["To"]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "En plats du markerade (belysning) är åtgärdad." in text
    assert f"{live.url}/p/demo/walks/{walk.id}" in text
    wait_until(lambda: [] == rows(db, "SELECT id FROM subscriptions"), what="the address to go")
    # Saved again, and fixed again after a change of mind: nobody is left to tell.
    for status in ("planned", "fixed"):
        staff.locator(f"#s-{point_id}").select_option(status)
        staff.locator(f"#s-{point_id}").locator("xpath=ancestor::form").get_by_role(
            "button", name="Spara status"
        ).click()
        expect(staff.locator(f"#s-{point_id}")).to_have_value(status)
    assert [] == rows(db, "SELECT id FROM notices WHERE sent_at IS NULL")
    assert 1 == len(mailbox.mails)
    staff.close()


def test_an_address_the_server_refuses_never_costs_the_place(
    browser: Browser, browser_context_args, walk_server
):
    live, _mailbox, walk, key = walk_server
    context = phone(browser, browser_context_args)
    page = context.new_page()
    page.goto(f"{live.url}/w/{walk.id}/?k={key}&lang=sv")
    # A browser that checks no pattern lets through what the server will not take.
    page.locator("#notify-email").evaluate("input => input.removeAttribute('pattern')")
    page.locator("#zone").select_option(index=1)
    page.locator("input[name=category][value=traffic]").tap()
    page.locator("#notify").tap()
    page.locator("#notify-email").fill("anna@kommun")
    page.locator("#save").tap()
    expect(page.locator("#outbox li")).to_contain_text("skickad (utan e-postbesked", timeout=15_000)
    db = live.settings.db
    assert 1 == len(rows(db, "SELECT id FROM walk_points"))
    assert [] == rows(db, "SELECT id FROM subscriptions")
    context.close()


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_opt_in_passes_axe(browser: Browser, browser_context_args, walk_server, lang):
    live, _mailbox, walk, key = walk_server
    context = phone(browser, browser_context_args)
    page = context.new_page()
    page.goto(f"{live.url}/w/{walk.id}/?k={key}&lang={lang}")
    expect(page.locator("#notify")).to_be_visible()
    page.locator("#notify-email").fill("anna@")
    page.locator("#zone").select_option(index=1)
    page.locator("input[name=category][value=litter]").check()
    page.locator("#save").click()
    expect(page.locator("#form-problem")).not_to_be_empty()
    assert [] == violations(Axe(), page)
    context.close()
