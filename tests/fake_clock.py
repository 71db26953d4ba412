"""A clock that moves only when a test moves it."""

from __future__ import annotations

from kiosk.clock import Clock


class FakeClock(Clock):
    """Starts at a fixed moment; `advance` moves both of its times forward."""

    def __init__(self, start: float = 1_790_000_000.0):
        self._now = start
        self._monotonic = 1000.0

    def time(self) -> float:
        return self._now

    def monotonic(self) -> float:
        return self._monotonic

    def advance(self, seconds: float) -> None:
        self._now += seconds
        self._monotonic += seconds
