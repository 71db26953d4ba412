"""The staff pages of safety walks: the list and a new walk, one walk with its places, the
decisions on each place, the printed sheet with the participants' link and its QR code.

Only a hash of a walk's key is stored: the key itself is shown when it is made, and kept in
the staff member's own (encrypted) session so that the sheet can be printed from it; a
new key makes the old one stop working.
"""

from __future__ import annotations

import functools
import json
from datetime import date

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, STORE
from kiosk.clock import app_clock
from kiosk.i18n import current_language, gettext
from kiosk.promises.cache import PROMISE_CACHE
from kiosk.promises.qr import public_address, qr_svg
from kiosk.promises.walk_pages import map_data, zone_names
from kiosk.promises.walk_view import (
    WALK_STATUS_ICONS,
    category_labels,
    responsible_name,
    walk_status_labels,
)
from kiosk.staff.access.session import STAFF
from kiosk.staff.layout import flash, redirect, render, session_of
from storage import walks as store
from storage.point_notices import point_subscribers
from storage.promises import get_promise, list_promises
from survey.personal_data import comment_warnings
from survey.promises.walks import MAX_TITLE, NEEDS_REASON, STATUSES, Walk

_dumps = functools.partial(json.dumps, ensure_ascii=False)
KEYS = "walk_keys"


def actor(request: web.Request) -> str:
    user = request.get(STAFF)
    return user.username if user else "staff"


async def walk_or_404(request: web.Request) -> Walk:
    walk = await request.app[STORE].read(store.get_walk, request.match_info["walk"])
    if walk is None:
        raise web.HTTPNotFound(text=gettext("Vandringen finns inte."))
    return walk


def remember_key(request: web.Request, walk: Walk, key: str) -> None:
    session = session_of(request)
    keys = dict(session.get(KEYS) or {})
    keys[walk.id] = key
    session[KEYS] = dict(list(keys.items())[-20:])  # the latest few: the cookie stays small


def known_key(request: web.Request, walk: Walk) -> str | None:
    return (session_of(request).get(KEYS) or {}).get(walk.id)


def participants_link(request: web.Request, walk: Walk, key: str) -> str:
    return public_address(request, f"/w/{walk.id}/?k={key}")


async def walks_page(request: web.Request, problem: str | None = None) -> web.Response:
    """Every walk, and the form for a new one on an activity of a promise."""
    stored = await request.app[STORE].read(list_promises)
    walks = await request.app[STORE].read(store.list_walks)
    lang = current_language()
    choices = [
        (p.promise.id, a.id, f"{p.promise.text(p.promise.title, lang)}: "
         f"{p.promise.text(a.text, lang)[:80]}")
        for p in stored
        for a in p.promise.activities
    ]  # fmt: skip
    context = {
        "active": "walks",
        "walks": walks,
        "choices": choices,
        "problem": problem,
        "today": app_clock(request).today().isoformat(),
        "max_title": MAX_TITLE,
    }
    return render(request, "staff/walks.html", context, status=422 if problem else 200)


async def new_walk(request: web.Request) -> web.Response:
    """Make a walk for the chosen activity, on its promise's campaign's map."""
    form = await request.post()
    promise_id, _, activity_id = str(form.get("activity", "")).partition("/")
    title = " ".join(str(form.get("title", "")).split())
    try:
        day = date.fromisoformat(str(form.get("date", "")))
    except ValueError:
        return await walks_page(request, gettext("Ange ett datum."))
    if not title or len(title) > MAX_TITLE:
        return await walks_page(request, gettext("Ge vandringen en rubrik."))
    stored = await request.app[STORE].read(get_promise, promise_id)
    promise = stored.promise if stored else None
    if promise is None or promise.activity(activity_id) is None:
        return await walks_page(request, gettext("Välj en aktivitet i ett medborgarlöfte."))
    campaign = request.app[CAMPAIGNS].get(promise.campaign)
    if campaign is None or campaign.map is None:
        message = gettext("Medborgardialogen som löftet bygger på har ingen karta.")
        return await walks_page(request, message)
    walk = Walk(
        id=store.new_walk_id(),
        promise=promise.id,
        activity=activity_id,
        campaign=campaign.id,
        date=day,
        title=title,
        meeting_point=" ".join(str(form.get("meeting_point", "")).split()) or None,
    )
    key = store.new_key()
    now = app_clock(request).now()
    await request.app[STORE].write(
        lambda db: store.create_walk(db, walk, key, actor=actor(request), now=now)
    )
    remember_key(request, walk, key)
    flash(request, gettext("Vandringen är skapad. Skriv ut bladet med länken till deltagarna."))
    return redirect(request, "staff.walk", walk=walk.id)


