"""Noticing, in a running process, that staff opened, changed or closed a campaign.

Every change of a campaign moves one stamp in the store. Each process (`serve`, and a `bot`
running alone) reads it every couple of seconds and, when it moved, reads the campaigns
again and replaces its registry's set in one step: no restart, no campaign half-changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from storage import Store
from storage.campaigns import campaigns_stamp, published_campaigns
from survey.registry import CampaignRegistry

POLL_SECONDS = 2.0
logger = logging.getLogger(__name__)


class CampaignWatch:
    """Keeps `registry` in step with the campaigns in `store`."""

    def __init__(self, store: Store, registry: CampaignRegistry, stamp: int | None = None):
        self.store = store
        self.registry = registry
        self.stamp = stamp

    async def refresh(self) -> bool:
        """Read the campaigns again if the stamp moved; True when the set was replaced."""
        stamp = await self.store.read(campaigns_stamp)
        if stamp == self.stamp:
            return False
        # The stamp first: a change that lands in between is read again on the next turn.
        self.registry.replace(await self.store.read(published_campaigns))
        self.stamp = stamp
        return True

    async def run(
        self,
        interval: float = POLL_SECONDS,
        wait: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        """Refresh every `interval` seconds until cancelled; a failed read is tried again."""
        while True:
            try:
                await self.refresh()
            except Exception:  # the store unavailable for a moment: keep what we serve
                logger.exception("the campaigns could not be read again")
            await wait(interval)


@contextlib.asynccontextmanager
async def watching(watch: CampaignWatch) -> AsyncIterator[CampaignWatch]:
    """Run `watch` for as long as the block lasts."""
    task = asyncio.create_task(watch.run())
    try:
        yield watch
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def attach_watch(app: web.Application, watch: CampaignWatch) -> None:
    """Watch the campaigns while the aiohttp app runs."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        async with watching(watch):
            yield

    app.cleanup_ctx.append(context)
