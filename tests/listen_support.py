"""For the Lyssna tests: a stand-in for the browser's speech synthesis that records what it
is asked to say, with or without a voice for the page's language."""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, Response

# Replaces `window.speechSynthesis` before any script of the page runs.
STAND_IN = """
(() => {
  const voices = %s.map((lang) => ({
    lang, name: `test ${lang}`, voiceURI: `test-${lang}`, default: false, localService: true,
  }));
  const said = { spoken: [], cancels: 0 };
  window.__speech = said;
  const synth = new EventTarget();
  synth.getVoices = () => voices.slice();
  synth.speak = (utterance) => {
    said.spoken.push({ text: utterance.text, lang: utterance.lang });
    synth.speaking = true;
  };
  synth.cancel = () => {
    said.cancels += 1;
    synth.speaking = false;
  };
  synth.pause = () => {};
  synth.resume = () => {};
  synth.speaking = false;
  synth.pending = false;
  synth.paused = false;
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
})();
"""


def with_voices(page: Page, *langs: str) -> Page:
    """The page's speech synthesis offers a voice for each of `langs` (none: no voice)."""
    page.add_init_script(STAND_IN % json.dumps(list(langs)))
    return page


def spoken(page: Page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


def cancels(page: Page) -> int:
    return page.evaluate("window.__speech.cancels")


def recording_plays(page: Page) -> None:
    """Wait until the page's recording is playing (or played through) with a duration."""
    page.wait_for_function(
        """() => {
          const audio = document.querySelector("audio.listen-audio");
          return audio && audio.duration > 0 && (audio.currentTime > 0 || !audio.paused);
        }"""
    )


def plays_recording(page: Page, listen: Locator) -> Response:
    """Press a Lyssna button with no voice at hand: the server's recording is fetched (as
    WAV) and plays. Returns the recording's response."""
    with page.expect_response(lambda r: "/speech/" in r.url) as answered:
        listen.click()
    response = answered.value
    assert (200, "audio/wav") == (response.status, response.header_value("content-type"))
    recording_plays(page)
    return response
