"""A resident answers a required scale and a multi in Chromium, as they would: the web
survey with JavaScript, the same form without it, and the kiosk by touch. Each stored
answer is checked in the store; the required scale cannot be left out on any of them, and
axe-core finds nothing on the new screens in Swedish and Arabic."""

from __future__ import annotations

from dataclasses import replace

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.kinds_campaign import kinds_folder
from tests.kiosk_helpers import next_step as kiosk_next
from tests.kiosk_helpers import stored, wait_for_stored
from tests.live_server import LiveServer

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AREAS = ("violence-public", "unsafe-places", "traffic")
REQUIRED = "Svara på frågan innan du går vidare."
TOO_MANY = "Du kan välja högst 3 alternativ."
axe = Axe()


@pytest.fixture
def server(settings, tmp_path):
    folder = kinds_folder(tmp_path / "campaigns")
    with LiveServer(replace(settings, campaigns_dir=folder)) as live:
        yield live


def violations(page: Page) -> list[str]:
    found = axe.run(page, options=WCAG_21_AA).response["violations"]
    return [f"{v['id']}: {', '.join(n['target'][0] for n in v['nodes'][:3])}" for v in found]


def current(page: Page):
    return page.locator(".step.current")


def web_next(page: Page) -> None:
    current(page).locator(".step-nav .primary").click()


def web_to_the_scale(page: Page, server, lang: str = "sv") -> None:
    page.goto(f"{server.url}/c/kinds/?lang={lang}")
    web_next(page)
    for area in AREAS:
        page.locator(f"label[for=area-{area}]").click()
    web_next(page)
    expect(page.locator("#q-safe-evening")).to_be_visible()


def test_the_web_survey_with_a_script_asks_a_scale_and_a_multi(page: Page, server):
    web_to_the_scale(page, server)
    # Required: no skip, and Next without an answer says so beside the question.
    expect(current(page).get_by_role("button", name="Hoppa över")).to_have_count(0)
    expect(page.locator("#q-safe-evening-hint")).to_have_text("Obligatorisk fråga")
    web_next(page)
    expect(page.locator("#q-safe-evening-error")).to_contain_text(REQUIRED)
    expect(page.locator("#q-safe-evening")).to_be_visible()
    page.locator("label[for=q-safe-evening-rather-safe]").click()
    web_next(page)
    # The multi: at most three; a fourth tick is undone and said.
    expect(page.locator("#q-when-unsafe-pick")).to_have_text("Välj 1–3.")
    for option in ("day", "evening", "night", "weekends"):
        page.locator(f"label[for=q-when-unsafe-{option}]").click()
    expect(page.locator("#q-when-unsafe-error")).to_contain_text(TOO_MANY)
    expect(page.locator("#q-when-unsafe-weekends")).not_to_be_checked()
    page.locator("label[for=q-when-unsafe-day]").click()
    web_next(page)
    current(page).get_by_role("button", name="Hoppa över").click()  # no comment
    current(page).get_by_role("button", name="Hoppa över").click()  # age
    current(page).get_by_role("button", name="Hoppa över").click()  # district
    summary = page.locator(".summary")
    expect(summary.locator('[data-summary="q-when-unsafe"]')).to_have_text("Kväll, Natt")
    # A change from the summary returns to the summary.
    page.locator('[data-change="question:when-unsafe"] .change').click()
    page.locator("label[for=q-when-unsafe-day]").click()
    expect(current(page).locator(".step-nav .primary")).to_have_text("Nästa")
    web_next(page)
    expect(summary.locator('[data-summary="q-when-unsafe"]')).to_have_text("Dag, Kväll, Natt")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    [answer] = stored(server, "kinds")
    assert ("web", AREAS) == (answer.channel, answer.areas)
    assert {"safe-evening": "rather-safe", "when-unsafe": ["day", "evening", "night"]} == dict(
        answer.answers
    )


def test_the_form_without_a_script_refuses_a_missing_scale_and_skips_an_empty_multi(
    no_script_page: Page, server
):
    page = no_script_page
    page.goto(server.url + "/c/kinds/?lang=sv")
    for area in AREAS:
        page.locator(f"#area-{area}").check()
    page.locator("#q-when-unsafe-night").check()
    page.get_by_role("button", name="Skicka svar").click()
    # Refused: the problem beside the scale, linked from the summary; the tick kept.
    expect(page.locator("#q-safe-evening-error")).to_contain_text(REQUIRED)
    expect(page.locator("#error-summary a")).to_have_attribute(
        "href", "#q-safe-evening-very-unsafe"
    )
    expect(page.locator("#q-when-unsafe-night")).to_be_checked()
    assert [] == stored(server, "kinds")
    page.locator("#q-safe-evening-dont-know").check()
    page.locator("#q-when-unsafe-night").uncheck()  # nothing ticked: the multi skipped
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    [answer] = stored(server, "kinds")
    assert ("web", {"safe-evening": "dont-know"}) == (answer.channel, dict(answer.answers))


