"""The participants' API of a safety walk: store a point, add its photo, read the photo back.

Every call carries the walk's key in `X-Walk-Key` (403 without a valid one; 410 once the
walk is closed). A point is stored once by its client-made id (201 new, 200 the same again,
409 other content under that id), as an answer is. A photo is decoded and encoded again in
a worker thread, without its metadata, and stays private until staff approve it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, CATALOGS, LANGUAGE, SECRET, STORE
from kiosk.clock import CLOCK, app_clock
from kiosk.edge.errors import json_error
from kiosk.follow.pages import FOLLOW_MAILER
from kiosk.i18n import gettext as _
from kiosk.walks.limits import WALK_LIMITS, WalkLimits
from storage.contacts import ContactBox
from storage.subscriptions import NewSubscription
from storage.walks import Stored, get_photo, get_walk, save_photo, save_point, walk_for_key
from survey.personal_data import comment_warnings
from survey.promises.walk_photo import ACCEPTED_TYPES, PhotoProblem, clean_photo
from survey.promises.walks import (
    MAX_PHOTO_BYTES,
    PointContact,
    PointProblem,
    Walk,
    WalkPoint,
    parse_contact,
    parse_point,
)

KEY_HEADER = "X-Walk-Key"
# Which words the participant agreed to, kept with the subscription as every consent is.
POINT_CONSENT_TEXT = "walk-point-1"
MAX_POINT_BYTES = 16 * 1024
STATUS = {Stored.CREATED: 201, Stored.ALREADY_STORED: 200}


def problem_message(code: str) -> str:
    """What a refused point or photo means, in the request's language."""
    messages = {
        "body.malformed": _("Det som skickades gick inte att läsa."),
        "id.invalid": _("Punkten saknar ett giltigt id."),
        "point.position_missing": _("Punkten saknar en position."),
        "point.position_invalid": _("Punktens position är ogiltig."),
        "point.outside_map": _("Punkten ligger utanför kartan för den här vandringen."),
        "point.category_unknown": _("Välj en av kategorierna."),
        "point.note_invalid": _("Anteckningen måste vara text."),
        "point.note_too_long": _("Anteckningen får vara högst 280 tecken lång."),
        "time.invalid": _("Tiden måste anges enligt ISO 8601 med tidszon."),
        "captured_at.future": _("Tiden ligger i framtiden."),
        "photo.not_image": _("Filen är ingen bild som kan läsas."),
        "photo.too_many_pixels": _("Bilden har för många bildpunkter."),
        "photo.type": _("Skicka bilden som JPEG eller PNG."),
        "contact.invalid": _("Kontaktuppgiften gick inte att läsa."),
        "contact.consent_missing": _(
            "Kryssa i att du vill få besked, annars sparar vi ingen adress."
        ),
        "contact.email_invalid": _("Skriv en e-postadress, till exempel namn@example.se."),
        "contact.unavailable": _("Besked via e-post kan inte ges här."),
    }
    return messages.get(code, _("Begäran kunde inte förstås."))


async def keyed_walk(request: web.Request) -> tuple[Walk | None, web.Response | None]:
    """The walk if the request carries its key: else a 403 (the same for an unknown walk)."""
    walk = await request.app[STORE].read(
        walk_for_key, request.match_info["walk"], request.headers.get(KEY_HEADER)
    )
    if walk is None:
        message = _("Nyckeln till vandringen saknas eller gäller inte längre.")
        return None, json_error(403, "walk_key.invalid", message)
    return walk, None


def open_or_refused(request: web.Request, walk: Walk, kind: str) -> web.Response | None:
    """410 when the walk no longer takes points; 429 when its key sends too fast."""
    if not walk.open:
        return json_error(410, "walk.closed", _("Vandringen är avslutad och tar inte emot fler."))
    wait = request.app[WALK_LIMITS].wait_seconds(walk.id, kind)
    if wait:
        response = json_error(429, "walk.too_fast", _("För många på kort tid. Försök igen snart."))
        response.headers["Retry-After"] = str(max(1, round(wait)))
        return response
    return None


async def read_limited(request: web.Request, limit: int) -> bytes | None:
    """The body, or None when it is longer than `limit` (without reading it all)."""
    if request.content_length is not None and request.content_length > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.content.iter_any():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def too_large() -> web.Response:
    return json_error(413, "body.too_large", _("Det som skickades är för stort."))


