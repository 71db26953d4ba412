"""Publishing a campaign's results from its results page, the summary staff write for the
public page, and what the results page shows of the published count (flags, the population)."""

from __future__ import annotations

import aiohttp_jinja2
from aiohttp import web
from markupsafe import Markup

from kiosk.app_keys import STORE
from kiosk.clock import app_clock
from kiosk.i18n import current_language, gettext
from kiosk.results.cache import RESULTS_CACHE
from kiosk.results.view import results_context
from kiosk.staff.access.auth import staff_user
from kiosk.staff.layout import campaign_of, flash, redirect, url_for
from storage.publication import SUMMARY_LENGTH, publish, unpublish
from storage.publication import save_summaries as store_summaries
from storage.published_results import ResultsData
from survey import Campaign


async def publishing_context(request: web.Request, campaign: Campaign) -> dict:
    """What the staff results page shows beside its live figures: the published count,
    rendered once per count and language for every staff tab that shows it."""
    lang = current_language()

    def render(data: ResultsData) -> tuple[str, Markup]:
        shown = results_context(data, lang)
        context = {
            "campaign": campaign,
            "url": lambda name, **parts: url_for(request, name, **parts),
            "flagged": data.flagged,
            "ranking_all": shown["ranking"],
            "ranking_unflagged": shown["ranking_unflagged"],
            "representativeness": shown["representativeness"],
        }
        # The environment escapes every value (autoescape), so its output is safe HTML.
        html = aiohttp_jinja2.render_string("staff/_published_count.html", request, context)
        return shown["published"], Markup(html)  # noqa: S704

    data, (published_text, published_count) = await request.app[RESULTS_CACHE].rendered(
        request.app[STORE], campaign, ("staff", lang), render
    )
    return {
        "publication": data.publication,
        "published_text": published_text,
        "summary_texts": [(code, data.summary.get(code, "")) for code in campaign.languages],
        "summary_length": SUMMARY_LENGTH,
        "published_count": published_count,
    }


async def change_publication(request: web.Request) -> web.Response:
    """Publish the results, or take them down (form field `action`)."""
    campaign = campaign_of(request)
    form = await request.post()
    action = str(form.get("action", ""))
    if action not in ("publish", "unpublish"):
        raise web.HTTPBadRequest(text=gettext("Välj publicera eller avpublicera."))
    user = staff_user(request)

    def save(db):
        if action == "publish":
            return publish(db, campaign.id, user.username, app_clock(request).now())
        return unpublish(db, campaign.id, user.username)

    await request.app[STORE].write(save)
    request.app[RESULTS_CACHE].invalidate(campaign.id)
    flash(
        request,
        gettext("Resultatet är publicerat.")
        if action == "publish"
        else gettext("Resultatet är inte längre publicerat."),
    )
    return redirect(request, "staff.results", campaign=campaign.id)


async def save_summary(request: web.Request) -> web.Response:
    """Save the summary text of the public results, one per language of the campaign."""
    campaign = campaign_of(request)
    form = await request.post()
    texts = {code: str(form.get(f"summary-{code}", "")) for code in campaign.languages}
    if any(len(text) > SUMMARY_LENGTH for text in texts.values()):
        raise web.HTTPBadRequest(text=gettext("Sammanfattningen är för lång."))
    user = staff_user(request)
    await request.app[STORE].write(store_summaries, campaign.id, texts, user.username)
    request.app[RESULTS_CACHE].invalidate(campaign.id)
    flash(request, gettext("Sammanfattningen är sparad."))
    return redirect(request, "staff.results", anchor="summary", campaign=campaign.id)
