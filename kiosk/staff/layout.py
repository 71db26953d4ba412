"""What every staff page shares: the layout's context, links, messages and error pages."""

from __future__ import annotations

from typing import Any

import aiohttp_jinja2
from aiohttp import web
from yarl import URL

from kiosk.app_keys import CAMPAIGNS, CATALOGS
from kiosk.i18n import current_language, gettext
from kiosk.staff.access.sample_counts import SAMPLE_DATA
from kiosk.staff.access.session import SESSION, STAFF, Session
from locales import format_period, language_name, text_direction
from survey import Campaign

# The staff paths of one campaign's pages begin with this (relative to /staff).
CAMPAIGN = "/c/{campaign}"


def session_of(request: web.Request) -> Session:
    return request[SESSION]


def url_for(request: web.Request, name: str, query: dict[str, Any] | None = None, **parts) -> str:
    """The path of a named route, with an optional query (empty values left out)."""
    url = request.app.router[name].url_for(**{k: str(v) for k, v in parts.items()})
    if query:
        url = url.with_query({k: str(v) for k, v in query.items() if v not in (None, "")})
    return str(url)


def flash(request: web.Request, message: str) -> None:
    """A message for the next page shown (after a redirect)."""
    session_of(request)["flash"] = message


def redirect(
    request: web.Request,
    name: str,
    query: dict[str, Any] | None = None,
    anchor: str = "",
    **parts,
) -> web.Response:
    """Back to a page after a change (post, redirect, get)."""
    location = url_for(request, name, query, **parts) + (f"#{anchor}" if anchor else "")
    return web.Response(status=303, headers={"Location": location})


def campaign_of(request: web.Request) -> Campaign:
    """The campaign named in the path; a 404 page if there is none by that id."""
    campaign = request.app[CAMPAIGNS].get(request.match_info.get("campaign", ""))
    if campaign is None:
        raise web.HTTPNotFound(text=gettext("Det finns ingen medborgardialog med det namnet."))
    return campaign


def title_of(campaign: Campaign, lang: str | None = None) -> str:
    return campaign.text(campaign.title, lang or current_language())


def render(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    """Render a staff template with the layout's context: user, CSRF token, links, messages."""
    session = session_of(request)
    lang = current_language()
    base = {
        "user": request.get(STAFF),
        "csrf": session.get("csrf", ""),
        "lang": lang,
        "dir": text_direction(lang),
        "languages": [(code, language_name(code)) for code in request.app[CATALOGS].languages],
        "url": lambda name, query=None, **parts: url_for(request, name, query, **parts),
        "here": request.path_qs,
        "flash": session.pop("flash", None),
        "campaigns": list(request.app[CAMPAIGNS].values()),
        "title_of": title_of,
        "period": lambda c, lang=lang: format_period(c.opens, c.closes, lang),
        "sample_counts": request.app[SAMPLE_DATA].counts,
    }
    base.update(context)
    return aiohttp_jinja2.render_template(template, request, base, status=status)


def generic_message(status: int) -> str:
    messages = {
        400: gettext("Begäran gick inte att förstå."),
        401: gettext("Du är inte inloggad."),
        403: gettext("Du har inte behörighet till det här."),
        404: gettext("Sidan finns inte."),
        405: gettext("Det går inte att göra så här på den här sidan."),
        413: gettext("Det som skickades var för stort."),
    }
    return messages.get(status, gettext("Något gick fel. Försök igen."))


def error_page(request: web.Request, error: web.HTTPException) -> web.Response:
    """A refusal as a translated page (or JSON for scripts), never a traceback."""
    default = f"{error.status}: {error.reason}"
    message = error.text if error.text and error.text != default else generic_message(error.status)
    if "application/json" in request.headers.get("Accept", ""):
        return web.json_response({"error": error.status, "message": message}, status=error.status)
    return render(request, "staff/error.html", {"message": message}, status=error.status)


def safe_next(target: str | None) -> str:
    """Where to go after logging in: only a path under /staff/ of this site."""
    if target and target.startswith("/staff/") and not target.startswith("//"):
        url = URL(target)
        if not url.is_absolute():
            return target
    return "/staff/"
