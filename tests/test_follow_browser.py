"""Asking to hear back, in Chromium: the opt-in on the web survey's thank-you, the
confirmation link, and the pages' accessibility (axe-core, WCAG 2.1 AA)."""

from __future__ import annotations

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from tests.live_server import LiveServer, free_port
from tests.mail_server import MailServer, mailing_settings
from tests.notice_helpers import rows

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def mail_and_server(settings, tmp_path):
    with MailServer(tmp_path) as smtp:
        port = free_port()
        configured = mailing_settings(settings, smtp, port)
        with LiveServer(configured, port=port) as live:
            yield smtp.mailbox, live


def wait_for_mail(mailbox, count: int):
    deadline = time.monotonic() + 10
    while len(mailbox.mails) < count:
        assert time.monotonic() < deadline, "no mail arrived"
        time.sleep(0.05)
    return mailbox.mails[count - 1]


def no_violations(page) -> None:
    results = Axe().run(page, options=WCAG_AA)
    assert 0 == results.violations_count, results.generate_report()


def test_opt_in_on_the_thank_you_then_confirm_by_the_link(browser: Browser, mail_and_server):
    mailbox, server = mail_and_server
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(server.url + "/c/demo/?lang=en")
        for area in ("violence-public", "unsafe-places", "traffic"):
            page.locator(f"#area-{area}").check()
        page.get_by_role("button", name="Send answer").click()
        expect(page.locator("h1")).to_have_text("Thank you for your answer!")
        offer = page.locator("section.follow")
        expect(offer).to_contain_text("at most one message a day")
        expect(offer.get_by_label("Yes, I want to get messages about this")).not_to_be_checked()
        offer.get_by_label("Your e-mail address").fill("anna@example.se")
        offer.get_by_role("button", name="Send a confirmation link").click()
        expect(page.locator("[role=alert]")).to_contain_text("Tick that you want")
        assert [] == rows(server.settings.db, "SELECT id FROM subscriptions")
        page.get_by_label("Your e-mail address").fill("anna@example.se")
        page.get_by_label("Yes, I want to get messages about this").check()
        page.get_by_role("button", name="Send a confirmation link").click()
        expect(page.locator("h1")).to_have_text("Check your e-mail")

        mail = wait_for_mail(mailbox, 1)
        text = mail.get_body(preferencelist=("plain",)).get_content()
        link = re.search(r"http://\S+/follow/confirm/\S+", text).group(0)
        checked = browser.new_page()  # axe-core needs JavaScript, which this context has not
        try:
            checked.goto(link)
            no_violations(checked)
            checked.goto(server.url + "/c/demo/follow?lang=en")
            no_violations(checked)
        finally:
            checked.close()
        page.goto(link)
        page.get_by_role("button", name="Confirm").click()
        expect(page.locator("h1")).to_have_text("Thank you! The subscription is confirmed")
        [(areas, locale, confirmed)] = rows(
            server.settings.db, "SELECT areas, locale, confirmed_at FROM subscriptions"
        )
        assert '["violence-public", "unsafe-places", "traffic"]' == areas
        assert "en" == locale and confirmed is not None
        [(answer_rows,)] = rows(server.settings.db, "SELECT count(*) FROM responses")
        assert 1 == answer_rows  # the answer stays anonymous: nothing links the two
        assert [] == rows(
            server.settings.db,
            "SELECT name FROM pragma_table_info('subscriptions') WHERE name LIKE '%response%'",
        )
    finally:
        context.close()


def test_the_sign_up_page_in_arabic_meets_wcag(browser: Browser, mail_and_server):
    _mailbox, server = mail_and_server
    page = browser.new_page()
    try:
        page.goto(server.url + "/c/demo/follow?lang=ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        no_violations(page)
    finally:
        page.close()


def test_the_kiosk_thank_you_shows_the_code_in_the_residents_language(
    browser: Browser, mail_and_server
):
    _mailbox, server = mail_and_server
    context = browser.new_context(has_touch=True, viewport={"width": 1080, "height": 1920})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(server.url + "/kiosk/demo/?source=mitt-i-city")
        page.locator(".screen-attract").tap()
        page.get_by_role("button", name="العربية").tap()
        page.locator(".nav .primary").tap()
        for index in (0, 1, 2):
            page.locator(".tile").nth(index).tap()
        page.locator(".nav .primary").tap()
        while page.locator(".screen-confirm").count() == 0:
            page.locator(".nav .primary").tap()
        page.locator(".nav .primary").tap()
        code = page.locator(".screen-thanks .follow-code")
        expect(code).to_be_visible()
        expect(code.locator("img")).to_have_attribute("alt", re.compile("QR"))
        expect(code).to_contain_text("/c/demo/follow")
        assert "امسح الرمز بهاتفك" in code.inner_text()
        assert 0 == page.locator(".screen-thanks input").count()  # never an address here
        svg = page.request.get(server.url + "/c/demo/follow.svg")
        assert "image/svg+xml" in svg.headers["content-type"]
    finally:
        context.close()
