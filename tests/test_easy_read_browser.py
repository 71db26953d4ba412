"""Lättläst in Chromium: the web survey, with and without JavaScript, offers the easy-to-read
texts beside the languages, keeps them through the walk and records the answer as given so;
the kiosk by touch; axe-core with Lättläst on, right to left."""

from __future__ import annotations

from dataclasses import replace

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from campaigns import SAMPLE_DIR
from tests.kiosk_helpers import KIOSK, next_step, stored, wait_for_stored
from tests.live_server import LiveServer
from tests.test_accessibility_axe import WCAG_21_AA
from tests.test_web_survey_browser import expect_thanks, past_the_topic_questions

EASY_TITLE = "Ett test: Trygg och säker"


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def test_without_javascript_lattlast_is_kept_to_the_thanks_and_recorded(
    no_script_page: Page, server
):
    page = no_script_page
    page.goto(server.url + "/c/demo/?lang=sv")
    expect(page.locator("h1")).to_have_text("Demo: Trygg och säker")
    page.locator("#area-violence-public").check()
    easy = page.get_by_role("button", name="Lättläst")
    expect(easy).to_have_attribute("aria-pressed", "false")
    easy.click()
    expect(easy).to_have_attribute("aria-pressed", "true")
    expect(page.locator("h1")).to_have_text(EASY_TITLE)
    expect(page.locator("label[for=area-violence-public]")).to_have_text(
        "Våld ute på gator och torg"
    )
    expect(page.locator("#area-violence-public")).to_be_checked()
    expect(page.locator("#areas-hint")).to_contain_text("Välj dem som är viktigast för dig.")
    # An error on the way keeps it.
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("h1")).to_have_text(EASY_TITLE)
    page.locator("#area-unsafe-places").check()
    page.locator("#area-traffic").check()
    page.locator("#q-age-20-34").check()
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    expect(page.locator("main")).to_contain_text("Svaren i det här testet används inte på riktigt.")
    expect(page.locator("main")).to_contain_text("Brott i trafiken")
    expect(page.locator(".campaign-title")).to_have_text(EASY_TITLE)
    [answer] = stored(server)
    assert ("web", "sv", True) == (answer.channel, answer.locale, answer.easy_read)
    # Remembered like the language: the next visit starts in Lättläst.
    assert "1" == next(c["value"] for c in page.context.cookies() if c["name"] == "easy")
    page.goto(server.url + "/c/demo/")
    expect(page.locator("h1")).to_have_text(EASY_TITLE)


def test_without_javascript_lattlast_is_offered_only_where_the_campaign_has_it(
    no_script_page: Page, server
):
    page = no_script_page
    page.goto(server.url + "/c/demo/?lang=en&easy=1")
    expect(page.locator("h1")).to_have_text("Demo: Safe and secure")
    expect(page.locator(".easy-read")).to_have_count(0)
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"#area-{area}").check()
    page.get_by_role("button", name="Send answer").click()
    expect(page.locator("h1")).to_have_text("Thank you for your answer!")
    [answer] = stored(server)
    assert ("en", False) == (answer.locale, answer.easy_read)
    # Turned off again, it stays off.
    page.goto(server.url + "/c/demo/?lang=sv")
    expect(page.locator("h1")).to_have_text(EASY_TITLE)
    page.get_by_role("button", name="Lättläst").click()
    expect(page.locator("h1")).to_have_text("Demo: Trygg och säker")
    page.goto(server.url + "/c/demo/?lang=sv")
    expect(page.locator("h1")).to_have_text("Demo: Trygg och säker")


