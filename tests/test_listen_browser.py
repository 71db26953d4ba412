"""Lyssna in Chromium: the web survey's steps, the kiosk's screens, the promise and the
results pages read aloud by the browser's voice (a stand-in that records what it is asked to
say), or, without a voice, by the server's espeak-ng recording; no button without either."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect

from tests.listen_support import cancels, plays_recording, recording_plays, spoken, with_voices
from tests.live_server import LiveServer


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


@pytest.mark.parametrize(("lang", "tag"), [("sv", "sv-SE"), ("ar", "ar")])
def test_the_web_survey_speaks_each_step_in_the_pages_language(page: Page, server, lang, tag):
    with_voices(page, "sv-SE", "en-GB", "ar", "fi-FI")
    page.goto(f"{server.url}/c/demo/?lang={lang}")
    step = page.locator(".step.current")
    heading = step.locator(".step-heading").inner_text()
    step.locator(".listen").click()
    expect(step.locator(".listen")).to_have_attribute("aria-pressed", "true")
    said = spoken(page)[-1]
    assert tag == said["lang"]
    assert heading in said["text"]
    # The next step has its own text, and leaving a step stops the reading.
    before = cancels(page)
    step.locator(".primary").click()
    assert cancels(page) > before
    step = page.locator(".step.current")
    heading = step.locator(".step-heading").inner_text()
    step.locator(".listen").click()
    said = spoken(page)[-1]
    assert (tag, True) == (said["lang"], heading in said["text"])
    assert "areas" == step.get_attribute("data-step")


def test_without_a_voice_the_survey_plays_the_servers_recording(page: Page, server):
    with_voices(page)
    page.goto(f"{server.url}/c/demo/?lang=sv")
    listen = page.locator(".step.current .listen")
    expect(listen).to_have_attribute("data-way", "recorded")
    response = plays_recording(page, listen)
    assert response.url.endswith("/api/v1/campaigns/demo/speech/sv/intro")
    assert [] == spoken(page)


def test_without_a_voice_or_espeak_there_is_no_button(page: Page, settings):
    with LiveServer(replace(settings, espeak=None)) as live:
        with_voices(page)
        page.goto(f"{live.url}/c/demo/?lang=sv")
        listen = page.locator(".step.current .listen")
        expect(listen).to_have_attribute("data-way", "none")
        expect(listen).to_be_hidden()


def test_the_kiosk_reads_by_touch_and_stops_at_a_tap_elsewhere_or_the_reset(page: Page, server):
    with_voices(page, "sv-SE", "ar")
    page.clock.install()
    page.goto(server.url + "/kiosk/demo/?source=mitt-i-city")
    page.locator(".screen-attract").tap()
    # On the language step already, in the same place as on every step.
    expect(page.locator(".bar .listen")).to_be_visible()
    page.get_by_role("button", name="العربية").tap()
    listen = page.locator(".bar .listen")
    listen.tap()
    said = spoken(page)[-1]
    assert "ar" == said["lang"]
    assert page.locator(".screen h1").inner_text() in said["text"]
    before = cancels(page)
    page.locator(".screen h1").tap()  # anywhere else
    assert cancels(page) > before
    expect(listen).to_have_attribute("aria-pressed", "false")
    listen.tap()
    before = cancels(page)
    page.clock.run_for(61_000)  # no touch: the idle question, then the reset
    expect(page.locator(".screen-attract")).to_be_visible()
    assert cancels(page) > before


def test_the_kiosk_plays_the_recording_and_a_tap_elsewhere_pauses_it(page: Page, server):
    with_voices(page)
    page.goto(server.url + "/kiosk/demo/?source=mitt-i-city")
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    listen = page.locator(".bar .listen")
    expect(listen).to_have_attribute("data-way", "recorded")
    with page.expect_response(lambda r: "/speech/sv/" in r.url) as answered:
        listen.tap()
    assert 200 == answered.value.status
    recording_plays(page)
    page.locator(".screen h1").tap()
    page.wait_for_function("document.querySelector('audio.listen-audio').paused")
    expect(listen).to_have_attribute("aria-pressed", "false")


def test_in_lattlast_the_kiosk_and_the_survey_read_the_easy_texts(page: Page, server):
    with_voices(page, "sv-SE")
    page.goto(server.url + "/kiosk/demo/?source=mitt-i-city")
    page.locator(".screen-attract").tap()
    page.locator(".screen-language .easy-read[lang=sv]").tap()
    page.locator(".bar .listen").tap()
    said = spoken(page)[-1]
    shown = page.locator(".screen h1").inner_text()
    assert ("sv-SE", True) == (said["lang"], shown in said["text"])
    kiosk_data = page.evaluate("JSON.parse(document.getElementById('kiosk-data').textContent)")
    [swedish] = [lang for lang in kiosk_data["languages"] if lang["code"] == "sv"]
    assert said["text"] in swedish["speech_easy"].values()
    assert said["text"] not in swedish["speech"].values()

    with_voices(page)  # no voice: the recording of the easy text
    page.goto(f"{server.url}/c/demo/?lang=sv&easy=1")
    listen = page.locator(".step.current .listen")
    expect(listen).to_have_attribute("data-way", "recorded")
    with page.expect_response(lambda r: "/speech/" in r.url) as answered:
        listen.click()
    assert answered.value.url.endswith("/api/v1/campaigns/demo/speech/sv-easy/intro")
    assert 200 == answered.value.status
