"""The published results, public: `/c/{campaign}/results` and its JSON; 404 until published.

Both are rendered once per language from the counted results and served from memory until
something changes (see `kiosk.results.cache`).
"""

from __future__ import annotations

import gzip
import json

import aiohttp_jinja2
from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, CATALOGS, STORE
from kiosk.clock import CLOCK
from kiosk.edge.errors import error_page, json_error
from kiosk.i18n import current_language
from kiosk.i18n import gettext as _
from kiosk.results.cache import RESULTS_CACHE, ResultsCache
from kiosk.results.view import results_context
from kiosk.speech_audio import page_speech, results_audio_url, speech_audio
from storage.publication import published_campaigns
from storage.published_results import ResultsData, results_json
from survey import Campaign
from survey.speech import ranking_speech

# Public figures: a browser may keep them, but asks again each time (a 304 is not offered).
CACHE_CONTROL = "no-cache"


def campaign_in(request: web.Request) -> Campaign | None:
    return request.app[CAMPAIGNS].get(request.match_info["campaign"])


def bodies_of(text: str) -> tuple[bytes, bytes]:
    """A body as it is, and gzipped: compressed once, sent to every browser that takes it."""
    body = text.encode()
    return body, gzip.compress(body, compresslevel=6, mtime=0)


def send_body(request: web.Request, bodies: tuple[bytes, bytes], content_type: str) -> web.Response:
    headers = {"Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    body = bodies[0]
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        body = bodies[1]
        headers["Content-Encoding"] = "gzip"
    return web.Response(body=body, content_type=content_type, charset="utf-8", headers=headers)


async def results_page(request: web.Request) -> web.Response:
    """The published results of a campaign, in the reader's language; printable as the report."""
    campaign = campaign_in(request)
    if campaign is None:
        return error_page(request, 404, _("Sidan finns inte."))
    lang = current_language()

    def render(data: ResultsData) -> tuple[bytes, bytes]:
        context = results_context(data, lang)
        spoken = ranking_speech(campaign, data.tally, lang, request.app[CATALOGS].get(lang))
        url = results_audio_url(speech_audio(request), campaign.id, lang)
        context["speech"] = page_speech(lang, spoken, url)
        return bodies_of(aiohttp_jinja2.render_string("results/page.html", request, context))

    data, bodies = await request.app[RESULTS_CACHE].rendered(
        request.app[STORE], campaign, ("page", lang), render
    )
    if data.publication is None:
        return error_page(request, 404, _("Resultatet är inte publicerat."))
    return send_body(request, bodies, "text/html")


async def results_api(request: web.Request) -> web.Response:
    """The published results as JSON (the shape in docs/contract.md)."""
    campaign = campaign_in(request)
    if campaign is None:
        return json_error(404, "campaign.unknown", _("Den enkäten finns inte."))

    def render(data: ResultsData) -> tuple[bytes, bytes]:
        return bodies_of(json.dumps(results_json(data), ensure_ascii=False))

    data, bodies = await request.app[RESULTS_CACHE].rendered(
        request.app[STORE], campaign, "json", render
    )
    if data.publication is None:
        return json_error(404, "results.not_published", _("Resultatet är inte publicerat."))
    return send_body(request, bodies, "application/json")


async def published_results(request: web.Request) -> list[tuple[str, str]]:
    """(campaign id, title) of every campaign whose results are published, newest first:
    for the home page."""
    lang = current_language()
    found = await request.app[STORE].read(published_campaigns)
    campaigns = request.app[CAMPAIGNS]
    return [
        (cid, campaigns[cid].text(campaigns[cid].title, lang)) for cid in found if cid in campaigns
    ]


async def _close_cache(app: web.Application) -> None:
    app[RESULTS_CACHE].close()


def setup_public_results(app: web.Application) -> None:
    """The public results routes, and the cache they share with the staff pages."""
    app[RESULTS_CACHE] = ResultsCache(app[CLOCK])
    app.on_cleanup.append(_close_cache)
    app.router.add_get("/c/{campaign}/results", results_page, name="results.page")
    app.router.add_get("/api/v1/campaigns/{campaign}/results", results_api, name="results.api")
