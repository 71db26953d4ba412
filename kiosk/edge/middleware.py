"""What every request passes on its way to its view, as one middleware (one layer of calls,
not three): the language first (`kiosk.edge.language`), then the errors, which turn any
failure below into a translated answer (`kiosk.edge.errors`), then the body's guards
(`kiosk.edge.request_body`), in that order.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from kiosk.edge.errors import failure_response
from kiosk.edge.language import language_first, remember_choices
from kiosk.edge.request_body import guarded_body


@web.middleware
async def edge_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Pick the language, answer the view's failures in it, guard the body; then remember a
    choice of language or Lättläst."""
    language_first(request)
    try:
        response = await guarded_body(request, handler)
    except Exception as error:  # cancellation is no Exception: it passes
        response = failure_response(request, error)
    return remember_choices(request, response)
