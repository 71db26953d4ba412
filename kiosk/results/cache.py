"""The results of each campaign, counted once and served from memory until something changes.

A change staff make here (publishing, a summary, a flag, themes) drops the entry at once.
For any other change (a new answer, moderation, another process) the entry asks the
database at most every CHECK_SECONDS whether anything was committed since it was counted.
That question, and the one whether the results are still published, are asked on the
cache's own read-only connection, on the event loop: each takes microseconds and never
waits for a writer (WAL), so no reader ever queues behind them.

Publishing and unpublishing are seen at the next check, always. Other changes are counted
again once the entry is RECOUNT_SECONDS old: counting 100,000 answers takes a core a second
or more, which a stream of new answers must not ask every second. While one request counts
again, the others are served the last count. Counts run on a read-only connection of their
own in a worker thread, so the store's thread goes on writing answers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlite_utils import Database

from kiosk.clock import Clock
from storage import Store
from storage.connection import connect_reader
from storage.export_tables import open_export_reader
from storage.publication import data_version, publication
from storage.published_results import ResultsData, results_data
from survey import Campaign

CHECK_SECONDS = 1.0
RECOUNT_SECONDS = 10.0


@dataclass
class _Entry:
    version: int
    checked: float
    counted: float  # when the count began: it holds what was committed by then
    data: ResultsData
    rendered: dict[Any, Any] = field(default_factory=dict)


@dataclass
class ResultsCache:
    """Counted results per campaign, with what was rendered from them (pages, JSON)."""

    clock: Clock = field(default_factory=Clock)
    entries: dict[str, _Entry] = field(default_factory=dict)
    # Bumped by `invalidate`: a count that began before it is not kept.
    generations: dict[str, int] = field(default_factory=dict)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    # The connection the checks are asked on, used on the event loop's thread only.
    watch: Database | None = None
    # How the results are counted, in a worker thread: (database path, campaign) to data.
    count: Callable[[Path, Campaign], ResultsData] = field(default=lambda p, c: _count_apart(p, c))

    def invalidate(self, campaign: str | None = None) -> None:
        """Forget one campaign's results (or all): the next read counts afresh."""
        for campaign_id in [campaign] if campaign else list(self.entries):
            self.entries.pop(campaign_id, None)
            self.generations[campaign_id] = self.generations.get(campaign_id, 0) + 1

    def close(self) -> None:
        if self.watch is not None:
            self.watch.conn.close()
            self.watch = None

    def _watch(self, path: Path) -> Database:
        if self.watch is None:
            self.watch = connect_reader(path)
        return self.watch

    async def get(self, store: Store, campaign: Campaign) -> _Entry:
        """The campaign's entry, counted again only when the database has changed."""
        entry = self.entries.get(campaign.id)
        now = self.clock.monotonic()
        if entry is not None and now - entry.checked < CHECK_SECONDS:
            return entry
        watch = self._watch(store.path)
        version = data_version(watch)
        lock = self.locks.setdefault(campaign.id, asyncio.Lock())
        if entry is not None and self._serves_on(watch, campaign, entry, version, now, lock):
            entry.checked = now
            return entry
        # One count at a time per campaign; who waited for it takes its result, unless the
        # results were published or taken down since that count began.
        async with lock:
            entry = self.entries.get(campaign.id)
            version = data_version(watch)
            if entry is not None and self._serves_on(
                watch, campaign, entry, version, self.clock.monotonic()
            ):
                return entry
            began = self.clock.monotonic()
            generation = self.generations.get(campaign.id, 0)
            data = await asyncio.to_thread(self.count, store.path, campaign)
            entry = _Entry(version, began, began, data)
            if self.generations.get(campaign.id, 0) == generation:
                self.entries[campaign.id] = entry
            return entry

    @staticmethod
    def _serves_on(
        watch: Database,
        campaign: Campaign,
        entry: _Entry,
        version: int,
        now: float,
        lock: asyncio.Lock | None = None,
    ) -> bool:
        """Whether the entry still serves: nothing was committed since it was counted; or
        the results are published (or not) as they were, and the count is young or (given
        its lock) being made again by another request."""
        if version == entry.version:
            return True
        if publication(watch, campaign.id) != entry.data.publication:
            return False
        return now - entry.counted < RECOUNT_SECONDS or (lock is not None and lock.locked())

    async def rendered(
        self, store: Store, campaign: Campaign, key: Any, render: Callable[[ResultsData], Any]
    ) -> tuple[ResultsData, Any]:
        """What `render` makes of the results, made once per key while the results hold."""
        entry = await self.get(store, campaign)
        if key not in entry.rendered:
            entry.rendered[key] = render(entry.data)
        return entry.data, entry.rendered[key]


def _count_apart(path: Path, campaign: Campaign) -> ResultsData:
    """Count on a read-only connection of its own, in a worker thread: a long count never
    holds up the store's thread, where residents' answers are written."""
    db = open_export_reader(path)
    try:
        return results_data(db, campaign)
    finally:
        db.conn.close()


RESULTS_CACHE = web.AppKey("results_cache", ResultsCache)
