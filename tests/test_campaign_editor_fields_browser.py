"""The campaign editor in Chromium shows each question only the fields its kind takes: `min`
and `max` for several picks, "not a point on the scale" for a scale's options; a changed kind
shows its own. Without a script every field shows (the server names one a kind takes not,
tests/test_campaign_editor_kinds.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from storage.staff import add_staff
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD

# The demo's questions, as the editor numbers them.
AGE, SCALE, MULTI = "question-0", "question-2", "question-3"


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        live.parts.store.call(add_staff, "ada", _HASH, "admin", write=True)
        yield live


def log_in(page: Page, url: str) -> None:
    """Logged in, at the editor of a draft copied from the demo (the demo's own comes from a
    file, and is shown but not edited)."""
    page.goto(f"{url}/staff/login")
    page.get_by_label("Användarnamn").fill("ada")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{url}/staff/campaigns/")
    page.locator("#c-source").select_option("demo")
    page.get_by_label("Den nya omgångens id").fill("demo-copy")
    page.get_by_role("button", name="Skapa ny omgång").click()
    expect(page.locator("#save-campaign")).to_be_visible()


def sent(field) -> bool:
    return field.is_enabled()


def fields(page: Page, question: str):
    return (
        page.locator(f"#f-{question}-min"),
        page.locator(f"#f-{question}-max"),
        page.locator(f"#f-{question}-option-0-scored"),
    )


def test_each_question_shows_the_fields_of_its_kind(page: Page, server):
    log_in(page, server.url)
    low, high, unscored = fields(page, AGE)  # one pick: none of them
    for field in (low, high, unscored):
        expect(field).to_be_hidden()
        assert not sent(field)
    low, high, unscored = fields(page, SCALE)
    expect(low).to_be_hidden()
    expect(high).to_be_hidden()
    expect(unscored).to_be_visible()
    low, high, unscored = fields(page, MULTI)
    expect(low).to_be_visible()
    assert sent(high)
    expect(unscored).to_be_hidden()
    page.locator(f"#f-{AGE}-kind").select_option("multi")  # a changed kind shows its own
    low, high, unscored = fields(page, AGE)
    expect(low).to_be_visible()
    expect(high).to_be_visible()
    expect(unscored).to_be_hidden()
    page.locator(f"#f-{AGE}-kind").select_option("scale")
    expect(low).to_be_hidden()
    expect(unscored).to_be_visible()
    assert sent(unscored) and not sent(low)


def test_without_a_script_every_field_shows(no_script_page: Page, server):
    log_in(no_script_page, server.url)
    for question in (AGE, SCALE, MULTI):
        for field in fields(no_script_page, question):
            expect(field).to_be_visible()


def test_a_hidden_field_is_not_sent(page: Page, server):
    log_in(page, server.url)
    page.locator(f"#f-{AGE}-kind").select_option("multi")
    page.locator(f"#f-{AGE}-min").fill("2")
    page.locator(f"#f-{AGE}-kind").select_option("choice")  # changed back: min is not taken
    page.locator("#save-campaign").click()
    expect(page.locator("#problems")).to_have_count(0)
    expect(page.locator(f"#f-{AGE}-kind")).to_have_value("choice")
    expect(page.locator(f"#f-{AGE}-min")).to_have_value("")
