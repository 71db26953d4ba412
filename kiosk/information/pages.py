"""The public pages about the service itself: the accessibility statement
(*tillgänglighetsredogörelse*, with the content DIGG requires) and the privacy page."""

from __future__ import annotations

from datetime import date

import aiohttp_jinja2
from aiohttp import web
from babel.dates import format_date

from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, LANGUAGE
from kiosk.i18n import gettext
from locales import language_name

# When the service was last assessed against WCAG 2.1 AA, and the statement last reviewed:
# moved on with each release that is assessed again.
ASSESSED = date(2026, 12, 1)
STATEMENT_UPDATED = date(2026, 12, 1)
DIGG_REPORT_FORM = "https://www.digg.se/tdosanmalan"
IMY = "https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/"


def organisation(request: web.Request) -> str:
    """The organisation from settings, else the organisers the campaigns name."""
    named = request.app[CONFIG].organisation
    if named:
        return named
    organisers: list[str] = []
    for campaign in request.app[CAMPAIGNS].values():
        organisers += [o for o in campaign.organisers if o not in organisers]
    return gettext(" och ").join(organisers) if organisers else gettext("Organisationen")


def _context(request: web.Request) -> dict:
    lang = request[LANGUAGE]
    return {
        "organisation": organisation(request),
        "contact": request.app[CONFIG].contact,
        "languages": [(code, language_name(code)) for code in request.app[CATALOGS].languages],
        "assessed": format_date(ASSESSED, "long", locale=lang),
        "updated": format_date(STATEMENT_UPDATED, "long", locale=lang),
        "digg_form": DIGG_REPORT_FORM,
        "imy": IMY,
    }


async def accessibility_statement(request: web.Request) -> web.Response:
    """How accessible the service is, its known gaps, and how to report a problem."""
    return aiohttp_jinja2.render_template("accessibility.html", request, _context(request))


async def privacy_page(request: web.Request) -> web.Response:
    """What the service keeps about a resident, for how long, and their rights."""
    return aiohttp_jinja2.render_template("privacy.html", request, _context(request))


def setup_info_pages(app: web.Application) -> None:
    app.router.add_get("/tillganglighet", accessibility_statement, name="accessibility")
    app.router.add_get("/integritet", privacy_page, name="privacy")
