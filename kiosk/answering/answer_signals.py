"""The web survey's pseudonymous signal of where an answer came from, for the flags.

HMAC-SHA256 of the address and the browser's User-Agent under the campaign's salt of the
day: the same browser on the same network gives the same signal all day, and nothing else
about it is kept. The salt changes every day and is deleted when the campaign closes, so a
signal can be tied neither to another day nor, after the dialogue, to anyone.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, STORE
from kiosk.clock import CLOCK, Clock
from kiosk.edge.client_address import client_address
from storage.signal_salts import delete_salts, salt_of_day
from survey import Campaign

SIGNAL_HEX = 32
FORGET_EVERY_SECONDS = 3600


def signal_of(salt: bytes, address: str, user_agent: str) -> str:
    message = f"{address}\n{user_agent}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:SIGNAL_HEX]


@dataclass
class Salts:
    """Today's salt per campaign, kept in memory once read (or made) in the store."""

    clock: Clock = field(default_factory=Clock)
    known: dict[str, tuple[str, bytes]] = field(default_factory=dict)


SALTS = web.AppKey("answer_signal_salts", Salts)


async def web_signal(request: web.Request, campaign: Campaign) -> str | None:
    """The signal of this request's answer, or None where the campaign takes no answers."""
    salts = request.app[SALTS]
    now = salts.clock.now()
    if not campaign.is_open(now):
        return None
    day = now.astimezone(ZoneInfo(campaign.timezone)).date().isoformat()
    known = salts.known.get(campaign.id)
    if known is None or known[0] != day:
        salt = await request.app[STORE].write(salt_of_day, campaign.id, day)
        salts.known[campaign.id] = known = (day, salt)
    address = client_address(request)
    return signal_of(known[1], address, request.headers.get("User-Agent", ""))


async def forget_closed(app: web.Application) -> int:
    """Delete the salts of the campaigns that have closed; how many were deleted."""
    now = app[SALTS].clock.now()
    closed = [c.id for c in app[CAMPAIGNS].values() if c.status(now) == "closed"]
    for campaign in closed:
        app[SALTS].known.pop(campaign, None)
    return await app[STORE].write(delete_salts, closed)


async def _salt_keeper(app: web.Application):
    """While the app runs: closed campaigns' salts deleted at start and then every hour."""

    async def keep() -> None:
        while True:
            await forget_closed(app)
            await asyncio.sleep(FORGET_EVERY_SECONDS)

    task = asyncio.create_task(keep())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def setup_answer_signals(app: web.Application) -> None:
    app[SALTS] = Salts(app[CLOCK])
    app.cleanup_ctx.append(_salt_keeper)
