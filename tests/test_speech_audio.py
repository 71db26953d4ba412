"""The server's recordings for Lyssna: espeak-ng run once per text and language, kept on
disk under a bound; ids in, never a text; unknown campaigns, steps, sections and languages
refused with a translated 404 or 422; the pages learn where the recordings are."""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from kiosk.app import create_app
from kiosk.config import WebConfig
from kiosk.speech_audio import SPEECH_AUDIO, SpeechAudio
from storage.publication import publish
from survey.speech import easy_reader, step_speech
from survey.walk import step_by_id
from tests.fake_clock import FakeClock
from tests.promise_support import NOW, import_samples

pytestmark = pytest.mark.process  # espeak-ng runs as a subprocess

ESPEAK = shutil.which("espeak-ng")
STEP = "/api/v1/campaigns/demo/speech/sv/areas"


@pytest.fixture
async def make_client(aiohttp_client, store, catalogs, campaigns, tmp_path):
    async def make(espeak: str | None = ESPEAK):
        config = WebConfig(espeak=espeak, speech_folder=tmp_path / "speech")
        app = create_app(config, store, campaigns, catalogs, b"k" * 32, clock=FakeClock(NOW))
        return await aiohttp_client(app)

    store.call(import_samples, write=True)
    return make


async def test_a_step_is_recorded_once_and_kept(make_client, tmp_path, campaigns, catalogs):
    client = await make_client()
    audio = client.app[SPEECH_AUDIO]
    first = await client.get(STEP)
    body = await first.read()
    assert (200, "audio/wav") == (first.status, first.content_type)
    assert body.startswith(b"RIFF") and b"WAVE" in body[:12]
    assert "public, no-cache" == first.headers["Cache-Control"]
    assert 1 == audio.runs
    again = await client.get(STEP)
    assert (body, first.headers["ETag"], 1) == (
        await again.read(),
        again.headers["ETag"],
        audio.runs,
    )
    demo = campaigns["demo"]
    text = step_speech(demo, step_by_id(demo, "areas"), "sv", catalogs.get("sv"))
    assert [f"{audio.key('sv', text)}.wav"] == [p.name for p in (tmp_path / "speech").iterdir()]
    unchanged = await client.get(STEP, headers={"If-None-Match": first.headers["ETag"]})
    assert (304, 1) == (unchanged.status, audio.runs)


async def test_two_requests_for_one_text_wait_for_one_run(make_client):
    client = await make_client()
    answers = await asyncio.gather(*(client.get(STEP) for _ in range(3)))
    assert [200, 200, 200] == [a.status for a in answers]
    assert 1 == client.app[SPEECH_AUDIO].runs


async def test_a_text_in_the_query_is_never_spoken(make_client):
    client = await make_client()
    plain = await client.get(STEP)
    asked = await client.get(STEP, params={"text": "Något annat", "q": "Något annat"})
    assert plain.headers["ETag"] == asked.headers["ETag"]
    assert 1 == client.app[SPEECH_AUDIO].runs


@pytest.mark.parametrize(
    ("path", "status", "code", "message"),
    [
        ("/api/v1/campaigns/nowhere/speech/sv/intro", 404, "campaign.unknown", None),
        ("/api/v1/campaigns/demo/speech/sv/question:nothing", 404, "speech.unknown_step", None),
        (
            "/api/v1/campaigns/demo/speech/de/intro",
            422,
            "speech.language",
            "Reading aloud is not available in that language.",
        ),
        ("/api/v1/promises/demo/speech/sv/elsewhere", 404, "speech.unknown_section", None),
        ("/api/v1/promises/demo/speech/xx/said", 422, "speech.language", None),
        ("/api/v1/promises/nowhere/speech/sv/said", 404, "not_found", None),
        ("/api/v1/campaigns/demo/results/speech/sv", 404, "results.not_published", None),
        ("/api/v1/campaigns/demo/results/speech/xx", 422, "speech.language", None),
        # Lättläst only where there are easy texts: the demo has them in Swedish alone, and
        # the published ranking has no easy page.
        ("/api/v1/campaigns/demo/speech/ar-easy/intro", 422, "speech.language", None),
        ("/api/v1/campaigns/demo/results/speech/sv-easy", 422, "speech.language", None),
    ],
)
async def test_what_is_not_there_is_refused_in_the_readers_language(
    make_client, path, status, code, message
):
    client = await make_client()
    answer = await client.get(path, headers={"Accept-Language": "en"})
    found = await answer.json()
    assert (status, code) == (answer.status, found["error"])
    if message:
        assert message == found["message"]
    assert 0 == client.app[SPEECH_AUDIO].runs


