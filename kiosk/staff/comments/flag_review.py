"""Flagged answers for staff to review: why each is flagged, and clear or confirm the flag."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.i18n import current_language, gettext
from kiosk.results.cache import RESULTS_CACHE
from kiosk.staff.access.auth import staff_user
from kiosk.staff.figures import channel_name
from kiosk.staff.layout import campaign_of, flash, redirect, render
from storage.answer_flags import DECISIONS, flagged_answers, review_flag
from storage.staff import audit


def reason_name(reason: str) -> str:
    names = {
        "burst": gettext("Många svar från samma webbläsare på kort tid"),
        "fast_walk": gettext("Kioskens svar gick på under åtta sekunder"),
        "repeated_comment": gettext("Samma synpunkt i flera svar"),
    }
    return names.get(reason, reason)


def decision_name(decision: str | None) -> str:
    names = {
        None: gettext("Ej granskad"),
        "cleared": gettext("Flaggan borttagen: räknas som vanligt svar"),
        "confirmed": gettext("Flaggan bekräftad"),
    }
    return names[decision]


async def flags_page(request: web.Request) -> web.Response:
    """The campaign's flagged answers, oldest first, with their reasons and decisions."""
    campaign = campaign_of(request)
    lang = current_language()
    found = await request.app[STORE].read(flagged_answers, campaign.id)
    rows = [
        {
            "id": f.id,
            "when": f.submitted_at[:16].replace("T", " "),
            "channel": channel_name(f.channel),
            "areas": [
                campaign.text(campaign.area(a).label, lang) for a in f.areas if campaign.area(a)
            ],
            "comment": f.comment,
            "reasons": [reason_name(r) for r in f.reasons],
            "decision": decision_name(f.decision),
        }
        for f in found
    ]
    context = {"campaign": campaign, "active": "results", "flagged": rows}
    return render(request, "staff/flags.html", context)


async def decide_flag(request: web.Request) -> web.Response:
    """Clear a flag (the answer counts as any other) or confirm it."""
    campaign = campaign_of(request)
    form = await request.post()
    decision = str(form.get("decision", ""))
    if decision not in DECISIONS:
        raise web.HTTPBadRequest(text=gettext("Välj att ta bort eller bekräfta flaggan."))
    response_id = request.match_info["response"]
    user = staff_user(request)

    def save(db):
        done = review_flag(db, campaign.id, response_id, decision, user.username)
        if done:
            audit(db, user.username, "flag." + decision, campaign.id, {"response": response_id})
        return done

    if not await request.app[STORE].write(save):
        raise web.HTTPNotFound(text=gettext("Svaret är inte flaggat."))
    request.app[RESULTS_CACHE].invalidate(campaign.id)
    flash(request, decision_name(decision))
    return redirect(request, "staff.flags", anchor=f"f-{response_id}", campaign=campaign.id)
