"""Which language a request is answered in: `?lang=`, then a cookie, then Accept-Language.

Only the languages on offer count: a campaign's own languages on its pages and in its API,
otherwise every shipped catalog. A resident's own choice (a `?lang=` link, or a view that
follows a language button) is remembered in a cookie on public pages, but never on kiosk
pages: the next resident must not inherit it.
"""

from __future__ import annotations

from aiohttp import web

from kiosk import i18n
from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, LANGUAGE
from kiosk.edge.easy_read import read_easy, remember_easy
from kiosk.edge.negotiation import preferred

COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
# The language the resident chose on this request (None if none), for the middleware to
# remember.
CHOSEN = web.RequestKey("chosen_language", str)


def accepted_languages(header: str) -> tuple[str, ...]:
    """Language codes of an Accept-Language header, most wanted first."""
    return preferred(header)


def base_language(code: str | None) -> str:
    return (code or "").replace("_", "-").split("-")[0].strip().lower()


def offered_languages(request: web.Request) -> tuple[str, ...]:
    """The campaign's languages on a campaign's pages, otherwise every shipped language."""
    campaign = request.app[CAMPAIGNS].get(request.match_info.get("campaign", ""))
    return campaign.languages if campaign else request.app[CATALOGS].languages


def asked_language(request: web.Request) -> str | None:
    """The `?lang=` of the request, if any (the query is parsed only when it can hold one)."""
    return request.query.get("lang") if "lang=" in request.query_string else None


def choose_language(request: web.Request, offered: tuple[str, ...], asked: str | None) -> str:
    """The first offered language of `?lang=` (`asked`), the cookie and Accept-Language."""
    wanted = [asked]
    if "lang=" in request.headers.get("Cookie", ""):
        wanted.append(request.cookies.get(COOKIE))
    wanted += accepted_languages(request.headers.get("Accept-Language", ""))
    for code in wanted:
        if base_language(code) in offered:
            return base_language(code)
    return offered[0] if offered else "sv"


def use_language(request: web.Request, lang: str, *, chosen: bool = False) -> None:
    """Answer the rest of this request in `lang` (also for views that switch it later).

    `chosen` says the resident picked it, so a public page remembers it like `?lang=`.
    """
    if chosen:
        request[CHOSEN] = lang
    elif request.get(LANGUAGE) == lang:
        return
    _activate(request, lang)


def _activate(request: web.Request, lang: str) -> None:
    request[LANGUAGE] = lang
    i18n.activate(lang, request.app[CATALOGS].get(lang))


def language_first(request: web.Request) -> None:
    """Pick the request's language and activate its translations (and note whether the
    resident reads in Lättläst), before the view (`kiosk.edge.middleware`)."""
    asked = asked_language(request)
    lang = choose_language(request, offered_languages(request), asked)
    request[CHOSEN] = lang if asked is not None and base_language(asked) == lang else None
    _activate(request, lang)
    read_easy(request)


def remember_choices(request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
    """After the view: remember an explicit choice of language (and of Lättläst) in a cookie."""
    remember_easy(request, response)
    chosen = request[CHOSEN]
    if chosen is None or request.path.startswith(("/kiosk/", "/api/", "/static/")):
        return response  # nothing chosen, or not a public page
    if request.cookies.get(COOKIE) != chosen:
        response.set_cookie(
            COOKIE,
            chosen,
            max_age=COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="Lax",
            secure=request.app[CONFIG].secure_cookies,
        )
    return response