def test_with_javascript_lattlast_is_kept_step_by_step_and_recorded(page: Page, server):
    page.goto(server.url + "/c/demo/?lang=sv")
    page.get_by_role("button", name="Nästa").click()
    page.get_by_role("button", name="Lättläst").click()
    expect(page.locator("h1")).to_have_text(EASY_TITLE)
    # The walk goes on at the step it was on.
    expect(page.locator("#areas .step-heading")).to_be_visible()
    for area in ("violence-public", "unsafe-places", "traffic"):
        page.locator(f"label[for=area-{area}]").click()
    page.get_by_role("button", name="Nästa").click()
    expect(page.locator(".step.current")).to_contain_text("Hur trygg känner du dig då?")
    past_the_topic_questions(page)
    expect(page.locator(".step.current h2")).to_have_text(
        "Vill du skriva något till polisen och kommunen?"
    )
    for step in (7, 8, 9):
        page.locator(".step.current").get_by_role("button", name="Nästa").click()
        expect(page.locator(".progress")).to_have_text(f"Steg {step} av 9")
    expect(page.locator(".summary")).to_contain_text("Platser där du känner dig rädd")
    page.get_by_role("button", name="Skicka svar").click()
    expect_thanks(page, "Tack för ditt svar!")
    expect(page.locator("#thanks")).to_contain_text("Ibland frågar polisen och kommunen")
    [answer] = stored(server)
    assert ("web", "sv", True) == (answer.channel, answer.locale, answer.easy_read)


def test_the_kiosk_offers_lattlast_by_touch_and_the_next_resident_starts_without(
    page: Page, server
):
    page.clock.install()
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    expect(page.locator(".easy-read")).to_have_count(1)  # Swedish only: the demo's easy texts
    page.get_by_role("button", name="Lättläst").tap()
    expect(page.locator("h1")).to_have_text(EASY_TITLE)
    expect(page.locator(".screen-intro .note")).to_have_text(
        "Vi vet inte vem du är. Vi sparar inte ditt namn."
    )
    next_step(page)
    expect(page.locator("h1")).to_have_text(
        "Vilka problem ska polisen och kommunen arbeta mest med?"
    )
    expect(page.locator(".tile").nth(0)).to_contain_text("Våld ute på gator och torg")
    for index in (0, 1, 2):
        page.locator(".tile").nth(index).tap()
    next_step(page)
    expect(page.locator("h1")).to_contain_text("Hur trygg känner du dig då?")
    # Nobody touches the screen: the next resident starts in the first language, plain.
    page.clock.run_for(61_000)
    expect(page.locator(".screen-attract")).to_be_visible()
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    expect(page.locator("h1")).to_have_text("Demo: Trygg och säker")
    quick_from_intro(page)
    page.get_by_role("button", name="Lättläst").tap()
    expect(page.locator("h1")).to_have_text(EASY_TITLE)
    quick_from_intro(page)
    plain, easy = sorted(wait_for_stored(server, 2), key=lambda answer: answer.easy_read)
    assert (False, True) == (plain.easy_read, easy.easy_read)


def quick_from_intro(page: Page) -> None:
    """From the intro: three areas, every optional step skipped, sent, and the thanks closed;
    back on the attract screen, tapped."""
    next_step(page)
    for index in (0, 1, 2):
        page.locator(".tile").nth(index).tap()
    for _ in range(10):
        next_step(page)
        if page.locator(".screen-thanks").count():
            break
    page.locator(".screen-thanks .primary").tap()
    page.locator(".screen-attract").tap()


@pytest.fixture
def arabic_easy_server(tmp_path, settings):
    """The demo with an easy-to-read Arabic title and intro beside its easy Swedish."""
    text = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8")
    text = text.replace(
        'ar = """نسخة تجريبية: آمن ومطمئن"""',
        'ar = """نسخة تجريبية: آمن ومطمئن"""\nar-easy = """تجربة: الأمان في مدينتك"""',
    )
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "demo.toml").write_text(text, encoding="utf-8")
    with LiveServer(replace(settings, campaigns_dir=folder)) as live:
        yield live


def test_axe_finds_nothing_with_lattlast_on_right_to_left(page: Page, arabic_easy_server):
    server = arabic_easy_server
    page.route("**/static/survey.js*", lambda route: route.abort())  # the form without a script
    page.goto(server.url + "/c/demo/?lang=ar")
    page.locator(".easy-read button").click()
    expect(page.locator("h1")).to_have_text("تجربة: الأمان في مدينتك")
    expect(page.locator(".easy-read button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    results = Axe().run(page, options=WCAG_21_AA)
    assert 0 == results.violations_count, results.generate_report()
