"""Walks: a safety walk's participants mark places on their phones.

`page` is `/w/{walk}/?k={key}` (the map, "Här står jag", a list of zones, the outbox of what
waits for a signal); `api` stores their points and photos (`POST /api/v1/walks/{walk}/points`,
`…/points/{point}/photo`, with the walk's key in `X-Walk-Key`); `limits` bounds how fast one
walk's key may send. The public side of a published walk lives with the promises
(`kiosk.promises.walk_pages`). Templates: `templates/walks/`.
"""

from aiohttp import web

from kiosk.walks import api, page


def add_routes(app: web.Application) -> None:
    """Mount the participants' page and their API."""
    page.add_routes(app)
    api.add_routes(app)
