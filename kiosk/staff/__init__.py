"""The staff pages under /staff/."""

from aiohttp import web


def setup_staff(app: web.Application) -> None:
    """Mount the staff pages, their session and CSRF middlewares on `app`."""
