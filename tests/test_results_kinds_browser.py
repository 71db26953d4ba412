"""The published results of a campaign with every question kind, in Chromium, in Swedish
and Arabic: the public questions as tables and no WCAG 2.1 A/AA violation axe-core finds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from storage.publication import publish
from storage.responses import save_response
from storage.staff import add_staff
from tests.kinds_campaign import kinds_campaign_text
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD
from tests.test_results_page_kinds import responses

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def published(settings, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "kinds.toml").write_text(kinds_campaign_text(), encoding="utf-8")
    with LiveServer(replace(settings, campaigns_dir=folder)) as server:
        store = server.parts.store

        def seed(db):
            for response in responses():
                save_response(db, response)
            publish(db, "kinds", "anna", datetime.now(UTC))

        store.call(seed, write=True)
        yield server


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_public_questions_are_tables_without_violations(page: Page, published, lang):
    page.goto(f"{published.url}/c/kinds/results?lang={lang}")
    scale = page.locator("table#question-safe-evening")
    expect(scale).to_be_visible()
    expect(page.locator("#mean-safe-evening")).to_be_visible()
    if lang == "sv":
        expect(page.get_by_role("table", name="Hur trygg känner du dig")).to_be_visible()
        expect(scale.get_by_role("row", name="Ganska trygg 6")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert 0 == results.violations_count, results.generate_report()


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_staff_pages_of_every_kind_without_violations(page: Page, published, lang):
    published.parts.store.call(add_staff, "ada", _HASH, "admin", write=True)
    page.goto(f"{published.url}/staff/login")
    page.get_by_label("Användarnamn").fill("ada")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.locator("#staff-language").select_option(lang)
    page.locator("form.language button").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    found = {}
    for path in ("/staff/c/kinds/", "/staff/c/kinds/paper", "/staff/campaigns/kinds/"):
        page.goto(f"{published.url}{path}")
        results = Axe().run(page, options=WCAG_21_AA)
        found[path] = [v["id"] for v in results.response["violations"]]
    assert {} == {path: problems for path, problems in found.items() if problems}
    page.goto(f"{published.url}/staff/c/kinds/")
    expect(page.locator("#question-safe-evening-channels")).to_be_visible()
