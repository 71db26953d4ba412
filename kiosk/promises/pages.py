"""The public promise pages: `/p/` (current promises), `/p/{promise}/`, its JSON and QR code.

Rendered pages are kept in memory (see `kiosk.promises.cache`).
"""

from __future__ import annotations

import functools
import json
from datetime import date

import aiohttp_jinja2
from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, LANGUAGE, STORE
from kiosk.clock import CLOCK, app_clock
from kiosk.edge.easy_read import wants_easy
from kiosk.edge.trailing_slash import redirect_slash
from kiosk.i18n import gettext
from kiosk.promises.attract import setup_promise_attract
from kiosk.promises.cache import PROMISE_CACHE, PromiseCache
from kiosk.promises.home import current_promises
from kiosk.promises.qr import public_address, qr_svg
from kiosk.promises.view import Dates, promise_view
from kiosk.promises.walk_pages import setup_walk_pages, with_tiles_policy
from kiosk.speech_audio import page_speech, promise_audio_url, speech_audio
from locales import language_name
from storage.promises import StoredPromise, get_promise, replacing_promise
from storage.subscriptions import followup_answer_counts
from storage.walks import activity_walks
from survey.promises.notice_text import followup_options
from survey.promises.promise import Promise
from survey.promises.serialize import promise_as_dict
from survey.speech import PROMISE_SECTIONS, easy_reader, promise_speech

_dumps = functools.partial(json.dumps, ensure_ascii=False)


async def public_promise(request: web.Request) -> Promise:
    """The promise named in the path, if it is public today; a 404 otherwise."""
    stored: StoredPromise | None = await request.app[STORE].read(
        get_promise, request.match_info["promise"]
    )
    if stored is None or not stored.promise.is_public(app_clock(request).today()):
        raise web.HTTPNotFound()
    return stored.promise


async def noticed_difference(request: web.Request, promise: Promise) -> list[tuple[str, int]]:
    """How residents who heard back answered "Har du märkt någon skillnad?", once the
    follow-up is published: a label and a count per answer (empty before any answer)."""
    if promise.followup is None or promise.followup.published_at is None:
        return []
    counts = await request.app[STORE].read(
        functools.partial(
            followup_answer_counts, promise=promise.id, campaigns=list(promise.campaigns)
        )
    )
    if not any(counts.values()):
        return []
    return [(label, counts.get(answer, 0)) for answer, label in followup_options(gettext)]


async def walks_by_activity(request: web.Request, promise: Promise) -> dict[str, list[dict]]:
    """The published walks of each activity, as the promise's JSON carries them."""
    found = await request.app[STORE].read(activity_walks, promise.id)
    return {
        activity: [
            {
                "id": walk.id,
                "title": walk.title,
                "date": walk.date.isoformat(),
                "points": counted.points,
                "fixed": counted.fixed,
            }
            for walk, counted in walks
        ]
        for activity, walks in found.items()
    }


def walks_summary(walks: list[dict], lang: str) -> dict | None:
    """What an activity's line on the page says of its walks: how many, places, fixed."""
    if not walks:
        return None
    dates = Dates(lang)
    points = sum(w["points"] for w in walks)
    fixed = sum(w["fixed"] for w in walks)
    return {
        "n": len(walks),
        "n_text": dates.number(len(walks)),
        "points": points,
        "points_text": dates.number(points),
        "fixed": fixed,
        "fixed_text": dates.number(fixed),
        "walks": [{**w, "day": dates.day(date.fromisoformat(w["date"]))} for w in walks],
    }


def section_speech(
    request: web.Request, promise: Promise, lang: str, easy: bool
) -> dict[str, dict]:
    """What each section's Lyssna button reads (in Lättläst when `easy`), and where its
    recording is."""
    translations = request.app[CATALOGS].get(lang)
    audio = speech_audio(request)
    campaigns = request.app[CAMPAIGNS]
    read = easy_reader(promise, lang, easy)
    return {
        section: page_speech(
            lang,
            promise_speech(promise, section, lang, translations, campaigns, read=read),
            promise_audio_url(audio, promise.id, lang, section, easy),
        )
        for section in PROMISE_SECTIONS
    }


