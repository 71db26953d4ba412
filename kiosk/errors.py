"""Failures as clear, translated answers: JSON under /api/, a page elsewhere; never a traceback."""

from __future__ import annotations

import asyncio
import functools
import json
import logging

import aiohttp_jinja2
from aiohttp import web
from aiohttp.typedefs import Handler

from kiosk.i18n import gettext as _

log = logging.getLogger(__name__)
_dumps = functools.partial(json.dumps, ensure_ascii=False)

# HTTP statuses aiohttp itself raises, as the stable codes the API documents.
STATUS_CODES = {
    400: "request.bad",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body.too_large",
    500: "internal",
}


def status_message(status: int) -> str:
    """What a status means to a reader, in the request's language."""
    if status == 404:
        return _("Sidan finns inte.")
    if status == 405:
        return _("Den metoden stöds inte här.")
    if status == 413:
        return _("Det som skickades är för stort.")
    if status == 403:
        return _("Du har inte behörighet till det här.")
    if status >= 500:
        return _("Något gick fel hos oss. Försök igen om en stund.")
    return _("Begäran kunde inte förstås.")


def json_error(status: int, code: str, message: str, **extra) -> web.Response:
    """The API's error body: a stable code and a message in the request's language."""
    return web.json_response(
        {"error": code, "message": message, **extra}, status=status, dumps=_dumps
    )


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    """A plain page that says what went wrong, in the site's layout."""
    return aiohttp_jinja2.render_template(
        "error.html", request, {"status": status, "message": message}, status=status
    )


def error_response(request: web.Request, status: int) -> web.Response:
    message = status_message(status)
    if request.path.startswith("/api/"):
        return json_error(status, STATUS_CODES.get(status, "request.bad"), message)
    return error_page(request, status, message)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn aiohttp's errors and any unexpected failure into a translated answer."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        response = error_response(request, error.status)
        if error.status == 405 and "Allow" in error.headers:
            response.headers["Allow"] = error.headers["Allow"]
        return response
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("failed: %s %s", request.method, request.path)
        return error_response(request, 500)
