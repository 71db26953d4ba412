"""The web survey in Chromium: without JavaScript as one form, with it step by step."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.kiosk_helpers import stored
from tests.live_server import LiveServer


def expect_thanks(page: Page, heading: str) -> None:
    """The thank-you, focused: shown in place, or (while the comment check service cannot be
    asked and the server checks the comment) as the server's thank-you page."""
    thanks = page.get_by_role("heading", name=heading)
    expect(thanks).to_be_visible()
    expect(thanks).to_be_focused()


def past_the_topic_questions(page: Page) -> None:
    """Next on the demo's three optional topic questions (how safe, when, where), left
    empty."""
    for step in (4, 5, 6):
        expect(page.locator(".progress")).to_have_text(f"Steg {step - 1} av 9")
        page.locator(".step.current").get_by_role("button", name="Nästa").click()
    expect(page.locator("#comment")).to_be_visible()


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def test_without_javascript_errors_are_translated_then_the_answer_is_stored(
    browser: Browser, server
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(server.url + "/c/demo/?lang=en")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.locator("#area-traffic").check()
        page.get_by_role("button", name="Send answer").click()
        summary = page.locator("#error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("Choose 3 areas.")
        expect(page.locator("#areas-error")).to_contain_text("Choose 3 areas.")
        expect(page.locator("#area-traffic")).to_be_checked()
        # Keyboard only: the summary's link leads to the first area.
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator("#area-violence-public")).to_be_focused()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        page.fill("#comment", "<script>alert(1)</script>")
        page.locator("#q-age-20-34").check()
        page.get_by_role("button", name="Send answer").click()
        expect(page.locator("h1")).to_have_text("Thank you for your answer!")
        expect(page.locator(".summary .comment")).to_have_text("<script>alert(1)</script>")
        expect(page.locator("main")).to_contain_text("In a real citizen dialogue")
        [answer] = stored(server)
        assert ("web", "en") == (answer.channel, answer.locale)
        assert {"violence-public", "unsafe-places", "traffic"} == set(answer.areas)
        assert {"age": "20-34"} == dict(answer.answers)
    finally:
        context.close()


def test_with_javascript_the_form_is_walked_step_by_step(page: Page, server):
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.goto(server.url + "/c/demo/?lang=sv")
    expect(page.locator(".progress")).to_have_text("Steg 1 av 9")
    expect(page.locator("#areas")).to_be_hidden()
    page.get_by_role("button", name="Nästa").click()
    expect(page.locator("#areas .step-heading")).to_be_focused()
    page.get_by_role("button", name="Nästa").click()
    expect(page.locator("#areas-error")).to_contain_text("Välj 3 områden.")
    for area in ("violence-public", "drugs-alcohol", "traffic", "social-unrest"):
        page.locator(f"label[for=area-{area}]").click()
    expect(page.locator("#area-social-unrest")).not_to_be_checked()
    expect(page.locator("#areas-error")).to_contain_text("Ta bort ett val först")
    expect(page.locator(".counter")).to_have_text("3 av 3 valda")
    page.get_by_role("button", name="Nästa").click()
    past_the_topic_questions(page)
    page.fill("#comment", "<img src=x onerror=alert(1)> Mer ljus")
    for step in (7, 8, 9):  # past the comment (once it is checked) and the two questions
        page.locator(".step.current").get_by_role("button", name="Nästa").click()
        expect(page.locator(".progress")).to_have_text(f"Steg {step} av 9")
    summary = page.locator(".summary")
    expect(summary).to_contain_text("Narkotika- och alkoholrelaterad brottslighet")
    expect(summary.locator(".comment")).to_have_text("<img src=x onerror=alert(1)> Mer ljus")
    assert 0 == summary.locator("img").count()
    page.get_by_role("button", name="Skicka svar").click()
    expect_thanks(page, "Tack för ditt svar!")
    [answer] = stored(server)
    assert ("web", "sv", None) == (answer.channel, answer.locale, answer.source)
    assert "<img src=x onerror=alert(1)> Mer ljus" == answer.comment


def test_arabic_survey_is_right_to_left_on_a_phone(page: Page, server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url + "/c/demo/")
    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("نسخة تجريبية: آمن ومطمئن")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_without_javascript_a_language_button_keeps_the_answer_and_its_errors(
    no_script_page: Page, server
):
    page = no_script_page
    page.goto(server.url + "/c/demo/?lang=sv")
    page.locator("#area-violence-public").check()
    page.locator("#area-traffic").check()
    page.fill("#comment", "Mer ljus i parken")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("#error-summary")).to_contain_text("Välj 3 områden.")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    # The errors come back translated, and everything entered is still there.
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#areas-error")).to_contain_text("Choose 3 areas.")
    expect(page.locator("#area-violence-public")).to_be_checked()
    expect(page.locator("#area-traffic")).to_be_checked()
    expect(page.locator("#area-unsafe-places")).not_to_be_checked()
    expect(page.locator("#comment")).to_have_value("Mer ljus i parken")
    assert [] == stored(server)
    assert "en" == next(c["value"] for c in page.context.cookies() if c["name"] == "lang")
    # Enter on a choice sends the answer: the language buttons are not the form's default.
    page.locator("#area-unsafe-places").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Thank you for your answer!")
    [answer] = stored(server)
    assert ("web", "en", "Mer ljus i parken") == (answer.channel, answer.locale, answer.comment)
    assert {"violence-public", "unsafe-places", "traffic"} == set(answer.areas)


