"""The kiosk walks the steps as the server describes them: "Ändra" on the summary returns to
the summary, a skipped question stores no answer, "Vill inte svara" is an answer."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK, next_step, past_topic_questions, wait_for_stored
from tests.kiosk_steps import change_steps, describe_steps, described
from tests.live_server import LiveServer


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def begin(page: Page, server, tiles=(0, 1, 2)) -> None:
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    next_step(page)
    for index in tiles:
        page.locator(".tile").nth(index).tap()
    next_step(page)
    past_topic_questions(page)


def test_a_change_from_the_summary_returns_to_the_summary(page: Page, server):
    describe_steps(page)
    begin(page, server)
    next_step(page)  # no comment
    page.get_by_role("button", name="35–49 år").tap()
    next_step(page)
    next_step(page)  # where you live: skipped
    expect(page.locator(".screen-confirm")).to_be_visible()

    page.get_by_role("button", name="Ändra: Dina områden").tap()
    expect(page.locator(".screen-areas")).to_be_visible()
    expect(page.locator(".nav .primary")).to_have_text("Till sammanfattningen")
    page.locator(".tile").nth(0).tap()
    page.locator(".tile").nth(3).tap()
    next_step(page)
    # Straight back, past the comment and both questions.
    expect(page.locator(".screen-confirm")).to_be_visible()
    expect(page.locator(".summary")).to_contain_text("Stölder och inbrott")

    page.get_by_role("button", name="Ändra: Hur gammal är du?").tap()
    page.get_by_role("button", name="Vill inte svara").tap()
    expect(page.locator(".nav .primary")).to_have_text("Till sammanfattningen")
    next_step(page)
    expect(page.locator(".screen-confirm")).to_be_visible()
    expect(page.locator(".summary")).to_contain_text("Vill inte svara")
    next_step(page)
    [answer] = wait_for_stored(server, 1)
    assert ("unsafe-places", "drugs-alcohol", "theft-burglary") == answer.areas
    # "Prefer not to say" is an answer; the skipped question has none, and no comment.
    assert {"age": "prefer-not-to-say"} == dict(answer.answers)
    assert answer.comment is None


def test_a_question_the_data_marks_required_cannot_be_skipped(page: Page, server):
    def district_required(data: dict) -> dict:
        data = described(data)
        for step in data["campaign"]["steps"]:
            if step["id"] == "question:district":
                step["required"] = True
        return data

    change_steps(page, district_required)
    begin(page, server)
    next_step(page)
    expect(page.locator(".screen-choice .hint")).to_have_text("Frivillig fråga")
    next_step(page)  # age: optional
    expect(page.locator(".screen-choice h1")).to_have_text("Var bor du?")
    expect(page.locator(".screen-choice .hint")).to_have_text("Välj ett svar för att gå vidare.")
    next_step(page)
    expect(page.locator(".screen-choice .notice")).to_have_text("Välj ett av svaren först.")
    expect(page.locator(".screen-choice h1")).to_have_text("Var bor du?")
    page.get_by_role("button", name="Norrstrand").tap()
    next_step(page)
    expect(page.locator(".screen-confirm")).to_be_visible()


def test_prefer_not_to_say_is_set_apart_and_tapping_again_takes_an_answer_back(page: Page, server):
    describe_steps(page)
    begin(page, server)
    next_step(page)
    prefer = page.locator(".choice.prefer-not-to-say")
    expect(prefer).to_have_text("Vill inte svara")
    # Listed last, as the step's options are ordered.
    expect(page.locator(".choice").last).to_have_class("choice prefer-not-to-say")
    age = page.get_by_role("button", name="35–49 år")
    age.tap()
    expect(age).to_have_attribute("aria-pressed", "true")
    age.tap()
    expect(age).to_have_attribute("aria-pressed", "false")
    next_step(page)
    next_step(page)
    next_step(page)
    [answer] = wait_for_stored(server, 1)
    assert {} == dict(answer.answers)


def test_the_comment_step_follows_its_data(page: Page, server):
    def short_required_comment(data: dict) -> dict:
        for step in described(data)["campaign"]["steps"]:
            if step["type"] == "comment":
                step.update(required=True, max_length=40)
        return data

    change_steps(page, short_required_comment)
    begin(page, server)
    expect(page.locator("#comment-hint")).to_have_text("Skriv en synpunkt. Högst 40 tecken.")
    expect(page.locator("#comment")).to_have_attribute("maxlength", "40")
    next_step(page)
    expect(page.locator(".screen-comment .notice")).not_to_be_empty()
    expect(page.locator(".screen-comment")).to_be_visible()
    page.fill("#comment", "Fler vuxna ute på kvällarna.")
    next_step(page)
    expect(page.locator(".screen-choice")).to_be_visible()
