"""Editing one activity of a promise: its text, parties and roles, areas, zones of the map
and period; its status (a public reason for `changed` and `cancelled`); and updates, public
or internal."""

from __future__ import annotations

from dataclasses import replace

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS
from kiosk.clock import app_clock
from kiosk.i18n import gettext
from kiosk.promises.view import status_labels
from kiosk.staff.layout import flash, redirect, render
from kiosk.staff.promises.editor import revision_of, save, stored_or_404
from kiosk.staff.promises.forms import FormProblem, day, field, texts
from survey.promises.promise import NEEDS_REASON, STATUSES, Activity, Promise, Update


def activity_or_404(promise: Promise, activity_id: str) -> Activity:
    activity = promise.activity(activity_id)
    if activity is None:
        raise web.HTTPNotFound(text=gettext("Aktiviteten finns inte."))
    return activity


def with_activity(promise: Promise, activity: Activity) -> Promise:
    """The promise with `activity` in its place (or added at the end)."""
    found = [a for a in promise.activities if a.id != activity.id]
    index = next((i for i, a in enumerate(promise.activities) if a.id == activity.id), len(found))
    found.insert(index, activity)
    return replace(promise, activities=tuple(found))


def areas_of(request: web.Request, promise: Promise) -> list[tuple[str, str]]:
    """Every area of the campaigns the promise follows: (id, label)."""
    found = []
    for campaign_id in promise.campaigns:
        campaign = request.app[CAMPAIGNS].get(campaign_id)
        if campaign:
            found += [(a.id, campaign.text(a.label, "sv")) for a in campaign.areas]
    return found


def zones_of(request: web.Request, promise: Promise) -> list[tuple[str, str]]:
    """The zones of the map of the campaign the promise follows: (id, name)."""
    campaign = request.app[CAMPAIGNS].get(promise.campaign)
    if campaign is None or campaign.map is None:
        return []
    return [(zone.id, campaign.text(zone.name, "sv")) for zone in campaign.map.zones]


async def activity_page(request: web.Request, problems=(), status: int = 200) -> web.Response:
    """One activity: its definition, status, and all its updates (internal ones marked)."""
    stored = await stored_or_404(request)
    promise = stored.promise
    activity = activity_or_404(promise, request.match_info["activity"])
    context = {
        "active": "promises",
        "promise": promise,
        "activity": activity,
        "revision": stored.revision,
        "areas": areas_of(request, promise),
        "zones": zones_of(request, promise),
        "labels": status_labels(gettext),
        "statuses": STATUSES,
        "needs_reason": NEEDS_REASON,
        "today": app_clock(request).today().isoformat(),
        "problems": list(problems),
        "t": lambda text: promise.text(text, promise.default_language),
    }
    return render(request, "staff/promise_activity.html", context, status=status)


def definition_from(
    form,
    promise: Promise,
    activity: Activity,
    known_areas: set[str],
    known_zones: set[str],
) -> Activity:
    responsible = tuple(p.id for p in promise.parties if form.get(f"responsible.{p.id}") == "on")
    if not responsible:
        raise FormProblem(gettext("Välj minst en ansvarig part."))
    roles = {}
    for party in responsible:
        role = texts(form, f"role.{party}", promise, gettext("Rollen"), required=False)
        if role:
            roles[party] = role
    areas = tuple(a for a in form.getall("areas", []) if a in known_areas)
    zones = tuple(z for z in form.getall("zones", []) if z in known_zones)
    starts = day(form, "starts", gettext("Start"), required=False)
    ends = day(form, "ends", gettext("Slut"), required=False)
    if starts and ends and ends < starts:
        raise FormProblem(gettext("Slutdatumet är före startdatumet."))
    return replace(
        activity,
        text=texts(form, "text", promise, gettext("Aktivitetens text")),
        responsible=responsible,
        roles=roles,
        areas=areas,
        zones=zones,
        starts=starts,
        ends=ends,
    )


async def save_activity(request: web.Request) -> web.Response:
    """Save an activity's text, responsible parties and roles, areas, zones and period."""
    stored = await stored_or_404(request)
    promise = stored.promise
    activity = activity_or_404(promise, request.match_info["activity"])
    form = await request.post()
    known = {a for a, _ in areas_of(request, promise)}
    zones = {z for z, _ in zones_of(request, promise)}
    try:
        activity = definition_from(form, promise, activity, known, zones)
    except FormProblem as problem:
        return await activity_page(request, [str(problem)], status=422)
    saved = await save(
        request, with_activity(promise, activity), "activity.edit", revision_of(form, stored)
    )
    flash(
        request, gettext("Aktiviteten är sparad.") if saved.changed else gettext("Inget ändrades.")
    )
    return redirect(request, "staff.promise", promise=promise.id, anchor=f"activity-{activity.id}")


async def add_activity(request: web.Request) -> web.Response:
    """Add an activity (a first text, the promise's parties responsible) and edit it."""
    stored = await stored_or_404(request)
    promise = stored.promise
    taken = {a.id for a in promise.activities}
    number = next(
        n for n in range(len(taken) + 1, len(taken) + 100) if f"aktivitet-{n}" not in taken
    )
    text = {lang: gettext("Ny aktivitet") for lang in promise.languages[:1]}
    activity = Activity(f"aktivitet-{number}", text, tuple(p.id for p in promise.parties))
    await save(request, with_activity(promise, activity), "activity.add", stored.revision)
    return redirect(request, "staff.promise_activity", promise=promise.id, activity=activity.id)


async def set_status(request: web.Request) -> web.Response:
    """Move an activity to a status; `changed` and `cancelled` need a public reason."""
    stored = await stored_or_404(request)
    promise = stored.promise
    activity = activity_or_404(promise, request.match_info["activity"])
    form = await request.post()
    status = field(form, "status")
    try:
        if status not in STATUSES:
            raise FormProblem(gettext("Välj en status."))
        reason = texts(form, "reason", promise, gettext("Skälet"), required=False)
        if status in NEEDS_REASON and not reason:
            raise FormProblem(
                gettext("Skriv ett offentligt skäl när en aktivitet ändras eller ställs in.")
            )
    except FormProblem as problem:
        return await activity_page(request, [str(problem)], status=422)
    today = app_clock(request).today()
    updates = activity.updates
    if reason or status != activity.status:
        updates = (*updates, Update(today, status, reason or {}, public=True))
    moved = replace(activity, status=status, updates=updates)
    await save(request, with_activity(promise, moved), "activity.status", stored.revision)
    flash(request, gettext("Statusen är sparad."))
    return redirect(request, "staff.promise_activity", promise=promise.id, activity=activity.id)


async def post_update(request: web.Request) -> web.Response:
    """Post a dated update on an activity, public or internal."""
    stored = await stored_or_404(request)
    promise = stored.promise
    activity = activity_or_404(promise, request.match_info["activity"])
    form = await request.post()
    try:
        on = day(form, "date", gettext("Datum"))
        text = texts(form, "text", promise, gettext("Uppdateringen"))
    except FormProblem as problem:
        return await activity_page(request, [str(problem)], status=422)
    public = form.get("visibility") == "public"
    update = Update(on, activity.status, text, public=public)
    moved = replace(activity, updates=(*activity.updates, update))
    await save(request, with_activity(promise, moved), "activity.update", stored.revision)
    flash(
        request,
        gettext("Uppdateringen är publicerad.")
        if public
        else gettext("Den interna anteckningen är sparad."),
    )
    return redirect(request, "staff.promise_activity", promise=promise.id, activity=activity.id)
