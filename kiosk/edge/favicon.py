"""`/favicon.ico`: browsers ask for it on every page, whatever the page links to."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

FAVICON = Path(__file__).parent.parent / "static" / "favicon.ico"


async def favicon(request: web.Request) -> web.FileResponse:
    """The product's icon, a blue square with a speech bubble."""
    return web.FileResponse(FAVICON, headers={"Content-Type": "image/x-icon"})


def setup_favicon(app: web.Application) -> None:
    app.router.add_get("/favicon.ico", favicon)
