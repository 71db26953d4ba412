"""Public information pages: the accessibility statement and the privacy notice."""

from aiohttp import web

from kiosk.information.pages import setup_info_pages


def add_routes(app: web.Application) -> None:
    """Mount /tillganglighet and /integritet."""
    setup_info_pages(app)
