"""A page's address without its trailing slash leads to the page (`/c/demo` to `/c/demo/`)."""

from __future__ import annotations

from aiohttp import web


async def redirect_slash(request: web.Request) -> web.Response:
    """`/c/demo` and `/kiosk/demo` lead to the page with its trailing slash."""
    raise web.HTTPMovedPermanently(
        request.rel_url.with_path(request.path + "/").with_query(request.query)
    )