def test_without_javascript_arabic_from_the_language_button_is_right_to_left(
    no_script_page: Page, server
):
    page = no_script_page
    page.goto(server.url + "/c/demo/?lang=en")
    page.locator("#area-traffic").check()
    page.fill("#comment", "More light")
    page.locator("#q-age-20-34").check()
    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("label[for=area-traffic]")).to_have_text("المخالفات المرورية")
    expect(page.locator("#area-traffic")).to_be_checked()
    expect(page.locator("#q-age-20-34")).to_be_checked()
    expect(page.locator("#comment")).to_have_value("More light")
    expect(page.locator("#error-summary")).to_be_hidden()
    assert [] == stored(server)


def walk_to_the_comment(page: Page, server, comment: str) -> None:
    """The web survey with JavaScript, in Swedish: three areas, the three optional topic
    questions left empty, then the comment typed."""
    page.goto(server.url + "/c/demo/?lang=sv")
    page.get_by_role("button", name="Nästa").click()
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"label[for=area-{area}]").click()
    page.get_by_role("button", name="Nästa").click()
    past_the_topic_questions(page)
    page.fill("#comment", comment)


def test_with_javascript_a_language_button_keeps_the_answer_and_the_step(page: Page, server):
    walk_to_the_comment(page, server, "Mer ljus i parken")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".progress")).to_have_text("Step 6 of 9")
    expect(page.locator("#comment")).to_be_visible()
    expect(page.locator("#comment")).to_have_value("Mer ljus i parken")
    assert [] == stored(server)
    for step in (7, 8):  # as a resident does: press, and see the next step before pressing again
        page.get_by_role("button", name="Next").click()
        expect(page.locator(".progress")).to_have_text(f"Step {step} of 9")
    page.get_by_role("button", name="Next").click()
    summary = page.locator(".summary")
    expect(summary).to_contain_text("Unsafe environments")
    expect(summary).to_contain_text("Traffic offences")
    page.get_by_role("button", name="Send answer").click()
    expect_thanks(page, "Thank you for your answer!")
    expect(page.get_by_role("button", name="svenska")).to_be_hidden()
    [answer] = stored(server)
    assert ("web", "en", "Mer ljus i parken") == (answer.channel, answer.locale, answer.comment)
    assert {"violence-public", "unsafe-places", "traffic"} == set(answer.areas)


def test_a_double_press_while_the_comment_is_checked_leaves_the_step_once(page: Page, server):
    walk_to_the_comment(page, server, "Mer ljus i parken")
    expect(page.locator(".progress")).to_have_text("Steg 6 av 9")

    def slow_check(route) -> None:  # a busy server: the second press comes before the answer
        time.sleep(0.4)
        route.continue_()

    page.route("**/comment-check", slow_check)
    page.get_by_role("button", name="Nästa").dblclick()
    expect(page.locator(".progress")).to_have_text("Steg 7 av 9")
    page.wait_for_timeout(300)  # the second press has been handled by now
    expect(page.locator(".progress")).to_have_text("Steg 7 av 9")