async def walk_page(request: web.Request) -> web.Response:
    """One walk: its map and every place, with the decisions staff make on each."""
    walk = await walk_or_404(request)
    points = await request.app[STORE].read(store.list_points, walk.id)
    waiting = await request.app[STORE].read(point_subscribers, walk.id)
    stored = await request.app[STORE].read(get_promise, walk.promise)
    promise = stored.promise if stored else None
    lang = current_language()
    campaigns = request.app[CAMPAIGNS]
    zones = zone_names(campaigns, walk, lang)
    categories = category_labels(gettext)
    statuses = walk_status_labels(gettext)
    rows = []
    for number, point in enumerate(points, start=1):
        rows.append(
            {
                "point": point,
                "number": number,
                "category": categories[point.category],
                "status": statuses[point.status],
                "icon": WALK_STATUS_ICONS[point.status],
                "zone": zones.get(point.zone or "", ""),
                "responsible": responsible_name(promise, point.responsible, lang),
                "warnings": comment_warnings(point.note),
                "photo": f"/staff/walks/{walk.id}/photos/{point.id}" if point.photo else None,
                "waiting": waiting.get(point.id, 0),
            }
        )
    shown_map = map_data(campaigns, walk, lang)
    key = known_key(request, walk)
    context = {
        "active": "walks",
        "walk": walk,
        "promise": promise,
        "promise_title": promise.text(promise.title, lang) if promise else walk.promise,
        "rows": rows,
        "others": [(r["number"], r["point"].id) for r in rows if not r["point"].merged_into],
        "statuses": [(s, statuses[s]) for s in STATUSES],
        "needs_reason": NEEDS_REASON,
        "parties": [(p.id, promise.text(p.name, lang)) for p in promise.parties] if promise else [],
        "map_json": _dumps(shown_map) if shown_map else None,
        "points_json": _dumps(
            [
                {"id": p.id, "lat": p.lat, "lon": p.lon, "category": p.category}
                for p in points
                if not p.merged_into
            ]
        ),
        "category_labels": categories,
        "link": participants_link(request, walk, key) if key else None,
        "public_path": f"/p/{walk.promise}/walks/{walk.id}",
    }
    return render(request, "staff/walk.html", context)


async def decide_point(request: web.Request) -> web.Response:
    """One decision on a place: its status (with who answers for it and a reason), its note,
    its photo, or that it duplicates another place."""
    walk = await walk_or_404(request)
    point_id = request.match_info["point"]
    form = await request.post()
    action = form.get("action")
    now = app_clock(request).now()
    who = actor(request)

    def change(db):
        if action == "status":
            store.set_point_status(
                db,
                walk,
                point_id,
                str(form.get("status", "")),
                responsible=str(form.get("responsible", "")),
                reason=str(form.get("reason", "")),
                actor=who,
                now=now,
            )
        elif action in ("note_approve", "note_refuse"):
            store.decide_note(db, walk, point_id, action == "note_approve", actor=who, now=now)
        elif action in ("photo_approve", "photo_refuse"):
            store.decide_photo(db, walk, point_id, action == "photo_approve", actor=who, now=now)
        elif action == "merge":
            into = str(form.get("into", "")) or None
            store.merge_point(db, walk, point_id, into, actor=who, now=now)
        else:
            raise ValueError(gettext("Okänd åtgärd."))

    try:
        await request.app[STORE].write(change)
    except store.NoSuchPoint:
        raise web.HTTPNotFound(text=gettext("Platsen finns inte.")) from None
    except ValueError as error:
        message = str(error)
        if "reason" in message:
            message = gettext("En plats som inte åtgärdas behöver en offentlig motivering.")
        flash(request, message)
        return redirect(request, "staff.walk", anchor=f"point-{point_id}", walk=walk.id)
    request.app[PROMISE_CACHE].clear()
    flash(request, gettext("Sparat."))
    return redirect(request, "staff.walk", anchor=f"point-{point_id}", walk=walk.id)


async def change_walk(request: web.Request) -> web.Response:
    """Close or open the walk, publish or withdraw it, or give it a new participants' key."""
    walk = await walk_or_404(request)
    form = await request.post()
    action = form.get("action")
    now = app_clock(request).now()
    who = actor(request)
    key = store.new_key()

    def change(db):
        if action in ("close", "open"):
            store.set_open(db, walk, action == "open", actor=who, now=now)
        elif action in ("publish", "unpublish"):
            store.set_published(db, walk, action == "publish", actor=who, now=now)
        elif action == "new_key":
            store.replace_key(db, walk, key, actor=who, now=now)
        else:
            raise web.HTTPBadRequest()

    await request.app[STORE].write(change)
    request.app[PROMISE_CACHE].clear()
    messages = {
        "close": gettext("Vandringen är avslutad: den tar inte emot fler platser."),
        "open": gettext("Vandringen tar emot platser igen."),
        "publish": gettext("Vandringen är publicerad."),
        "unpublish": gettext("Vandringen är inte längre publicerad."),
        "new_key": gettext("En ny länk är skapad. Den gamla länken fungerar inte längre."),
    }
    if action == "new_key":
        remember_key(request, walk, key)
    flash(request, messages[action])
    return redirect(request, "staff.walk", walk=walk.id)


async def sheet(request: web.Request) -> web.Response:
    """A printable sheet for the participants: the walk, the link and its QR code."""
    walk = await walk_or_404(request)
    key = known_key(request, walk)
    link = participants_link(request, walk, key) if key else None
    context = {
        "active": "walks",
        "walk": walk,
        "link": link,
        "qr": qr_svg(link, walk.title).decode() if link else None,
    }
    return render(request, "staff/walk_sheet.html", context)


async def staff_photo(request: web.Request) -> web.Response:
    """A place's photo for staff to judge, approved or not."""
    walk = await walk_or_404(request)
    photo = await request.app[STORE].read(store.get_photo, walk.id, request.match_info["point"])
    if photo is None:
        raise web.HTTPNotFound()
    response = web.Response(body=photo.data, content_type=photo.content_type)
    response.headers["Content-Disposition"] = "inline"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
