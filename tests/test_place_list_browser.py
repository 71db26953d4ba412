"""The place question as a list of the map's zones (the map's text alternative), in
Chromium: the web survey with and without a script, and the kiosk by touch. Each stored
answer holds the zones ticked; axe-core finds nothing on the list in Swedish and Arabic."""

from __future__ import annotations

from dataclasses import replace

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import next_step as kiosk_next
from tests.kiosk_helpers import stored, wait_for_stored
from tests.live_server import LiveServer
from tests.place_campaign import place_campaign_text

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AREAS = ("violence-public", "unsafe-places", "traffic")
axe = Axe()


@pytest.fixture
def server(settings, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "places.toml").write_text(place_campaign_text(), encoding="utf-8")
    with LiveServer(replace(settings, campaigns_dir=folder)) as live:
        yield live


def current(page: Page):
    return page.locator(".step.current")


def web_next(page: Page) -> None:
    current(page).locator(".step-nav .primary").click()


def test_the_web_survey_lists_the_zones_with_a_script(page: Page, server):
    page.goto(f"{server.url}/c/places/?lang=sv")
    web_next(page)
    for area in AREAS:
        page.locator(f"label[for=area-{area}]").click()
    web_next(page)
    expect(page.locator("#q-unsafe-places")).to_be_visible()
    expect(page.locator("#q-unsafe-places-pick")).to_have_text("Välj 1–3.")
    page.locator("label[for=q-unsafe-places-kronoparken]").click()
    page.locator("label[for=q-unsafe-places-centrum]").click()
    web_next(page)
    while current(page).get_by_role("button", name="Hoppa över").count():
        current(page).get_by_role("button", name="Hoppa över").click()
    summary = page.locator(".summary")
    expect(summary.locator('[data-summary="q-unsafe-places"]')).to_have_text("Centrum, Kronoparken")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    [answer] = stored(server, "places")
    assert [{"zone": "centrum"}, {"zone": "kronoparken"}] == answer.answers["unsafe-places"]


def test_without_a_script_the_list_is_the_question(no_script_page: Page, server):
    page = no_script_page
    page.goto(server.url + "/c/places/?lang=sv")
    for area in AREAS:
        page.locator(f"#area-{area}").check()
    for zone in ("centrum", "norrstrand", "kronoparken"):
        page.locator(f"#q-unsafe-places-{zone}").check()
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    [answer] = stored(server, "places")
    zones = [place["zone"] for place in answer.answers["unsafe-places"]]
    assert ["centrum", "norrstrand", "kronoparken"] == zones


def test_the_kiosk_lists_the_zones_by_touch(page: Page, server):
    page.goto(server.url + "/kiosk/places/?source=bibliotek")
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    kiosk_next(page)
    for index in (0, 1, 6):
        page.locator(".tile").nth(index).tap()
    kiosk_next(page)
    screen = page.locator(".screen-choice")
    expect(screen.locator("h1")).to_contain_text("Var känner du dig otrygg?")
    page.get_by_role("button", name="Norrstrand").tap()
    expect(page.get_by_role("button", name="Norrstrand")).to_have_attribute("aria-pressed", "true")
    while page.locator(".screen-confirm").count() == 0:
        kiosk_next(page)
    expect(page.locator(".screen-confirm .summary")).to_contain_text("Norrstrand")
    kiosk_next(page)
    expect(page.locator(".screen-thanks h1")).to_be_visible()
    [answer] = wait_for_stored(server, 1, campaign="places")
    assert [{"zone": "norrstrand"}] == answer.answers["unsafe-places"]


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_list_of_zones_is_accessible(page: Page, server, lang):
    page.goto(f"{server.url}/c/places/?lang={lang}")
    web_next(page)
    for area in AREAS:
        page.locator(f"label[for=area-{area}]").click()
    web_next(page)
    expect(page.locator("#q-unsafe-places")).to_be_visible()
    found = axe.run(page, options=WCAG_21_AA).response["violations"]
    assert [] == [f"{v['id']}: {v['nodes'][0]['target']}" for v in found]