async def test_a_promise_section_and_the_published_ranking(make_client, store):
    client = await make_client()
    section = await client.get("/api/v1/promises/demo/speech/ar/promised")
    assert (200, "audio/wav") == (section.status, section.content_type)
    store.call(lambda db: publish(db, "demo", "ada", datetime(2026, 3, 2, tzinfo=UTC)), write=True)
    ranking = await client.get("/api/v1/campaigns/demo/results/speech/fi")
    assert (200, "audio/wav") == (ranking.status, ranking.content_type)


async def test_in_lattlast_the_easy_texts_are_read(make_client, campaigns, catalogs):
    client = await make_client()
    audio = client.app[SPEECH_AUDIO]
    plain = await client.get("/api/v1/campaigns/demo/speech/sv/intro")
    easy = await client.get("/api/v1/campaigns/demo/speech/sv-easy/intro")
    assert (200, 200, 2) == (plain.status, easy.status, audio.runs)
    demo = campaigns["demo"]
    read = easy_reader(demo, "sv", True)
    text = step_speech(demo, step_by_id(demo, "intro"), "sv", catalogs.get("sv"), read=read)
    assert f'"{audio.key("sv", text)}"' == easy.headers["ETag"] != plain.headers["ETag"]
    section = await client.get("/api/v1/promises/demo/speech/sv-easy/said")
    assert (200, "audio/wav") == (section.status, section.content_type)

    page = BeautifulSoup(await (await client.get("/c/demo/?lang=sv&easy=1")).text(), "html.parser")
    data = json.loads(page.find(id="survey-data").string)
    assert "/api/v1/campaigns/demo/speech/sv-easy/" == data["speech_audio"]
    assert text == data["speech"]["intro"]
    kiosk = BeautifulSoup(await (await client.get("/kiosk/demo/")).text(), "html.parser")
    [swedish] = [
        lang
        for lang in json.loads(kiosk.find(id="kiosk-data").string)["languages"]
        if lang["code"] == "sv"
    ]
    assert (text, "/api/v1/campaigns/demo/speech/sv-easy/") == (
        swedish["speech_easy"]["intro"],
        swedish["speech_audio_easy"],
    )
    promise = BeautifulSoup(
        await (await client.get("/p/demo/?lang=sv&easy=1")).text(), "html.parser"
    )
    assert (
        "/api/v1/promises/demo/speech/sv-easy/said"
        == (promise.select_one("button.listen")["data-speech-audio"])
    )


async def test_without_espeak_there_is_no_recording_and_no_address(make_client):
    client = await make_client(espeak=None)
    answer = await client.get(STEP)
    assert (404, "speech.unavailable") == (answer.status, (await answer.json())["error"])
    page = BeautifulSoup(await (await client.get("/c/demo/?lang=sv")).text(), "html.parser")
    data = json.loads(page.find(id="survey-data").string)
    assert (None, "sv-SE") == (data["speech_audio"], data["speech_lang"])
    assert data["speech"]["intro"].startswith("Demo: Trygg och säker. Om enkäten.")


async def test_the_pages_say_where_the_recordings_are(make_client):
    client = await make_client()
    survey = BeautifulSoup(await (await client.get("/c/demo/?lang=ar")).text(), "html.parser")
    data = json.loads(survey.find(id="survey-data").string)
    assert "/api/v1/campaigns/demo/speech/ar/" == data["speech_audio"]
    kiosk = BeautifulSoup(await (await client.get("/kiosk/demo/")).text(), "html.parser")
    languages = json.loads(kiosk.find(id="kiosk-data").string)["languages"]
    assert {"sv": "sv-SE", "en": "en-GB", "ar": "ar", "fi": "fi-FI"} == {
        lang["code"]: lang["speech_lang"] for lang in languages
    }
    promise = BeautifulSoup(await (await client.get("/p/demo/?lang=sv")).text(), "html.parser")
    buttons = promise.select("button.listen")
    assert [
        f"/api/v1/promises/demo/speech/sv/{section}" for section in ("said", "promised", "progress")
    ] == [button["data-speech-audio"] for button in buttons]
    assert all(button.has_attr("hidden") for button in buttons)  # until the script knows


async def test_the_folder_keeps_under_its_bound(tmp_path):
    audio = SpeechAudio(ESPEAK, tmp_path, max_bytes=1)
    await audio.wav("sv", "Den första texten.")
    await audio.wav("fi", "Toinen teksti.")
    assert [f"{audio.key('fi', 'Toinen teksti.')}.wav"] == [p.name for p in tmp_path.iterdir()]
    assert 2 == audio.runs
