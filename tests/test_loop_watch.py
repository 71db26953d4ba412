"""The server watches its own event loop: a view that holds it is logged once, by route."""

from __future__ import annotations

import logging
import time

from aiohttp import web

from kiosk.edge.loop_watch import LOOP_WATCH, setup_loop_watch
from tests.edge_server import start


async def holds_the_loop(request: web.Request) -> web.Response:
    time.sleep(0.5)  # work done on the loop instead of in a worker thread
    return web.Response(text="done")


async def quick(request: web.Request) -> web.Response:
    return web.Response(text="done")


def watched_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/slow/{item}", holds_the_loop)
    app.router.add_get("/quick", quick)
    inner = web.Application()
    inner.router.add_post("/inner", holds_the_loop)
    app.add_subapp("/sub", inner)
    setup_loop_watch(app)
    return app


def held(records) -> list[str]:
    return [r.getMessage() for r in records if r.name == "kiosk.edge.loop_watch"]


async def test_a_view_that_holds_the_loop_is_logged_once_with_its_route(aiohttp_client, caplog):
    caplog.set_level(logging.WARNING)
    client = await client_of(aiohttp_client)
    assert 200 == (await client.get("/slow/42")).status
    [message] = held(caplog.records)
    assert "GET /slow/{item}" in message
    assert 1 == client.server.app[LOOP_WATCH].stalls


async def test_a_view_of_a_sub_app_is_named_too(aiohttp_client, caplog):
    caplog.set_level(logging.WARNING)
    client = await client_of(aiohttp_client)
    assert 200 == (await client.post("/sub/inner")).status
    [message] = held(caplog.records)
    assert "POST /sub/inner" in message


async def test_quick_views_are_not_logged(aiohttp_client, caplog):
    caplog.set_level(logging.WARNING)
    client = await client_of(aiohttp_client)
    for _ in range(20):
        assert 200 == (await client.get("/quick")).status
    assert [] == held(caplog.records)
    assert 0 == client.server.app[LOOP_WATCH].stalls


async def test_the_product_watches_its_loop(aiohttp_client, settings):
    client, _ = await start(aiohttp_client, settings)
    watch = client.server.app[LOOP_WATCH]
    assert "POST /c/{campaign}/" in watch.views.values()
    assert "GET /staff/login" in watch.views.values()


async def client_of(aiohttp_client):
    return await aiohttp_client(watched_app())
