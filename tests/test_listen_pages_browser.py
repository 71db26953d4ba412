"""Lyssna on the promise and results pages, and axe-core with its buttons on show (web
survey, kiosk, promise, results) in Swedish and in Arabic: no WCAG 2.1 A or AA violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from storage.publication import publish
from tests.fake_clock import FakeClock
from tests.listen_support import plays_recording, recording_plays, spoken, with_voices
from tests.live_server import LiveServer
from tests.promise_support import NOW, import_samples

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


class PublishedServer(LiveServer):
    """The product on a fixed day: the sample promises imported, the demo's results published."""

    def _build(self):
        self.parts = assemble(self.settings)
        self.parts.store.call(import_samples, write=True)
        self.parts.store.call(lambda db: publish(db, "demo", "test", NOW), write=True)
        self.parts.clock = FakeClock(NOW)
        return build_app(self.parts)


@pytest.fixture
def server(settings):
    with PublishedServer(settings) as live:
        yield live


def violations(page: Page) -> list[str]:
    found = Axe().run(page, options=WCAG_21_AA).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in found]


@pytest.mark.parametrize(("lang", "tag"), [("sv", "sv-SE"), ("ar", "ar")])
def test_each_section_of_a_promise_is_read_aloud(page: Page, server, lang, tag):
    with_voices(page, tag)
    page.goto(f"{server.url}/p/demo/?lang={lang}")
    for section in ("said", "promised", "progress"):
        heading = page.locator(f"#{section}-heading").inner_text()
        page.locator(f"#{section} .listen").click()
        said = spoken(page)[-1]
        assert (tag, True) == (said["lang"], heading in said["text"])
    assert [] == violations(page)


def test_the_promise_plays_the_servers_recording_without_a_voice(page: Page, server):
    with_voices(page)
    page.goto(f"{server.url}/p/demo/?lang=sv")
    listen = page.locator("#promised .listen")
    expect(listen).to_have_attribute("data-way", "recorded")
    plays_recording(page, listen)


@pytest.mark.parametrize(("lang", "tag"), [("sv", "sv-SE"), ("ar", "ar")])
def test_the_published_ranking_is_read_aloud(page: Page, server, lang, tag):
    with_voices(page, tag)
    page.goto(f"{server.url}/c/demo/results?lang={lang}")
    page.locator("main .listen").click()
    said = spoken(page)[-1]
    first_area = page.locator("#ranking tbody th").first.inner_text()
    assert (tag, True) == (said["lang"], first_area in said["text"])
    assert [] == violations(page)


def test_the_results_play_the_servers_recording_without_a_voice(page: Page, server):
    with_voices(page)
    page.goto(f"{server.url}/c/demo/results?lang=ar")
    with page.expect_response(lambda r: "/results/speech/ar" in r.url) as answered:
        page.locator("main .listen").click()
    assert 200 == answered.value.status
    recording_plays(page)


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_survey_and_the_kiosk_with_lyssna_are_accessible(page: Page, server, lang):
    page.goto(f"{server.url}/c/demo/?lang={lang}")
    expect(page.locator(".step.current .listen")).to_be_visible()
    assert [] == violations(page)
    page.goto(server.url + "/kiosk/demo/?source=mitt-i-city")
    page.locator(".screen-attract").tap()
    page.locator(f".screen-language [lang={lang}]:not(.easy-read)").tap()
    expect(page.locator(".bar .listen")).to_be_visible()
    page.locator(".bar .listen").tap()
    expect(page.locator(".bar .listen")).to_have_attribute("aria-pressed", "true")
    assert [] == violations(page)
