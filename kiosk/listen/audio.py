"""The recorded speech routes: ids in, WAV out. No route takes a text to speak: each builds
its text on the server from the campaign's or promise's own data (`survey.speech`)."""

from __future__ import annotations

from aiohttp import web

from kiosk.answering.api import unknown_campaign
from kiosk.app_keys import CAMPAIGNS, CATALOGS, STORE
from kiosk.edge.errors import json_error
from kiosk.i18n import gettext as _
from kiosk.open_data.http_cache import PUBLIC_DATA, matches
from kiosk.promises.pages import public_promise
from kiosk.results.cache import RESULTS_CACHE
from kiosk.speech_audio import VOICES, WAV, SpeechFailed, speech_audio
from survey.easy_read import easy_language
from survey.speech import (
    PROMISE_SECTIONS,
    easy_reader,
    promise_speech,
    ranking_speech,
    step_speech,
)
from survey.walk import step_by_id


def unknown_language() -> web.Response:
    return json_error(422, "speech.language", _("Uppläsning finns inte på det språket."))


def unavailable() -> web.Response:
    return json_error(404, "speech.unavailable", _("Uppläsning finns inte på den här servern."))


async def answer(request: web.Request, lang: str, text: str) -> web.StreamResponse:
    """The recording of `text`, kept or made now, with an ETag of what it says; 404 when
    the server records no speech."""
    audio = speech_audio(request)
    if not audio.available:
        return unavailable()
    etag = audio.key(lang, text)
    headers = {"Cache-Control": PUBLIC_DATA}
    if matches(request, etag):
        return web.Response(status=304, headers={**headers, "ETag": f'"{etag}"'})
    try:
        _key, body = await audio.wav(lang, text)
    except SpeechFailed:
        message = _("Uppläsningen kunde inte göras just nu. Försök igen om en stund.")
        return json_error(503, "speech.failed", message)
    response = web.Response(body=body, content_type=WAV, headers=headers)
    response.etag = etag
    return response


def spoken_language(
    request: web.Request, offered: tuple[str, ...], easy_in: tuple[str, ...] = ()
) -> tuple[str, bool] | None:
    """The path's language, and whether in Lättläst (`sv-easy`), when it is offered (`easy_in`:
    the languages with easy-to-read texts) and has a voice."""
    segment = request.match_info["lang"]
    lang = easy_language(segment) or segment
    easy = lang != segment
    if lang not in offered or lang not in VOICES or (easy and lang not in easy_in):
        return None
    return lang, easy


async def step_audio(request: web.Request) -> web.StreamResponse:
    """A step of the walk, read aloud in one of the campaign's languages."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        return unknown_campaign()
    step = step_by_id(campaign, request.match_info["step"])
    if step is None:
        return json_error(404, "speech.unknown_step", _("Det steget finns inte i enkäten."))
    spoken = spoken_language(request, campaign.languages, campaign.easy_languages)
    if spoken is None:
        return unknown_language()
    lang, easy = spoken
    read = easy_reader(campaign, lang, easy)
    text = step_speech(campaign, step, lang, request.app[CATALOGS].get(lang), read=read)
    return await answer(request, lang, text)


async def promise_audio(request: web.Request) -> web.StreamResponse:
    """A section of a public promise's page, read aloud in one of its languages."""
    promise = await public_promise(request)
    section = request.match_info["section"]
    if section not in PROMISE_SECTIONS:
        message = _("Den delen finns inte på sidan.")
        return json_error(404, "speech.unknown_section", message)
    spoken = spoken_language(request, promise.languages, promise.easy_languages)
    if spoken is None:
        return unknown_language()
    lang, easy = spoken
    translations = request.app[CATALOGS].get(lang)
    campaigns = request.app[CAMPAIGNS]
    read = easy_reader(promise, lang, easy)
    text = promise_speech(promise, section, lang, translations, campaigns, read=read)
    return await answer(request, lang, text)


async def results_audio(request: web.Request) -> web.StreamResponse:
    """The published ranking, read aloud in one of the campaign's languages."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        return unknown_campaign()
    spoken = spoken_language(request, campaign.languages)  # the page has no Lättläst
    if spoken is None:
        return unknown_language()
    lang, _easy = spoken
    translations = request.app[CATALOGS].get(lang)

    def render(data) -> str:
        return ranking_speech(campaign, data.tally, lang, translations)

    data, text = await request.app[RESULTS_CACHE].rendered(
        request.app[STORE], campaign, ("speech", lang), render
    )
    if data.publication is None:
        return json_error(404, "results.not_published", _("Resultatet är inte publicerat."))
    return await answer(request, lang, text)


def setup_speech_audio(app: web.Application) -> None:
    router = app.router
    router.add_get("/api/v1/campaigns/{campaign}/speech/{lang}/{step}", step_audio)
    router.add_get("/api/v1/promises/{promise}/speech/{lang}/{section}", promise_audio)
    router.add_get("/api/v1/campaigns/{campaign}/results/speech/{lang}", results_audio)
