"""A clock that moves only when a test moves it, passed to the app in place of the real one."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.clock import Clock


class FakeClock(Clock):
    """Starts at a fixed moment (seconds since the epoch, or an ISO 8601 text or datetime
    with its offset); `at` sets it, `advance` moves both of its times forward."""

    def __init__(self, start: float | str | datetime = 1_790_000_000.0):
        self._monotonic = 1000.0
        self.at(start)

    def time(self) -> float:
        return self._now

    def monotonic(self) -> float:
        return self._monotonic

    def at(self, when: float | str | datetime) -> None:
        if isinstance(when, str):
            when = datetime.fromisoformat(when)
        self._now = when.timestamp() if isinstance(when, datetime) else float(when)

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        """Move on by `seconds`, or by `timedelta`'s keywords (days=1, hours=2)."""
        step = seconds + timedelta(**delta).total_seconds()
        self._now += step
        self._monotonic += step
