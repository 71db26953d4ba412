"""Promises: the public pages of citizen promises, their progress and follow-up.

`pages` answers /p/, /p/{promise}/, its QR code and /api/v1/promises/{promise}; `home`
picks the promises the front page shows; `view` turns a promise into what the templates
show (staff pages reuse it); `cache` keeps pages rendered once per change; `qr` draws
codes; `attract` is the kiosk's attract screen of a promise. Templates:
`templates/promises/`.
"""

from aiohttp import web

from kiosk.promises.pages import setup_promise_pages


def add_routes(app: web.Application) -> None:
    """Mount the public promise pages, their JSON, QR codes and the kiosk's attract screen."""
    setup_promise_pages(app)
