"""How fast one walk's participants may send: a token bucket per walk and kind (points,
photos), kept in memory only. A walk of twenty people marks a few places a minute each;
a script that has the key cannot fill the store.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from kiosk.clock import Clock

# (burst, per minute): a whole group sending its outbox at once still passes.
RATES = {"point": (200, 120.0), "photo": (40, 20.0)}
MAX_BUCKETS = 10_000
# Photos decoded at once: each takes a core while it runs.
DECODING_SLOTS = 2


@dataclass
class WalkLimits:
    clock: Clock = field(default_factory=Clock)
    buckets: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    _slots: asyncio.Semaphore | None = None

    def decoding(self) -> asyncio.Semaphore:
        """The slots for decoding photos (made in the running loop, on first use)."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(DECODING_SLOTS)
        return self._slots

    def wait_seconds(self, walk: str, kind: str) -> float:
        """0 if one more may be sent now (and it is counted), else seconds until one may."""
        burst, per_minute = RATES[kind]
        now = self.clock.monotonic()
        if len(self.buckets) > MAX_BUCKETS:
            self.buckets.clear()
        tokens, then = self.buckets.get((walk, kind), (float(burst), now))
        tokens = min(float(burst), tokens + (now - then) * per_minute / 60.0)
        if tokens < 1.0:
            self.buckets[(walk, kind)] = (tokens, now)
            return (1.0 - tokens) * 60.0 / per_minute
        self.buckets[(walk, kind)] = (tokens - 1.0, now)
        return 0.0


WALK_LIMITS = web.AppKey("walk_limits", WalkLimits)