async def post_point(request: web.Request) -> web.Response:
    """Store one marked place, idempotently by its client-made id; 2xx only once committed."""
    walk, refused = await keyed_walk(request)
    if refused is not None:
        return refused
    refused = open_or_refused(request, walk, "point")
    if refused is not None:
        return refused
    body = await read_limited(request, MAX_POINT_BYTES)
    if body is None:
        return too_large()
    try:
        data = json.loads(body.decode())
    except (ValueError, RecursionError):
        return json_error(422, "body.malformed", problem_message("body.malformed"))
    campaign = request.app[CAMPAIGNS].get(walk.campaign)
    try:
        point = parse_point(data, campaign.map if campaign else None, app_clock(request).now())
        contact = parse_contact(data)
        if contact is not None and request.app.get(FOLLOW_MAILER) is None:
            raise PointProblem("contact.unavailable", "contact")
    except PointProblem as problem:
        return json_error(422, problem.code, problem_message(problem.code), field=problem.field)
    watcher = point_watcher(request, walk, point, contact) if contact else None
    stored = await request.app[STORE].write(
        save_point, walk, point, request.app[CLOCK].now(), watcher
    )
    if stored is Stored.CONFLICT:
        message = _("Det finns redan en annan punkt med samma id.")
        return json_error(409, "id.conflict", message)
    body = {"id": point.id, "status": stored.value, "warnings": list(comment_warnings(point.note))}
    return web.json_response(body, status=STATUS[stored])


def point_watcher(
    request: web.Request, walk: Walk, point: WalkPoint, contact: PointContact
) -> NewSubscription:
    """The participant's "tell me when it is fixed": the address sealed, for this place only,
    in the language they used (no confirmation mail: it is told one message, once)."""
    box = ContactBox(request.app[SECRET])
    languages = request.app[CATALOGS].languages
    return NewSubscription(
        channel="email",
        contact=box.seal(contact.email),
        contact_key=box.key("email", contact.email, scope=f"{walk.id}/{point.id}"),
        campaign=walk.campaign,
        areas=(),
        locale=contact.locale if contact.locale in languages else request[LANGUAGE],
        consent_channel="walk",
        consent_text=POINT_CONSENT_TEXT,
        promise=walk.promise,
        confirmed=True,
        walk=walk.id,
        point=point.id,
    )


async def decoded(request: web.Request, body: bytes):
    """The photo cleaned in a worker thread, at most two at a time (the machine's cores)."""
    limits: WalkLimits = request.app[WALK_LIMITS]
    async with limits.decoding():
        return await asyncio.to_thread(clean_photo, body)


async def post_photo(request: web.Request) -> web.Response:
    """Add the photo of a point: decoded, upright, at most 2,048 px, without EXIF; private."""
    walk, refused = await keyed_walk(request)
    if refused is not None:
        return refused
    refused = open_or_refused(request, walk, "photo")
    if refused is not None:
        return refused
    if request.content_type not in ACCEPTED_TYPES:
        return json_error(415, "photo.type", problem_message("photo.type"))
    body = await read_limited(request, MAX_PHOTO_BYTES)
    if body is None:
        return too_large()
    try:
        photo = await decoded(request, body)
    except PhotoProblem as problem:
        return json_error(422, problem.code, problem_message(problem.code))
    upload = hashlib.sha256(body).hexdigest()
    point_id = request.match_info["point"]
    stored = await request.app[STORE].write(
        save_photo, walk, point_id, upload, photo, request.app[CLOCK].now()
    )
    if stored is Stored.NO_POINT:
        return json_error(404, "point.unknown", _("Punkten finns inte. Skicka punkten först."))
    if stored is Stored.CONFLICT:
        message = _("Punkten har redan en annan bild.")
        return json_error(409, "photo.conflict", message)
    return web.json_response({"id": point_id, "status": stored.value}, status=STATUS[stored])


async def get_point_photo(request: web.Request) -> web.Response:
    """A point's photo: with the walk's key always; without it only once the walk is
    published and staff approved the photo."""
    store = request.app[STORE]
    walk_id, point_id = request.match_info["walk"], request.match_info["point"]
    key = request.headers.get(KEY_HEADER) or request.query.get("k")
    walk = await store.read(walk_for_key, walk_id, key) if key else None
    photo = None
    if walk is not None:
        photo = await store.read(get_photo, walk_id, point_id)
    else:
        public = await store.read(get_walk, walk_id)
        if public is not None and public.published_at is not None:
            photo = await store.read(get_photo, walk_id, point_id)
            photo = photo if photo and photo.approved else None
    if photo is None:
        raise web.HTTPNotFound()
    response = web.Response(body=photo.data, content_type=photo.content_type)
    response.headers["Content-Disposition"] = "inline"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store" if walk else "public, max-age=300"
    return response


def add_routes(app: web.Application) -> None:
    app[WALK_LIMITS] = WalkLimits(app[CLOCK])
    app.router.add_post("/api/v1/walks/{walk}/points", post_point)
    app.router.add_post("/api/v1/walks/{walk}/points/{point}/photo", post_photo)
    app.router.add_get("/api/v1/walks/{walk}/points/{point}/photo", get_point_photo)
