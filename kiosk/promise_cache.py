"""The public promise pages, kept rendered in memory, and the clock they are judged by.

A staff change in this process clears the cache at once (`PromiseCache.clear`); a change by
another process (an import from the command line) shows within FRESH_SECONDS.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from aiohttp import web

FRESH_SECONDS = 2.0


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class PromiseCache:
    """Rendered bodies by key, each with the time it was made and the generation it is of."""

    entries: dict[tuple, tuple[float, int, bytes]] = field(default_factory=dict)
    generation: int = 0

    def clear(self) -> None:
        self.generation += 1
        self.entries.clear()

    async def get(self, key: tuple, make) -> bytes:
        now = time.monotonic()
        found = self.entries.get(key)
        if found and found[1] == self.generation and now - found[0] < FRESH_SECONDS:
            return found[2]
        generation = self.generation
        body = await make()
        if generation == self.generation:
            self.entries[key] = (now, generation, body)
        return body


PROMISE_CACHE = web.AppKey("promise_cache", PromiseCache)
CLOCK = web.AppKey("promise_clock", Callable[[], datetime])


def today_of(app: web.Application) -> date:
    return app[CLOCK]().date()
