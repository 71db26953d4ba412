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
from kiosk.i18n import defer


@web.middleware
async def edge_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Pick the language, answer the view's failures in it, guard the body; then remember a
    choice of language or Lättläst. A view that `picks_language` (the answer API) has it
    chosen only if a text is needed: an answer stored needs none."""
    picks = getattr(handler, "picks_language", False)
    if picks:
        defer(lambda: language_first(request))
    else:
        language_first(request)
    try:
        response = await guarded_body(request, handler)
    except Exception as error:  # cancellation is no Exception: it passes
        response = failure_response(request, error)
    return response if picks else remember_choices(request, response)


def picks_language(view: Handler) -> Handler:
    """Mark `view` as one that names its language itself (an answer's `locale`) and remembers
    no choice: the request's own is chosen only when a text is needed before that."""
    view.picks_language = True  # type: ignore[attr-defined]
    return view
