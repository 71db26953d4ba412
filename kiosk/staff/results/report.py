"""The printable report of a campaign, in the style of the Karlstad publication."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web
from babel.dates import format_date

from kiosk.app_keys import CATALOGS, STORE
from kiosk.clock import app_clock
from kiosk.edge.language import use_language
from kiosk.i18n import gettext
from kiosk.results.cache import RESULTS_CACHE
from kiosk.results.view import results_context
from kiosk.staff.figures import counts, figures_context
from kiosk.staff.layout import campaign_of, render, title_of
from locales import format_period, language_name, text_direction
from storage.moderation import themes_with_quotes
from survey import Campaign


def lead_sentence(campaign: Campaign, lang: str, now: datetime | None = None) -> str:
    """When the dialogue was held: "hölls 22 februari–18 mars 2016" once it has closed,
    "pågår sedan 1 januari 2024" while it runs without an end."""
    status = campaign.status(now)
    if status == "closed":
        period = format_period(campaign.opens, campaign.closes, lang)
        return gettext("Medborgardialogen hölls %(period)s.") % {"period": period}
    if status == "upcoming":
        opens = format_date(campaign.opens, "long", locale=lang)
        return gettext("Medborgardialogen börjar %(date)s.") % {"date": opens}
    if campaign.closes is None:
        opens = format_date(campaign.opens, "long", locale=lang)
        return gettext("Medborgardialogen pågår sedan %(date)s.") % {"date": opens}
    period = format_period(campaign.opens, campaign.closes, lang)
    return gettext("Medborgardialogen pågår %(period)s.") % {"period": period}


async def report(request: web.Request) -> web.Response:
    """Title, period, participants and channels, the ranking (and how far it holds: without
    flagged answers, weighted by the population), themes with quotes, next steps.

    In the campaign's first language, or any language it offers with `?lang=`.
    """
    campaign = campaign_of(request)
    catalogs = request.app[CATALOGS]
    wanted = request.query.get("lang")
    lang = campaign.language(wanted)
    if lang not in catalogs.languages:
        lang = campaign.default_language
    use_language(request, lang)
    counted = await counts(request, campaign)
    themes = await request.app[STORE].read(themes_with_quotes, campaign.id)
    results = (await request.app[RESULTS_CACHE].get(request.app[STORE], campaign)).data
    shown = results_context(results, lang)
    context = figures_context(campaign, counted, lang)
    top = max((row.votes for row in context["areas"]), default=0)
    context.update(
        {
            "campaign": campaign,
            "lang": lang,
            "dir": text_direction(lang),
            "title": title_of(campaign, lang),
            "lead": lead_sentence(campaign, lang),
            "areas": [
                (row, round(100 * row.votes / top, 1) if top else 0) for row in context["areas"]
            ],
            "comments": counted.tally.comments,
            "themes": [(t.name, t.comments, t.quotes) for t in themes],
            "next_steps": campaign.text(campaign.next_steps, lang),
            "report_languages": [
                (code, language_name(code))
                for code in campaign.languages
                if code in catalogs.languages
            ],
            "made": format_date(app_clock(request).today(), "long", locale=lang),
            # How far the figures hold: without flagged answers, weighted by the population.
            "flagged": results.flagged,
            "ranking_unflagged": shown["ranking_unflagged"],
            "representativeness": shown["representativeness"],
        }
    )
    return render(request, "staff/report.html", context)
