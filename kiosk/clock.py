"""The clock the web app reads: passed in, so that tests move time instead of waiting."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from aiohttp import web


class Clock:
    """Wall-clock time (for stamps kept across restarts, and every answer is judged by) and
    monotonic time (for intervals). `now` and `today` are read from `time`, so a clock that
    moves `time` moves them too."""

    def time(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def today(self) -> date:
        return self.now().date()


CLOCK = web.AppKey("clock", Clock)


def app_clock(request: web.Request) -> Clock:
    """The clock of the request's application (a sub-application shares its parent's)."""
    return request.app.get(CLOCK) or request.config_dict.get(CLOCK) or Clock()