def kiosk_to_the_scale(page: Page, server, language: str = "svenska") -> None:
    page.goto(server.url + "/kiosk/kinds/?source=bibliotek")
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name=language).tap()
    kiosk_next(page)
    for index in (0, 1, 6):
        page.locator(".tile").nth(index).tap()
    kiosk_next(page)
    expect(page.locator(".screen-choice .choices.scale")).to_be_visible()


def test_the_kiosk_asks_a_scale_and_a_multi_by_touch(page: Page, server):
    kiosk_to_the_scale(page, server)
    screen = page.locator(".screen-choice")
    expect(screen.locator(".hint")).to_have_text("Välj ett svar för att gå vidare.")
    kiosk_next(page)
    expect(screen.locator(".notice")).to_have_text("Välj ett av svaren först.")
    expect(screen.locator("h1")).to_contain_text("Hur trygg")
    page.get_by_role("button", name="Mycket trygg").tap()
    kiosk_next(page)
    expect(screen.locator(".hint.pick")).to_have_text("Välj 1–3.")
    for label in ("Natt", "Dag", "Helger", "Kväll"):
        page.get_by_role("button", name=label).tap()
    expect(screen.locator(".notice")).to_have_text(TOO_MANY)
    expect(page.get_by_role("button", name="Kväll")).to_have_attribute("aria-pressed", "false")
    for _ in range(4):  # the multi, the comment, age and district
        kiosk_next(page)
    expect(page.locator(".screen-confirm .summary")).to_contain_text("Dag, Natt, Helger")
    kiosk_next(page)
    expect(page.locator(".screen-thanks h1")).to_have_text("Tack för ditt svar!")
    page.locator(".screen-thanks .primary").tap()
    # The next resident: "Vet inte" on the scale, the multi left empty.
    kiosk_to_the_scale(page, server)
    page.get_by_role("button", name="Vet inte").tap()
    kiosk_next(page)
    page.get_by_role("button", name="Dag").tap()
    page.get_by_role("button", name="Dag").tap()  # untick: nothing ticked is a skip
    while page.locator(".screen-confirm").count() == 0:
        kiosk_next(page)
    kiosk_next(page)
    expect(page.locator(".screen-thanks h1")).to_be_visible()
    found = wait_for_stored(server, 2, campaign="kinds")
    first, second = sorted(found, key=lambda r: len(r.answers))
    assert ("kiosk", "bibliotek") == (first.channel, first.source)
    expected = {"safe-evening": "very-safe", "when-unsafe": ["day", "night", "weekends"]}
    assert [{"safe-evening": "dont-know"}, expected] == [dict(first.answers), dict(second.answers)]


@pytest.mark.parametrize(("lang", "language"), [("sv", "svenska"), ("ar", "العربية")])
def test_the_new_screens_are_accessible(page: Page, server, browser: Browser, lang, language):
    found = {}
    web_to_the_scale(page, server, lang)
    web_next(page)  # refused: the error beside the scale
    expect(page.locator("#q-safe-evening-error")).to_be_visible()
    found["web scale"] = violations(page)
    page.locator("label[for=q-safe-evening-rather-safe]").click()
    web_next(page)
    for option in ("day", "evening", "night", "weekends"):
        page.locator(f"label[for=q-when-unsafe-{option}]").click()
    expect(page.locator("#q-when-unsafe-error")).to_be_visible()
    found["web multi"] = violations(page)
    # The form as it works without a script (axe itself needs one), with the server's errors.
    page.route("**/static/survey.js*", lambda route: route.abort())
    page.goto(f"{server.url}/c/kinds/?lang={lang}")
    page.locator("#q-when-unsafe-day").check()
    page.locator("button[type=submit].primary").click()
    expect(page.locator("#q-safe-evening-error")).to_be_visible()
    found["form"] = violations(page)
    page.unroute("**/static/survey.js*")
    kiosk_to_the_scale(page, server, language)
    found["kiosk scale"] = violations(page)
    page.locator(".screen-choice .choice").nth(1).tap()
    kiosk_next(page)
    for index in range(4):
        page.locator(".screen-choice .tile").nth(index).tap()
    expect(page.locator(".screen-choice .tile[aria-pressed=true]")).to_have_count(3)
    found["kiosk multi"] = violations(page)
    assert {} == {screen: problems for screen, problems in found.items() if problems}
