"""The web survey follows the walk's data: optional steps skippable, "change" returns to the
summary, the comment's rules and notice from the data, and a warning about personal data."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect

from campaigns import SAMPLE_DIR
from tests.kiosk_helpers import stored
from tests.live_server import LiveServer

NOTICE = "Vid nödläge: ring 112. För andra polisärenden: ring 114 14."
PHONE_COMMENT = "Ring mig på 070-123 45 67 om belysningen"
SUMMARY = "Steg 9 av 9"  # intro, areas, three topic questions, comment, age, district, summary


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


@pytest.fixture
def strict_server(settings, tmp_path):
    """The demo campaign with a required comment of at most 40 characters."""
    folder = tmp_path / "campaigns"
    folder.mkdir()
    text = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8")
    text = text.replace("required = false\nmax_length = 2000", "required = true\nmax_length = 40")
    assert "max_length = 40" in text
    (folder / "demo.toml").write_text(text, encoding="utf-8")
    with LiveServer(replace(settings, campaigns_dir=folder)) as live:
        yield live


def next_step(page: Page) -> None:
    page.locator(".step.current").get_by_role("button", name="Nästa").click()


def skip_topic_questions(page: Page) -> None:
    """Past the demo's three optional topic questions (how safe, when, where), right after
    the areas."""
    for question in ("safe-evening", "when-unsafe", "unsafe-places"):
        expect(page.locator(f"#q-{question}")).to_be_visible()
        page.locator(".step.current").get_by_role("button", name="Hoppa över").click()


def walk_to_summary(page: Page) -> None:
    for _ in range(8):
        if page.locator(".progress").inner_text() == SUMMARY:
            return
        next_step(page)
    raise AssertionError(f"not at the summary: {page.locator('.progress').inner_text()}")


def choose_areas(page: Page, areas=("violence-public", "unsafe-places", "traffic")) -> None:
    for area in areas:
        page.locator(f"label[for=area-{area}]").click()


def test_optional_steps_are_skipped_and_prefer_not_to_say_is_an_answer(page: Page, server):
    page.goto(server.url + "/c/demo/?lang=sv")
    next_step(page)
    current = page.locator(".step.current")
    expect(current.get_by_role("button", name="Hoppa över")).to_have_count(0)  # areas: required
    choose_areas(page)
    next_step(page)
    skip_topic_questions(page)
    page.fill("#comment", "Mer ljus")
    page.locator(".step.current").get_by_role("button", name="Hoppa över").click()
    expect(page.locator("#q-age .step-heading")).to_be_focused()
    page.locator("label[for=q-age-20-34]").click()
    page.locator(".step.current").get_by_role("button", name="Hoppa över").click()
    page.locator("label[for=q-district-prefer-not-to-say]").click()
    next_step(page)
    summary = page.locator(".summary")
    expect(summary.locator(".comment")).to_have_text("Ingen synpunkt")
    expect(summary.locator('[data-summary="q-age"]')).to_have_text("Inget svar")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    [answer] = stored(server)
    assert (None, {"district": "prefer-not-to-say"}) == (answer.comment, dict(answer.answers))


def test_a_change_from_the_summary_returns_to_the_summary(page: Page, server):
    page.goto(server.url + "/c/demo/?lang=sv")
    next_step(page)
    choose_areas(page)
    next_step(page)
    for _ in range(6):  # the optional steps left empty, skipped by Next
        next_step(page)
    expect(page.locator(".progress")).to_have_text(SUMMARY)
    page.locator('[data-change="areas"]').get_by_role("button", name="Ändra").click()
    expect(page.locator("#areas .step-heading")).to_be_focused()
    page.locator("label[for=area-traffic]").click()
    page.locator("label[for=area-drugs-alcohol]").click()
    next_step(page)
    expect(page.locator(".progress")).to_have_text(SUMMARY)
    expect(page.locator(".summary")).to_contain_text("Narkotika- och alkoholrelaterad")
    page.locator('[data-change="question:district"]').get_by_role("button", name="Ändra").click()
    page.locator("label[for=q-district-norrstrand]").click()
    next_step(page)
    expect(page.locator(".progress")).to_have_text(SUMMARY)
    expect(page.locator('[data-summary="q-district"]')).to_have_text("Norrstrand")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    [answer] = stored(server)
    assert {"violence-public", "unsafe-places", "drugs-alcohol"} == set(answer.areas)
    assert {"district": "norrstrand"} == dict(answer.answers)


def test_the_comment_step_shows_the_emergency_notice(page: Page, server):
    page.goto(server.url + "/c/demo/?lang=sv")
    expect(page.locator("#comment-notice")).to_contain_text(NOTICE)
    page.goto(server.url + "/c/demo/?lang=en")
    expect(page.locator("#comment-notice")).to_contain_text("112")
    expect(page.locator("#comment-notice")).to_contain_text("114 14")


def test_a_required_comment_and_its_length_come_from_the_data(page: Page, strict_server):
    page.goto(strict_server.url + "/c/demo/?lang=sv")
    next_step(page)
    choose_areas(page)
    next_step(page)
    skip_topic_questions(page)
    expect(page.locator(".step.current").get_by_role("button", name="Hoppa över")).to_have_count(0)
    expect(page.locator("#comment-hint")).to_contain_text("Högst 40 tecken")
    next_step(page)
    expect(page.locator("#comment-error")).to_contain_text("Skriv en synpunkt innan du går vidare.")
    expect(page.locator("#comment")).to_have_attribute("maxlength", "40")
    page.fill("#comment", "Fler vuxna ute på kvällarna")
    next_step(page)
    expect(page.locator("#q-age .step-heading")).to_be_focused()


def test_without_javascript_a_required_comment_is_asked_for(no_script_page: Page, strict_server):
    page = no_script_page
    page.goto(strict_server.url + "/c/demo/?lang=sv")
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"#area-{area}").check()
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("#comment-error")).to_contain_text("Skriv en synpunkt innan du går vidare.")
    assert [] == stored(strict_server)


def test_with_javascript_a_comment_with_a_phone_number_is_warned_about(page: Page, server):
    page.goto(server.url + "/c/demo/?lang=sv")
    next_step(page)
    choose_areas(page)
    next_step(page)
    skip_topic_questions(page)
    page.fill("#comment", PHONE_COMMENT)
    next_step(page)
    # Asked of the comment check service at once, or (when it cannot be asked) of the server
    # when the answer is sent: wait for the one or the other.
    warning = page.locator("#comment-warning")
    expect(warning.or_(page.locator(".progress", has_text="Steg 7 av 9")).first).to_be_visible()
    if warning.is_hidden():
        walk_to_summary(page)
        page.get_by_role("button", name="Skicka svar").click()
    warning = page.locator("#comment-warning")
    expect(warning).to_be_visible()
    expect(warning.get_by_role("link", name="Ändra")).to_be_visible()
    assert [] == stored(server)
    warning.get_by_role("button", name="Skicka ändå").click()
    walk_to_summary(page)
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    [answer] = stored(server)
    assert PHONE_COMMENT == answer.comment


def test_without_javascript_the_warning_offers_to_change_or_send_anyway(no_script_page, server):
    page = no_script_page
    page.goto(server.url + "/c/demo/?lang=sv")
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"#area-{area}").check()
    page.fill("#comment", PHONE_COMMENT)
    page.get_by_role("button", name="Skicka svar").click()
    warning = page.locator("#comment-warning")
    expect(warning).to_contain_text("ett telefonnummer")
    assert [] == stored(server)
    warning.get_by_role("link", name="Ändra").click()
    expect(page.locator("#comment")).to_be_focused()
    page.fill("#comment", "Mer belysning vid busshållplatsen")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    [answer] = stored(server)
    assert "Mer belysning vid busshållplatsen" == answer.comment


def test_without_javascript_send_anyway_keeps_the_comment(no_script_page, server):
    page = no_script_page
    page.goto(server.url + "/c/demo/?lang=sv")
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"#area-{area}").check()
    page.fill("#comment", PHONE_COMMENT)
    page.get_by_role("button", name="Skicka svar").click()
    page.locator("#comment-warning").get_by_role("button", name="Skicka ändå").click()
    expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    [answer] = stored(server)
    assert PHONE_COMMENT == answer.comment


def test_without_javascript_an_answer_can_be_taken_back(no_script_page: Page, server):
    page = no_script_page
    page.goto(server.url + "/c/demo/?lang=sv")
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"#area-{area}").check()
    page.locator("#q-age-20-34").check()
    page.locator("#q-age-none").check()
    page.locator("#q-district-prefer-not-to-say").check()
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    [answer] = stored(server)
    assert {"district": "prefer-not-to-say"} == dict(answer.answers)
