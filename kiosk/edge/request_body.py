"""Request bodies at the edge: bounded in time, never compressed, forms parsed safely.

A body that trickles in or never ends gets 408 after `WebConfig.body_timeout_seconds`.
A compressed body gets 415 (no channel sends one, and a body that only claims to be
compressed must not fail inside the decompressor). A form that cannot be decoded (invalid
UTF-8, an odd-length UTF-16 body, an unknown charset, multipart without a boundary, broken
off, or with a nameless part) gets 400 before any view sees it; one with more fields, or a
longer field, than any page of ours posts gets 413 before it is parsed. The parsed form is
kept by aiohttp, so a view's `await request.post()` reads it from there.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable

from aiohttp import web
from aiohttp.typedefs import Handler

from kiosk.app_keys import CONFIG
from kiosk.edge.errors import error_response, refusal
from kiosk.i18n import gettext as _

URLENCODED = "application/x-www-form-urlencoded"
FORM_TYPES = frozenset({URLENCODED, "multipart/form-data"})
# The largest form of ours is the campaign editor's: a few hundred fields. The longest field
# is a comment or a campaign text: 10,000 characters, 120 KB if every one is %-encoded.
MAX_FORM_FIELDS = 5_000
MAX_FIELD_BYTES = 128 * 1024
IDENTITY = frozenset({"", "identity"})


def unreadable_form(request: web.Request) -> web.Response:
    message = _("Formuläret kunde inte läsas. Ladda om sidan och försök igen.")
    return refusal(request, 400, "form.unreadable", message)


def too_many_fields(body: bytes) -> bool:
    """Whether an encoded form holds more fields, or a longer one, than any page of ours posts.

    Counted on the bytes, before anything is decoded or parsed: linear, and cheap."""
    if body.count(b"&") >= MAX_FORM_FIELDS:
        return True
    return len(body) > MAX_FIELD_BYTES and max(map(len, body.split(b"&"))) > MAX_FIELD_BYTES


async def parse_form(request: web.Request) -> web.Response | None:
    """Parse a posted form now; a refusal if it cannot be parsed, else None."""
    if request.content_length is not None and request.content_length > request.client_max_size:
        return None  # the view answers 413 in its own words (the staff upload names the limit)
    try:
        if request.content_type == URLENCODED and too_many_fields(await request.read()):
            return error_response(request, 413)
        await request.post()
    except web.HTTPRequestEntityTooLarge:
        return error_response(request, 413)
    except (ValueError, LookupError, TypeError, AssertionError):
        return unreadable_form(request)
    return None


def _guarded(request: web.Request, handler: Handler) -> Awaitable[web.StreamResponse]:
    """The view, after a posted form has been parsed (a plain call: most requests post none)."""
    # The raw header first: parsing it costs more, and most posts are JSON answers.
    if (
        request.method == "POST"
        and "form" in request.headers.get("Content-Type", "").lower()
        and request.content_type in FORM_TYPES
    ):
        return _form_first(request, handler)
    return handler(request)


async def _form_first(request: web.Request, handler: Handler) -> web.StreamResponse:
    refused = await parse_form(request)
    return refused if refused is not None else await handler(request)


def guarded_body(request: web.Request, handler: Handler) -> Awaitable[web.StreamResponse]:
    """The view, with compressed bodies refused, the time a body may take bounded and forms
    parsed safely (a plain call: awaited by `kiosk.edge.middleware`)."""
    if request.body_exists:  # an empty form is still parsed: multipart needs a boundary
        if request.headers.get("Content-Encoding", "").strip().lower() not in IDENTITY:
            return _compressed(request)
        if not request.content.is_eof():  # more is on its way: bound the wait for it
            return _bounded(request, handler)
    return _guarded(request, handler)  # the whole body came with the headers, or none


async def _compressed(request: web.Request) -> web.Response:
    response = error_response(request, 415)
    response.headers["Accept-Encoding"] = "identity"
    return response


async def _bounded(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The view, with a deadline for the rest of the body (lifted once it is in)."""
    content = request.content
    limit = request.config_dict[CONFIG].body_timeout_seconds
    try:
        async with asyncio.timeout(limit) as scope:
            # Once the body is in, the view may take as long as it needs.
            content.on_eof(lambda: _lift(scope))
            return await _guarded(request, handler)
    except TimeoutError:
        if content.is_eof():
            raise
        return error_response(request, 408)


def _lift(scope: asyncio.Timeout) -> None:
    """Remove the deadline, unless it fired already or the view has finished."""
    with contextlib.suppress(RuntimeError):
        scope.reschedule(None)
