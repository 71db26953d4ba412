"""Fuzzing the HTTP edge: 1,000 hostile requests to every public route of the app (API, web survey,
kiosk, results, promises, sign-ups, static files, the staff login; 100 in the quick loop), then
raw bytes the parser must refuse. No answer may be a 5xx and the log may hold no error and no
traceback, and while they go in, a probe that asks `/healthz` every 50 ms never waits long (none
is held up by another's request).

The routes come from a list the first test holds against the app's own router, so a new
public route is fuzzed from the day it is added. A run draws new requests; set FUZZ_SEED to
replay one (a failure names its seed).
"""

from __future__ import annotations

import logging
import os
import random

import aiohttp
import pytest
from yarl import URL

from tests.edge_server import edge_settings, problems_in, raw_exchange, start, status_of
from tests.health_probe import HealthProbe
from tests.hostile_requests import PUBLIC_ROUTES, RAW, hostile_request


@pytest.fixture
async def edge(aiohttp_client, settings, caplog):
    caplog.set_level(logging.INFO)
    # No recorded speech: a request Lyssna would record is judged, then answered 404, and
    # no espeak-ng process starts (this test starts none).
    client, _ = await start(aiohttp_client, edge_settings(settings, espeak=None))
    return client


def public_routes(app) -> set[str]:
    """Every route of the app a resident (or anybody) reaches without logging in."""
    found = {resource.canonical for resource in app.router.resources()}
    found = {"/static/{filename}" if route == "/static" else route for route in found}
    # The staff pages are one sub-application: only its door is public.
    return {r for r in found if r == "/staff" or not r.startswith("/staff")} | {
        "/staff/login",
        "/staff/language",
    }


async def test_every_public_route_is_fuzzed(edge):
    assert public_routes(edge.server.app) == set(PUBLIC_ROUTES)


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
async def test_hostile_requests_never_get_a_5xx_nor_leave_a_traceback(
    edge, caplog, route, fuzz_depth
):
    seed = int(os.environ.get("FUZZ_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    failures, statuses = [], {}
    async with HealthProbe(edge.server.host, edge.server.port) as probe:
        await probe.quiet()
        for _ in range(fuzz_depth):
            hostile = hostile_request(rng, route)
            try:
                response = await edge.request(
                    hostile.method,
                    URL(hostile.path, encoded=True),
                    headers=hostile.headers,
                    data=hostile.body,
                    allow_redirects=False,
                )
                await response.read()
                status = response.status
            except aiohttp.ClientError:
                # The server closed the connection or sent the parser's plain 400, which the
                # client cannot always read back (a HEAD, a closed connection): fine for junk.
                status = 0
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 500:
                failures.append((status, hostile))
    assert [] == failures, f"FUZZ_SEED={seed}"
    # `/healthz` never waited long while the hostile requests went in.
    assert probe.worst <= probe.allowed(), (f"FUZZ_SEED={seed}", probe.worst, probe.median)
    assert [] == problems_in(caplog.records), f"FUZZ_SEED={seed}"
    assert sum(statuses.values()) == fuzz_depth
    assert any(400 <= status < 500 for status in statuses), statuses


async def test_raw_bytes_the_parser_refuses_never_get_a_5xx(edge, caplog):
    failures = []
    for data in RAW:
        status = status_of(await raw_exchange(edge, data) or b"HTTP/1.1 000 closed")
        if status >= 500:
            failures.append((status, data))
    assert [] == failures
    assert [] == problems_in(caplog.records)
