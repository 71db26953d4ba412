"""The published results in Chromium, as a reader sees them: the Karlstad replay published
from the command line, in Swedish and in Arabic (right to left), printable, and with no
WCAG 2.1 A/AA violation that axe-core finds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.karlstad_replay import SEED_ORDER, store_replay
from tests.live_server import LiveServer

pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent
PUBLISH = (sys.executable, "-m", "medborgardialog", "results", "publish")
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def published(settings):
    """The server, with Karlstad's 813 answers, published by `medborgardialog results`."""
    with LiveServer(settings) as server:
        server.parts.store.call(store_replay, write=True)
        done = subprocess.run(
            [*PUBLISH, "karlstad-2016", "--db", str(settings.db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert 0 == done.returncode, done.stderr
        yield server


def labels(campaigns, lang: str) -> list[str]:
    campaign = campaigns["karlstad-2016"]
    return [campaign.text(campaign.area(a).label, lang) for a in SEED_ORDER]


def test_the_seed_ranking_in_swedish(page: Page, published, campaigns):
    page.goto(f"{published.url}/c/karlstad-2016/results?lang=sv")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "813 personer var med och tyckte till"
    )
    ranking = page.locator("#ranking tbody th")
    expect(ranking).to_have_text(labels(campaigns, "sv"))
    expect(page.locator("#ranking tbody tr").first).to_contain_text("520")
    channels = page.locator("table.channels")
    expect(channels).to_contain_text("Mitt i City")
    expect(channels).to_contain_text("KCCC")
    expect(
        page.get_by_text("268 personer kom med ytterligare förslag och synpunkter.")
    ).to_be_visible()


def test_the_seed_ranking_in_arabic_right_to_left(page: Page, published, campaigns):
    page.goto(f"{published.url}/c/karlstad-2016/results?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#ranking tbody th")).to_have_text(labels(campaigns, "ar"))
    api = page.request.get(f"{published.url}/api/v1/campaigns/karlstad-2016/results")
    assert list(SEED_ORDER) == [row["area"] for row in api.json()["tally"]]


def test_the_results_page_prints_on_a4(page: Page, published):
    page.goto(f"{published.url}/c/karlstad-2016/results?lang=sv")
    page.emulate_media(media="print")
    expect(page.locator(".languages")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_no_wcag_violation_on_the_published_results(page: Page, published, lang):
    page.goto(f"{published.url}/c/karlstad-2016/results?lang={lang}")
    results = Axe().run(page, options=WCAG_21_AA)
    assert 0 == results.violations_count, results.generate_report()
