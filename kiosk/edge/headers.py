"""Security headers on every response, static files and error pages included.

Set in `on_response_prepare`, so they reach responses no middleware sees. A view that
needs another policy sets the header itself: these are only defaults (`setdefault`).
"""

from __future__ import annotations

import re
from functools import cache

from aiohttp import web

from kiosk.app_keys import CONFIG

# No inline script or style anywhere: every script and stylesheet is a file under /static/.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors {frame_ancestors}"
)
# The API answers with JSON, never a document: nothing in it may load or frame anything.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# Pages that must never be framed by another site, whatever the configuration says.
UNFRAMEABLE = ("/kiosk/", "/staff/")
UNFRAMEABLE_EXACT = frozenset({"/kiosk", "/staff"})
# A year; without includeSubDomains, as other hosts of a municipality's domain may be http.
HSTS = "max-age=31536000"
SECURE = re.compile(r";\s*secure\s*(;|$)", re.IGNORECASE)


def unframeable(path: str) -> bool:
    return path.startswith(UNFRAMEABLE) or path in UNFRAMEABLE_EXACT


def content_security_policy(path: str, frame_ancestors: str) -> str:
    """The CSP for a path: the web survey may be embedded where the configuration allows."""
    return _policy("'none'" if unframeable(path) else frame_ancestors)


@cache
def _policy(frame_ancestors: str) -> str:
    return POLICY.format(frame_ancestors=frame_ancestors)


def secure_every_cookie(headers) -> None:
    """Mark every cookie of the response Secure, also one a view forgot to."""
    cookies = headers.getall("Set-Cookie", ())
    if cookies and not all(SECURE.search(cookie) for cookie in cookies):
        del headers["Set-Cookie"]
        for cookie in cookies:
            headers.add("Set-Cookie", cookie if SECURE.search(cookie) else f"{cookie}; Secure")


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Add the CSP, frame, HSTS, nosniff, referrer and cache policies unless the view set its
    own."""
    headers = response.headers
    config = request.app[CONFIG]  # the staff sub-application holds a copy
    path = request.path
    if path.startswith("/api/"):  # most responses: every answer stored
        api_headers(headers, config.secure_cookies)
        return
    headers.setdefault(
        "Content-Security-Policy", content_security_policy(path, config.frame_ancestors)
    )
    if unframeable(path):
        headers.setdefault("X-Frame-Options", "DENY")
    if config.secure_cookies:  # served over https (MEDBORGARDIALOG_PUBLIC_URL): stay there
        headers.setdefault("Strict-Transport-Security", HSTS)
        secure_every_cookie(headers)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if path.startswith("/static/"):
        # Revalidated on every load (a 304 when unchanged): the kiosk's modules import each
        # other without version tags, so a release must never mix old and new files.
        headers.setdefault("Cache-Control", "no-cache")
    else:
        # Pages hold a resident's answers or staff data: never from a cache, nor Back.
        headers.setdefault("Cache-Control", "no-store")


def api_headers(headers, secure: bool) -> None:
    """The same policies for the API's JSON, which loads nothing, is never framed nor cached,
    and is never under /static/, /kiosk/ or /staff/."""
    setdefault = headers.setdefault
    setdefault("Content-Security-Policy", API_POLICY)
    if secure:
        setdefault("Strict-Transport-Security", HSTS)
        secure_every_cookie(headers)
    setdefault("X-Content-Type-Options", "nosniff")
    setdefault("Referrer-Policy", "same-origin")
    setdefault("Cache-Control", "no-store")
