"""The JSON API: the campaign as channels need it, and storing an answer.

See docs/architecture.md, "The answer API and the JSON export".
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import msgspec
from aiohttp import web

from kiosk.answering.answer_request import (
    ANSWER_BODY,
    BadPayload,
    Submission,
    parse_submission,
    typed_submission,
)
from kiosk.answering.answer_signals import web_signal
from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, STORE
from kiosk.clock import CLOCK, app_clock
from kiosk.edge.errors import json_error
from kiosk.edge.language import use_language
from kiosk.edge.middleware import picks_language
from kiosk.i18n import defer
from kiosk.i18n import gettext as _
from locales.problems import problem_message
from storage.kiosk_credentials import kiosk_key_source
from storage.submit import Status, Submitted, submit
from survey import Campaign
from survey.serialize import campaign_as_dict

# Room for the longest comment a campaign may allow (10,000 characters), even \u-escaped.
MAX_BODY_BYTES = 256 * 1024
KIOSK_KEY_HEADER = "X-Kiosk-Key"
STATUS = {Status.CREATED: 201, Status.ALREADY_STORED: 200, Status.REPLACED: 200}
# As one header: aiohttp takes it as given, where content_type and charset are parsed apart.
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}


def unknown_campaign() -> web.Response:
    return json_error(404, "campaign.unknown", _("Den enkäten finns inte."))


async def read_body(request: web.Request, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """The request body, or None when it is longer than `limit` (without reading it all)."""
    if request.content_length is not None:
        if request.content_length > limit:
            return None
        if request.content.is_eof():  # it all came with the headers, as an answer does
            return request.content.read_nowait()
        return await request.read()
    chunks, size = [], 0
    async for chunk in request.content.iter_any():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(
    request: web.Request, campaign: Campaign, limit: int = MAX_BODY_BYTES
) -> tuple[Any, web.Response | None]:
    """The decoded JSON body, answered from here on in the language it names; or the
    refusal to send (too large, not JSON)."""
    body = await read_body(request, limit)
    if body is None:
        return None, too_large()
    return decoded_json(request, body, campaign)


def too_large() -> web.Response:
    return json_error(413, "body.too_large", _("Det som skickades är för stort."))


def decoded_json(
    request: web.Request, body: bytes, campaign: Campaign
) -> tuple[Any, web.Response | None]:
    """`body` decoded as JSON (see `read_json`)."""
    try:
        data = json.loads(body.decode())  # JSON on the wire is UTF-8 (RFC 8259)
    except (ValueError, RecursionError):
        return None, json_error(422, "body.malformed", BadPayload("body.malformed").message())
    if isinstance(data, dict) and data.get("locale") in campaign.languages:
        use_language(request, data["locale"])
    return data, None


async def read_submission(
    request: web.Request, campaign: Campaign
) -> tuple[Submission | None, web.Response | None]:
    """The answer posted, answered from here on in the language it names; or the refusal.

    Typed while it is parsed (`AnswerBody`): what every channel of ours sends costs one pass.
    A body that does not fit is decoded again as plain JSON and checked field by field, so
    that the refusal names its first bad field."""
    body = await read_body(request)
    if body is None:
        return None, too_large()
    try:
        typed = ANSWER_BODY.decode(body)
    except msgspec.DecodeError:  # also a ValidationError: not JSON, or not of this shape
        data, refused = decoded_json(request, body, campaign)
        if refused is not None:
            return None, refused
        return _checked(parse_submission, data, campaign)
    if typed.locale in campaign.languages:  # chosen if a text is needed
        defer(partial(use_language, request, typed.locale))
    return _checked(typed_submission, typed, campaign)


def _checked(check, data, campaign: Campaign) -> tuple[Submission | None, web.Response | None]:
    try:
        return check(data, campaign), None
    except BadPayload as error:
        return None, json_error(422, error.code, error.message(), field=error.field)


async def get_campaign(request: web.Request) -> web.Response:
    """The campaign: texts in every language, areas, questions and the steps of the walk.

    Encoded once per campaign (a changed campaign is a new object) and status: every kiosk
    and every resident's browser asks for it."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        return unknown_campaign()
    now = app_clock(request).now()
    status = campaign.status(now)
    bodies = request.app[CAMPAIGN_BODIES]
    known = bodies.get(campaign.id)
    if known is None or known[0] is not campaign or known[1] != status:
        body = json.dumps(campaign_as_dict(campaign, now)).encode()
        bodies[campaign.id] = known = (campaign, status, body)
    return web.Response(body=known[2], content_type="application/json", charset="utf-8")


async def kiosk_source(request: web.Request, campaign: Campaign, submission: Submission):
    """The venue to record: from the kiosk key when one is sent or required, else as sent.

    Returns (source, None) or (None, error response).
    """
    config = request.app[CONFIG]
    key = request.headers.get(KIOSK_KEY_HEADER)
    if submission.channel == "kiosk" and (key or config.require_kiosk_key):
        source = None
        if key:
            source = await request.app[STORE].read(kiosk_key_source, campaign.id, key)
        if source is None:
            message = _("Kioskens nyckel saknas eller gäller inte längre.")
            return None, json_error(403, "kiosk_key.invalid", message)
        return source, None
    # When keys are required, only a key may claim a venue.
    return (None if config.require_kiosk_key else submission.source), None


@picks_language
async def post_response(request: web.Request) -> web.Response:
    """Store one answer, idempotently by its client-made id; 2xx only once committed."""
    app = request.app
    campaign = app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        return unknown_campaign()
    submission, refused = await read_submission(request, campaign)
    if refused is not None:
        return refused
    source, refused = await kiosk_source(request, campaign, submission)
    if refused is not None:
        return refused
    response = submission.as_response(campaign, source)
    outcome = await submit(
        app[STORE],
        campaign,
        response,
        now=app[CLOCK].now(),
        given=submission.given,
        signal=await web_signal(request, campaign) if response.channel == "web" else None,
    )
    if outcome.stored:
        return stored_response(outcome)
    return refused_response(outcome, app[CATALOGS].get(submission.locale))


def stored_response(outcome: Submitted) -> web.Response:
    """201 for a new answer, 200 for one stored before (docs/architecture.md)."""
    # The id is a canonical UUID and the status a fixed word: nothing to escape.
    late = ',"late":true' if outcome.late else ""
    body = f'{{"id":"{outcome.response.id}","status":"{outcome.status.value}"{late}}}'
    return web.Response(body=body.encode(), status=STATUS[outcome.status], headers=JSON_HEADERS)


def refused_response(outcome: Submitted, translations) -> web.Response:
    """Why the answer was not stored, as the API's status codes and JSON bodies."""
    if outcome.status is Status.CONFLICT:
        return json_error(409, "id.conflict", _("Ett annat svar med samma id finns redan."))
    details = [
        {**p.as_dict(), "message": problem_message(p, translations)} for p in outcome.problems
    ]
    first = details[0]
    if outcome.status is Status.NOT_OPEN:
        return json_error(410, first["code"], first["message"])
    return json_error(422, first["code"], first["message"], problems=details)


CAMPAIGN_BODIES = web.AppKey("campaign_bodies", dict)


def setup_api(app: web.Application) -> None:
    app[CAMPAIGN_BODIES] = {}
    app.router.add_get("/api/v1/campaigns/{campaign}", get_campaign)
    app.router.add_post("/api/v1/campaigns/{campaign}/responses", post_response)
