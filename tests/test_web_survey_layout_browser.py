"""The web survey's first step does not move when survey.js takes the form over: the page
comes as the script shows it (one step, its progress and its buttons), in Chromium. Held
back, the script arrives after the first step was measured; the step's boxes are where they
were, and the layout shifts Chromium reports add up to less than 0.1 (Lighthouse's "good")."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.live_server import LiveServer

BOXES = ".step.current .step-heading, .step.current .step-nav, .progress, .site-footer"
# Every layout shift since the page began, as Chromium reports them: those delivered, and
# those the observer holds yet.
WATCH_SHIFTS = """() => {
  window.shifts = [];
  window.shiftObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.shifts.push(entry.value);
  });
  window.shiftObserver.observe({ type: "layout-shift", buffered: true });
}"""
# The page as a browser first paints it: every stylesheet in, and the fonts with them (a
# script may measure before then; a browser does not paint before then).
STYLED = """() => document.fonts.status === "loaded"
  && [...document.querySelectorAll("link[rel=stylesheet]")].every((link) => link.sheet)"""
SHIFTS = "() => window.shifts.concat(window.shiftObserver.takeRecords().map((e) => e.value))"


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def boxes(page: Page) -> list[dict]:
    return page.locator(BOXES).evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().toJSON())"
    )


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_first_step_stays_put_when_the_script_starts(page: Page, server, lang):
    page.set_viewport_size({"width": 412, "height": 823})  # a phone, as Lighthouse's
    held: list[Route] = []
    page.route("**/static/survey.js*", lambda route: held.append(route))
    page.goto(f"{server.url}/c/demo/?lang={lang}", wait_until="commit")
    expect(page.locator(".step.current .step-heading")).to_be_visible()
    page.wait_for_function(STYLED)
    before = boxes(page)
    assert 4 == len(before)
    assert [] == page.locator("#survey input[name=step]").all()  # not taken over yet
    assert 1 == len(held)
    page.evaluate(WATCH_SHIFTS)
    held[0].continue_()
    expect(page.locator("#survey input[name=step]")).to_be_attached()  # the script's own
    assert before == boxes(page)
    assert sum(page.evaluate(SHIFTS)) < 0.1
    page.locator(".step.current").get_by_role("button").last.click()  # and it walks on
    expect(page.locator('.step.current[data-step="areas"]')).to_be_visible()


def test_without_a_script_the_whole_form_shows_without_the_walks_buttons(
    no_script_page: Page, server
):
    no_script_page.goto(f"{server.url}/c/demo/?lang=sv")
    for step in no_script_page.locator("#survey .step").all():
        expect(step).to_be_visible()
    expect(no_script_page.locator(".progress")).to_be_hidden()
    expect(no_script_page.locator("[data-nav]").first).to_be_hidden()
    expect(no_script_page.get_by_role("button", name="Skicka svar")).to_be_visible()


def test_when_the_script_does_not_come_the_whole_form_shows(page: Page, server):
    page.route("**/static/survey.js*", lambda route: route.abort())  # a network failure
    page.goto(f"{server.url}/c/demo/?lang=sv")
    for step in page.locator("#survey .step").all():
        expect(step).to_be_visible()
    expect(page.locator(".progress")).to_be_hidden()
    expect(page.locator("[data-nav]").first).to_be_hidden()
    page.locator("label[for=area-traffic]").click()  # answered as without a script
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.locator("#error-summary")).to_be_visible()
