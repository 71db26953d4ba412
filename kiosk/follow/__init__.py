"""Hearing back: a resident asks to be told when their areas move, confirms, stops, answers.

`pages` holds the subscription pages (/c/{campaign}/follow and /follow/{purpose}/{token});
`signup_limits` keeps one address or one browser from asking too often. Templates:
`templates/follow/`.
"""

from aiohttp import web

from kiosk.follow.pages import setup_follow_pages


def add_routes(app: web.Application) -> None:
    """Mount the subscription pages and their limits."""
    setup_follow_pages(app)
