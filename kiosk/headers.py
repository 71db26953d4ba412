"""Security headers on every response, static files and error pages included.

Set in `on_response_prepare`, so they reach responses no middleware sees. A view that
needs another policy sets the header itself: these are only defaults (`setdefault`).
"""

from __future__ import annotations

from functools import cache

from aiohttp import web

from kiosk.keys import CONFIG

# No inline script or style anywhere: every script and stylesheet is a file under /static/.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors {frame_ancestors}"
)
# Pages that must never be framed by another site, whatever the configuration says.
UNFRAMEABLE = ("/kiosk/", "/staff/")


def content_security_policy(path: str, frame_ancestors: str) -> str:
    """The CSP for a path: the web survey may be embedded where the configuration allows."""
    return _policy("'none'" if path.startswith(UNFRAMEABLE) else frame_ancestors)


@cache
def _policy(frame_ancestors: str) -> str:
    return POLICY.format(frame_ancestors=frame_ancestors)


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Add the CSP, nosniff, referrer and cache policies unless the view set its own."""
    headers = response.headers
    frame_ancestors = request.app[CONFIG].frame_ancestors
    headers.setdefault(
        "Content-Security-Policy", content_security_policy(request.path, frame_ancestors)
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path.startswith("/static/"):
        # Revalidated on every load (a 304 when unchanged): the kiosk's modules import each
        # other without version tags, so a release must never mix old and new files.
        headers.setdefault("Cache-Control", "no-cache")
    else:
        # Pages hold a resident's answers or staff data: never from a cache, nor Back.
        headers.setdefault("Cache-Control", "no-store")
