"""Whether a request wants Lättläst, the easy-to-read texts: `?easy=1` (or `0`), then a cookie.

Kept like the language (`kiosk.edge.language`): a resident's choice is remembered in a
cookie on public pages, never on kiosk pages, whose next resident must start without it. A
page shows easy texts only where its campaign or promise has them in the page's language.
"""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import CONFIG

COOKIE = "easy"
COOKIE_MAX_AGE = 365 * 24 * 3600
EASY = web.RequestKey("easy_read", bool)
# The resident's choice on this request (on or off), for `remember_choices` to remember.
CHOSEN = web.RequestKey("easy_read_chosen", bool)
# Pages that remember nothing: the kiosk's next resident, and what is not a page.
FORGETFUL = ("/kiosk/", "/api/", "/static/")


def read_easy(request: web.Request) -> None:
    """Note whether the request wants Lättläst: `?easy=1|0`, else the cookie (not on a kiosk)."""
    asked = request.query.get("easy") if "easy=" in request.query_string else None
    if asked in ("1", "0"):
        use_easy(request, asked == "1")
    elif request.path.startswith(FORGETFUL):
        request[EASY] = False
    else:
        request[EASY] = request.cookies.get(COOKIE) == "1"


def use_easy(request: web.Request, on: bool) -> None:
    """The resident turned Lättläst on or off (a link or the form's button)."""
    request[EASY] = on
    request[CHOSEN] = on


def wants_easy(request: web.Request, offered: bool) -> bool:
    """Whether the page is shown in Lättläst: wanted, and `offered` by its campaign or promise
    in the page's language."""
    return offered and request.get(EASY, False)


def remember_easy(request: web.Request, response: web.StreamResponse) -> None:
    """Keep a public page's choice in a cookie, as the language is kept."""
    if request.path.startswith(FORGETFUL):
        return  # looked at first: asking a request for a key it lacks raises and catches
    chosen = request.get(CHOSEN)
    if chosen is None:
        return
    if chosen and request.cookies.get(COOKIE) != "1":
        response.set_cookie(
            COOKIE,
            "1",
            max_age=COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="Lax",
            secure=request.app[CONFIG].secure_cookies,
        )
    elif not chosen and COOKIE in request.cookies:
        response.del_cookie(COOKIE, path="/")
