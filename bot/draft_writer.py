"""Writing residents' places in the walk to the store in batches, a moment after they change.

Every button press changes a draft. A commit for each press would cost the bot more than
everything else it does for the press (a transaction, a disk flush, and the database
thread contending with the event loop), so drafts are collected for `delay` seconds and
written together in one transaction. What that risks: if the process dies without
stopping (a crash, SIGKILL), the presses of that last fraction of a second; a stop writes
everything first (`close`). Answers are never left waiting: storing, changing or deleting
one commits at once, together with whatever is waiting for the same resident.

The moment is asked of `call_later` (the event loop's by default): a test passes its own,
and says when the delay is over.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

from storage import Store
from storage.drafts import DraftRow, write_drafts

logger = logging.getLogger(__name__)


class Timer(Protocol):
    def cancel(self) -> None: ...


CallLater = Callable[[float, Callable[[], None]], Timer]


def loop_call_later(delay: float, callback: Callable[[], None]) -> Timer:
    """The running event loop's timer."""
    return asyncio.get_running_loop().call_later(delay, callback)


class DraftWriter:
    """Drafts (and sessions) waiting to be written, keyed by (channel, pseudonym) row."""

    def __init__(
        self,
        store: Store,
        channel: str,
        delay: float = 0.05,
        call_later: CallLater = loop_call_later,
    ) -> None:
        self._store, self._channel, self._delay = store, channel, delay
        self._call_later = call_later
        self._pending: dict[str, DraftRow] = {}
        self._timer: Timer | None = None
        self._flushing: asyncio.Task | None = None

    def stage(self, key: str, campaign: str, data: str | None) -> None:
        """Write this row soon (None: delete it); a later stage of the same row wins."""
        self._pending[key] = (campaign, data)
        if self._timer is None and self._flushing is None:
            self._timer = self._call_later(self._delay, self._start)

    def waiting(self, key: str) -> DraftRow | None:
        """What waits to be written for this row, if anything (newer than the store's)."""
        return self._pending.get(key)

    def take(self, keys: set[str]) -> dict[str, DraftRow]:
        """Remove and return what waits for these rows, to be written by the caller."""
        return {key: self._pending.pop(key) for key in keys if key in self._pending}

    async def written(self) -> None:
        """Wait for the batch being written, if any, to be in the store (rows that still wait
        for their delay are not written by this)."""
        if self._flushing is not None:
            await asyncio.shield(self._flushing)

    def _start(self) -> None:
        self._timer = None
        self._flushing = asyncio.ensure_future(self._flush())

    async def _flush(self) -> None:
        """Write one batch; what is staged meanwhile waits for the next (after `delay`)."""
        batch, self._pending = self._pending, {}
        try:
            if batch:
                await self._store.write(write_drafts, self._channel, batch)
        except Exception:  # the store is gone or broken: say so, keep the bot going
            logger.exception("%d drafts could not be written", len(batch))
        finally:
            self._flushing = None
            if self._pending and self._timer is None:
                self._timer = self._call_later(self._delay, self._start)

    async def close(self) -> None:
        """Write everything that waits (call before closing the store)."""
        while self._pending or self._flushing is not None or self._timer is not None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._flushing is not None:
                await self._flushing
            else:
                await self._flush()
