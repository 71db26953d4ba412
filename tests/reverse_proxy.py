"""A reverse proxy on 127.0.0.1, as a venue's nginx in front of the server: while the
server is away it answers 502 Bad Gateway instead of refusing the connection."""

from __future__ import annotations

import aiohttp
from aiohttp import web

from tests.live_server import BackgroundSite

# Hop-by-hop headers, and those aiohttp sets again for the body it sends.
NOT_PASSED = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}
SESSION = web.AppKey("session", aiohttp.ClientSession)


def proxy_app(upstream: str) -> web.Application:
    async def client_session(app: web.Application):
        async with aiohttp.ClientSession(auto_decompress=False) as session:
            app[SESSION] = session
            yield

    async def forward(request: web.Request) -> web.StreamResponse:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in NOT_PASSED}
        try:
            async with request.app[SESSION].request(
                request.method,
                upstream + request.path_qs,
                headers=headers,
                data=await request.read(),
                allow_redirects=False,
            ) as answer:
                body = await answer.read()
        except aiohttp.ClientConnectionError:
            return web.Response(status=502, text="Bad Gateway")
        passed = {k: v for k, v in answer.headers.items() if k.lower() not in NOT_PASSED}
        return web.Response(status=answer.status, headers=passed, body=body)

    app = web.Application()
    app.cleanup_ctx.append(client_session)
    app.router.add_route("*", "/{path:.*}", forward)
    return app


class ReverseProxy(BackgroundSite):
    def __init__(self, upstream: str):
        super().__init__(lambda: proxy_app(upstream))
