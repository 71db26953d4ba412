"""`GET /healthz` for monitoring: is the store writable, and the bot connected when there
is one. JSON with a word per check and no secrets; 200 when all is well, else 503."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from kiosk.app_keys import STORE
from storage.health import probe_write

logger = logging.getLogger(__name__)
CHECK_SECONDS = 5
HEALTHY = frozenset({"writable", "connected"})
# A check answers one word: "writable", "connected", or what is wrong.
HealthCheck = Callable[[], Awaitable[str]]
HEALTH_CHECKS = web.AppKey("health_checks", dict[str, HealthCheck])


def store_check(app: web.Application) -> HealthCheck:
    async def check() -> str:
        try:
            await app[STORE].write(probe_write)
        except Exception as error:  # any failure to write is the answer, not a 500
            logger.warning("health: the store is not writable: %s", error)
            return "not writable"
        return "writable"

    return check


async def healthz(request: web.Request) -> web.Response:
    """Each check's word, within a few seconds; 503 if any is unhealthy."""
    checks = request.app[HEALTH_CHECKS]

    async def run(check: HealthCheck) -> str:
        try:
            return await asyncio.wait_for(check(), CHECK_SECONDS)
        except TimeoutError:
            return "timed out"

    words = await asyncio.gather(*(run(check) for check in checks.values()))
    found = dict(zip(checks, words, strict=True))
    healthy = all(word in HEALTHY for word in words)
    body = {"status": "ok" if healthy else "failing", **found}
    headers = {"Cache-Control": "no-store"}
    return web.json_response(body, status=200 if healthy else 503, headers=headers)


def setup_health(app: web.Application) -> None:
    """The route, and the store's check; others add theirs to `app[HEALTH_CHECKS]`."""
    app[HEALTH_CHECKS] = {"store": store_check(app)}
    app.router.add_get("/healthz", healthz, name="healthz")
