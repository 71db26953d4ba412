"""Failures as clear, translated answers: JSON under /api/, a page elsewhere; never a traceback."""

from __future__ import annotations

import json
import logging

import aiohttp_jinja2
from aiohttp import web
from aiohttp.web_protocol import RequestPayloadError

from kiosk.clock import app_clock
from kiosk.edge.storage_failure import (
    RETRY_AFTER_SECONDS,
    STORAGE_ALARM,
    StorageAlarm,
    is_storage_unavailable,
)
from kiosk.i18n import gettext as _

log = logging.getLogger(__name__)

# HTTP statuses aiohttp itself raises, as the stable codes the API documents.
STATUS_CODES = {
    400: "request.bad",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request.timeout",
    413: "body.too_large",
    415: "body.encoding",
    500: "internal",
    503: "storage.unavailable",
}


def _dumps(value) -> str:
    """JSON as UTF-8 text; with \\u escapes when a text holds a lone surrogate that UTF-8
    cannot carry (an id echoed back from a hostile body), so an error body always encodes."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode()
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


def status_message(status: int) -> str:
    """What a status means to a reader, in the request's language."""
    if status == 404:
        return _("Sidan finns inte.")
    if status == 405:
        return _("Den metoden stöds inte här.")
    if status == 408:
        return _("Det tog för lång tid att ta emot det som skickades. Försök igen.")
    if status == 413:
        return _("Det som skickades är för stort.")
    if status == 415:
        return _("Det som skickades är komprimerat på ett sätt som inte stöds.")
    if status == 403:
        return _("Du har inte behörighet till det här.")
    if status == 503:
        return _("Svaren kan inte sparas just nu. Försök igen om en stund.")
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


def refusal(request: web.Request, status: int, code: str, message: str) -> web.Response:
    """A refusal with its own code and message: JSON under /api/, a page elsewhere."""
    if request.path.startswith("/api/"):
        return json_error(status, code, message)
    return error_page(request, status, message)


def error_response(request: web.Request, status: int) -> web.Response:
    return refusal(request, status, STATUS_CODES.get(status, "request.bad"), status_message(status))


def storage_unavailable(request: web.Request, error: BaseException) -> web.Response:
    """503 with Retry-After: the client keeps what it sent and tries again later."""
    alarm = request.config_dict.get(STORAGE_ALARM)
    if alarm is None:
        alarm = StorageAlarm(app_clock(request))
    alarm.report(error, request)
    response = error_response(request, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def failure_response(request: web.Request, error: Exception) -> web.StreamResponse:
    """Turn aiohttp's errors and any unexpected failure of a view into a translated answer;
    a redirect (an HTTPException under 400) is raised again, for aiohttp to send."""
    if isinstance(error, web.HTTPException):
        if error.status < 400:
            raise error
        response = error_response(request, error.status)
        if error.status == 405 and "Allow" in error.headers:
            response.headers["Allow"] = error.headers["Allow"]
        return response
    if isinstance(error, RequestPayloadError):  # the body broke off, or its framing was wrong
        log.info("incomplete body: %s %s: %s", request.method, request.path, error)
        return refusal(request, 400, "body.incomplete", _("Det som skickades kom inte fram helt."))
    if isinstance(error, UnicodeEncodeError):  # a lone surrogate: nothing can store or show it
        message = _("Texten innehåller tecken som inte kan sparas.")
        return refusal(request, 422, "text.invalid", message)
    if is_storage_unavailable(error):
        return storage_unavailable(request, error)
    log.exception("failed: %s %s", request.method, request.path, exc_info=error)
    return error_response(request, 500)
