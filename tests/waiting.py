"""Waiting for what a test means, with a deadline, instead of sleeping a guessed while."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any


async def until(predicate: Callable[[], Any], timeout: float = 10.0, what: str = "condition"):
    """Ask `predicate` again until it gives something true, and return that; fail after
    `timeout` seconds. The event loop runs meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (found := predicate()):
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.01)
    return found


def wait_until(predicate: Callable[[], Any], timeout: float = 10.0, what: str = "condition"):
    """`until` for a test without an event loop (a browser test, a thread)."""
    deadline = time.monotonic() + timeout
    while not (found := predicate()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)
    return found
