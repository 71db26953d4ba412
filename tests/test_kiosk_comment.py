"""The kiosk's comment step: the police notice, and a warning about personal data with
"Ändra" and "Skicka ändå" that never blocks; without the server, the walk goes on."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK, next_step, past_topic_questions, wait_for_stored
from tests.live_server import LiveServer

CHECK = "**/api/v1/campaigns/*/comment-check"
PERSONAL = "Kalle Svensson säljer knark. Ring mig på 070-123 45 67 eller mejla ali@example.se."


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def to_comment(page: Page, server, language: str = "svenska") -> None:
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name=language).tap()
    next_step(page)
    for index in (0, 1, 2):
        page.locator(".tile").nth(index).tap()
    next_step(page)
    past_topic_questions(page)
    expect(page.locator(".screen-comment")).to_be_visible()


def test_personal_data_is_warned_about_and_the_resident_decides(page: Page, server):
    to_comment(page, server)
    notice = page.locator(".police-notice")
    expect(notice).to_contain_text("Vid nödläge: ring 112")
    expect(notice).to_contain_text("ring 114 14")
    expect(page.locator("#comment")).to_have_attribute(
        "aria-describedby", "comment-hint comment-notice"
    )
    page.fill("#comment", PERSONAL)
    next_step(page)
    dialog = page.get_by_role("alertdialog", name="Står det personuppgifter i din synpunkt?")
    expect(dialog).to_contain_text("ett telefonnummer och en e-postadress")
    dialog.get_by_role("button", name="Ändra").tap()
    expect(dialog).to_have_count(0)
    expect(page.locator(".screen-comment")).to_be_visible()
    expect(page.locator("#comment")).to_be_focused()
    next_step(page)
    dialog.get_by_role("button", name="Skicka ändå").tap()
    expect(page.locator(".screen-choice")).to_be_visible()
    # Back and on again with the same text: it was accepted once, it is not asked again.
    page.locator(".nav .button").first.tap()
    next_step(page)
    expect(page.locator(".screen-choice")).to_be_visible()
    expect(dialog).to_have_count(0)
    while page.locator(".screen-confirm").count() == 0:
        next_step(page)
    next_step(page)
    [answer] = wait_for_stored(server, 1)
    # Never blocked: stored as written; staff redaction takes it from there.
    assert PERSONAL == answer.comment


def test_in_arabic_the_notice_and_the_warning_are_arabic(page: Page, server):
    to_comment(page, server, "العربية")
    expect(page.locator(".police-notice")).to_contain_text("112")
    expect(page.locator(".police-notice")).not_to_contain_text("Vid nödläge")
    page.fill("#comment", "اتصل بي 070-123 45 67")
    next_step(page)
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("رقم هاتف")
    dialog.get_by_role("button", name="أرسل على أي حال").tap()
    expect(page.locator(".screen-choice")).to_be_visible()


def test_without_the_server_the_comment_goes_on_unchecked(page: Page, server):
    to_comment(page, server)
    page.route(CHECK, lambda route: route.abort())
    page.fill("#comment", PERSONAL)
    next_step(page)
    expect(page.locator(".screen-choice")).to_be_visible()
    expect(page.get_by_role("alertdialog")).to_have_count(0)


def test_a_comment_without_personal_data_goes_straight_on(page: Page, server):
    to_comment(page, server)
    checked = []
    page.on(
        "request", lambda r: checked.append(r.post_data_json) if "comment-check" in r.url else None
    )
    page.fill("#comment", "Mer belysning vid busshållplatsen.")
    next_step(page)
    expect(page.locator(".screen-choice")).to_be_visible()
    assert [{"comment": "Mer belysning vid busshållplatsen.", "locale": "sv"}] == checked
