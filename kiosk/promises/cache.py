"""The public promise pages, kept rendered in memory.

A staff change in this process clears the cache at once (`PromiseCache.clear`); a change by
another process (an import from the command line) shows within FRESH_SECONDS.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

from kiosk.clock import Clock

FRESH_SECONDS = 10.0


@dataclass
class PromiseCache:
    """Rendered bodies by key, each with the time it was made and the generation it is of.

    One render per key at a time: the requests that arrive meanwhile wait for it, and an
    entry past FRESH_SECONDS is served while one request's render replaces it, so a busy
    page never makes every waiting request render it at once.
    """

    clock: Clock = field(default_factory=Clock)
    entries: dict[tuple, tuple[float, int, bytes]] = field(default_factory=dict)
    pending: dict[tuple, asyncio.Future] = field(default_factory=dict)
    generation: int = 0

    def clear(self) -> None:
        self.generation += 1
        self.entries.clear()

    async def get(self, key: tuple, make: Callable[[], Awaitable[bytes]]) -> bytes:
        found = self.entries.get(key)
        if found and found[1] == self.generation:
            if self.clock.monotonic() - found[0] >= FRESH_SECONDS:
                self._render(key, make)
            return found[2]
        return await asyncio.shield(self._render(key, make))

    def _render(self, key: tuple, make) -> asyncio.Future:
        """The render of `key` for this generation, started unless one is under way."""
        generation = self.generation
        task = self.pending.get((key, generation))
        if task is None:
            task = asyncio.ensure_future(make())
            self.pending[(key, generation)] = task
            task.add_done_callback(lambda done: self._store(key, generation, done))
        return task

    def _store(self, key: tuple, generation: int, done: asyncio.Future) -> None:
        self.pending.pop((key, generation), None)
        if done.cancelled():
            return
        if done.exception() is not None:  # a 404 now: forget what was shown before
            self.entries.pop(key, None)
        elif generation == self.generation:
            self.entries[key] = (self.clock.monotonic(), generation, done.result())


PROMISE_CACHE = web.AppKey("promise_cache", PromiseCache)
