"""A client that asks `/healthz` every 50 ms from a thread of its own, and records the waits.

It runs beside the server's event loop, not on it: when a request holds the loop, the probe's
answer comes late, and the wait is counted from when the probe meant to ask, so a probe that
could not even start on time still counts the whole delay.
"""

from __future__ import annotations

import asyncio
import gc
import http.client
import statistics
import threading
import time

INTERVAL = 0.05


class HealthProbe:
    """`async with HealthProbe(host, port) as probe: ...`, then `probe.worst` and `probe.median`."""

    def __init__(self, host: str, port: int, timeout: float = 30):
        self.host, self.port, self.timeout = host, port, timeout
        self.waits: list[float] = []
        self.failures: list[str] = []
        self.quiet_worst = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="health-probe", daemon=True)

    async def __aenter__(self) -> HealthProbe:
        # As `serve` does at start-up: what exists now is left out of later collections. In
        # a test process late in a suite that is a large heap, whose full collection would
        # hold the loop for longer than any request may. (Not collected first, as `serve`
        # does once: here that would cost a full collection per test.)
        gc.freeze()
        self._thread.start()
        return self

    async def __aexit__(self, *exc) -> None:
        """Stop, and wait for the last answer without holding the loop that gives it."""
        self._stop.set()
        await asyncio.to_thread(self._thread.join, self.timeout + 5)
        gc.unfreeze()

    def _run(self) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        due = time.monotonic()
        while not self._stop.is_set():
            try:
                connection.request("GET", "/healthz")
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    self.failures.append(f"status {response.status}")
            except (OSError, http.client.HTTPException) as error:
                self.failures.append(repr(error))
                connection.close()
                connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            answered = time.monotonic()
            self.waits.append(answered - due)
            due = max(answered, due) + INTERVAL
            self._stop.wait(max(0.0, due - time.monotonic()))
        connection.close()

    @property
    def worst(self) -> float:
        return max(self.waits, default=0.0)

    @property
    def median(self) -> float:
        return statistics.median(self.waits) if self.waits else 0.0

    def allowed(self, limit: float = 0.5) -> float:
        """The longest wait the test allows: `limit`, more on a machine slow for every probe
        (ten times the median), or slow now and then with no load at all (twice the worst
        wait of `quiet`, taken before the load began)."""
        return max(limit, 10 * self.median, 2 * self.quiet_worst)

    async def quiet(self, seconds: float = 0.25) -> None:
        """Probe for `seconds` before the load, to know the machine's own hiccups."""
        await asyncio.sleep(seconds)
        self.quiet_worst = self.worst
        self.waits.clear()
