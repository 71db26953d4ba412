"""A clock the tests set by hand, passed to the app in place of the real one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Calling it tells the time; `at` and `advance` move it."""

    def __init__(self, start: datetime | str):
        self.at(start)

    def __call__(self) -> datetime:
        return self.now

    def at(self, when: datetime | str) -> None:
        self.now = datetime.fromisoformat(when) if isinstance(when, str) else when
        self.now = self.now.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
