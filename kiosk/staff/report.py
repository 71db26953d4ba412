"""The printable report of a campaign, in the style of the Karlstad publication."""

from __future__ import annotations

from datetime import date

from aiohttp import web
from babel.dates import format_date

from kiosk.i18n import activate
from kiosk.keys import CATALOGS, STORE
from kiosk.staff.figures import counts, figures_context
from kiosk.staff.pages import campaign_of, render, title_of
from locales import format_period, language_name, text_direction
from storage.moderation import themes_with_quotes


async def report(request: web.Request) -> web.Response:
    """Title, period, participants and channels, the ranking, themes with quotes, next steps.

    In the campaign's first language, or any language it offers with `?lang=`.
    """
    campaign = campaign_of(request)
    catalogs = request.app[CATALOGS]
    wanted = request.query.get("lang")
    lang = campaign.language(wanted)
    if lang not in catalogs.languages:
        lang = campaign.default_language
    activate(lang, catalogs.get(lang))
    counted = await counts(request, campaign)
    themes = await request.app[STORE].read(themes_with_quotes, campaign.id)
    context = figures_context(campaign, counted, lang)
    context.update(
        {
            "campaign": campaign,
            "lang": lang,
            "dir": text_direction(lang),
            "title": title_of(campaign, lang),
            "period_text": format_period(campaign.opens, campaign.closes, lang),
            "comments": counted.tally.comments,
            "themes": [(t.name, t.comments, t.quotes) for t in themes],
            "next_steps": campaign.text(campaign.next_steps, lang),
            "report_languages": [
                (code, language_name(code))
                for code in campaign.languages
                if code in catalogs.languages
            ],
            "made": format_date(date.today(), "long", locale=lang),
        }
    )
    return render(request, "staff/report.html", context)