async def promise_page(request: web.Request) -> web.Response:
    """One promise: what residents said, what is promised, how it is going, the follow-up."""
    lang = request[LANGUAGE]
    key = ("page", request.match_info["promise"], lang, wants_easy(request, True))

    async def make() -> bytes:
        promise = await public_promise(request)
        today = app_clock(request).today()
        quiet_after = request.app[CONFIG].promise_quiet_days
        shown = promise.language(lang)
        easy = wants_easy(request, promise.offers_easy(shown))
        context = promise_view(
            promise, request.app[CAMPAIGNS], shown, today, quiet_after, gettext, easy
        )
        context["languages"] = [(code, language_name(code)) for code in promise.languages]
        walks = await walks_by_activity(request, promise)
        for activity in context["activities"]:
            activity["walks"] = walks_summary(walks.get(activity["id"], []), context["lang"])
        context["quiet_after"] = quiet_after
        context["noticed"] = await noticed_difference(request, promise)
        context["speech"] = section_speech(request, promise, context["lang"], easy)
        newer = await request.app[STORE].read(replacing_promise, promise.id, today)
        context["replaced_by"] = (
            {"id": newer.id, "title": newer.text(newer.title, newer.language(lang))}
            if newer
            else None
        )
        return aiohttp_jinja2.render_string("promises/promise.html", request, context).encode()

    body = await request.app[PROMISE_CACHE].get(key, make)
    response = web.Response(body=body, content_type="text/html", charset="utf-8")
    if b'id="zone-map"' in body:  # the map of the activities' zones: let its tiles load
        promise = await public_promise(request)
        campaign = request.app[CAMPAIGNS].get(promise.campaign)
        with_tiles_policy(request, response, campaign.map.tiles if campaign else None)
    return response


async def promise_json(request: web.Request) -> web.Response:
    """The promise as JSON (the shape in docs/contract.md), public updates only."""
    key = ("json", request.match_info["promise"])

    async def make() -> bytes:
        promise = await public_promise(request)
        data = promise_as_dict(promise)
        walks = await walks_by_activity(request, promise)
        for activity in data["activities"]:
            activity["walks"] = walks.get(activity["id"], [])
        return _dumps(data).encode()

    body = await request.app[PROMISE_CACHE].get(key, make)
    return web.Response(body=body, content_type="application/json", charset="utf-8")


async def promise_list(request: web.Request) -> web.Response:
    """Every promise in force now."""
    lang = request[LANGUAGE]

    async def make() -> bytes:
        context = {"promises": await current_promises(request.app, lang)}
        return aiohttp_jinja2.render_string("promises/list.html", request, context).encode()

    body = await request.app[PROMISE_CACHE].get(("list", lang), make)
    return web.Response(body=body, content_type="text/html", charset="utf-8")


async def promise_qr(request: web.Request) -> web.Response:
    """The QR code of the promise's public page."""
    promise = await public_promise(request)
    svg = qr_svg(public_address(request, f"/p/{promise.id}/"), promise.text(promise.title, "sv"))
    return web.Response(body=svg, content_type="image/svg+xml")


def setup_promise_pages(app: web.Application) -> None:
    app[PROMISE_CACHE] = PromiseCache(app[CLOCK])
    app.router.add_get("/p", redirect_slash)
    app.router.add_get("/p/", promise_list)
    app.router.add_get("/p/{promise}", redirect_slash)
    app.router.add_get("/p/{promise}/", promise_page)
    app.router.add_get("/p/{promise}/qr.svg", promise_qr)
    app.router.add_get("/api/v1/promises/{promise}", promise_json)
    setup_promise_attract(app)
    setup_walk_pages(app)
