"""The HTTP edge: what every request meets on its way in and out, whatever page it asks for.

The one middleware (`middleware`: `language` picks the language, `errors` turns failures
into translated pages and JSON, `request_body` guards bodies), the security headers (`headers`), the
client's address behind trusted proxies (`client_address`), absolute links to our own
pages (`links`), the storage alarm (`storage_failure`), the HTTP parser's one-line log
(`protocol_log`), the watch on the event loop (`loop_watch`), and the door's own answers:
/healthz (`health`) and /favicon.ico.
"""

from aiohttp import web

from kiosk.edge.favicon import setup_favicon
from kiosk.edge.health import setup_health


def add_routes(app: web.Application) -> None:
    """Mount /favicon.ico and /healthz (the middlewares and headers are set in `create_app`)."""
    setup_favicon(app)
    setup_health(app)
