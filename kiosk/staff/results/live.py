"""The staff front page and a campaign's live results."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, STORE
from kiosk.i18n import current_language
from kiosk.staff.figures import counts, figures_html, number
from kiosk.staff.layout import campaign_of, render
from kiosk.staff.results.publishing import publishing_context
from storage.result_breakdowns import participants_by_campaign

POLL_SECONDS = 5


async def root(request: web.Request) -> web.Response:
    """/staff without the slash."""
    raise web.HTTPSeeOther("/staff/")


async def index(request: web.Request) -> web.Response:
    """Every campaign with its status and participants so far."""
    lang = current_language()
    participants = await request.app[STORE].read(participants_by_campaign)
    rows = [
        (campaign, campaign.status(), number(participants.get(campaign.id, 0), lang))
        for campaign in request.app[CAMPAIGNS].values()
    ]
    return render(request, "staff/index.html", {"rows": rows})


async def results(request: web.Request) -> web.Response:
    """The results page; a small script keeps its figures current."""
    campaign = campaign_of(request)
    counted = await counts(request, campaign)
    context = {
        "campaign": campaign,
        "active": "results",
        "poll_seconds": POLL_SECONDS,
        "figures": await figures_html(request, campaign, counted, current_language()),
    }
    context.update(await publishing_context(request, campaign))
    return render(request, "staff/results.html", context)


async def live(request: web.Request) -> web.Response:
    """The results' figures as JSON, with their HTML fragment, for the page to poll."""
    campaign = campaign_of(request)
    counted = await counts(request, campaign)
    return web.json_response(
        {
            "participants": counted.tally.participants,
            "comments": counted.tally.comments,
            "html": await figures_html(request, campaign, counted, current_language()),
        }
    )
