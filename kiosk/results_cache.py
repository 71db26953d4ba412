"""The results of each campaign, counted once and served from memory until something changes.

A change staff make here (publishing, a summary, a flag, themes) drops the entry at once;
for any other change (a new answer, moderation, another process) the entry checks the
database's change stamp at most every CHECK_SECONDS, so a page read a thousand times a
second costs the database a cheap read a second and nothing else. An entry that has seen
a change is counted again once it is RECOUNT_SECONDS old: counting 100,000 answers takes a
core a second or more, which a stream of new answers must not ask every second. Counts run
on a read-only connection of their own, so the store's thread goes on writing answers.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from storage import Store
from storage.export_tables import open_export_reader
from storage.publication import change_stamp, publication
from storage.results_data import ResultsData, results_data
from survey import Campaign

CHECK_SECONDS = 1.0
RECOUNT_SECONDS = 10.0


@dataclass
class _Entry:
    stamp: tuple[int, int]
    checked: float
    counted: float
    data: ResultsData
    rendered: dict[Any, Any] = field(default_factory=dict)


@dataclass
class ResultsCache:
    """Counted results per campaign, with what was rendered from them (pages, JSON)."""

    clock: Callable[[], float] = time.monotonic
    entries: dict[str, _Entry] = field(default_factory=dict)
    # Bumped by `invalidate`: a count that began before it is not kept.
    generations: dict[str, int] = field(default_factory=dict)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    def invalidate(self, campaign: str | None = None) -> None:
        """Forget one campaign's results (or all): the next read counts afresh."""
        for campaign_id in [campaign] if campaign else list(self.entries):
            self.entries.pop(campaign_id, None)
            self.generations[campaign_id] = self.generations.get(campaign_id, 0) + 1

    async def get(self, store: Store, campaign: Campaign) -> _Entry:
        """The campaign's entry, counted again only when the database has changed."""
        entry = self.entries.get(campaign.id)
        if entry is not None and self.clock() - entry.checked < CHECK_SECONDS:
            return entry
        # One count at a time per campaign; who waited for it takes its result.
        async with self.locks.setdefault(campaign.id, asyncio.Lock()):
            entry = self.entries.get(campaign.id)
            now = self.clock()
            if entry is not None and now - entry.checked < CHECK_SECONDS:
                return entry
            if entry is not None and await self._still_good(store, campaign, entry, now):
                entry.checked = now
                return entry
            generation = self.generations.get(campaign.id, 0)
            stamp = await store.read(change_stamp)
            data = await asyncio.to_thread(_count_apart, store.path, campaign)
            entry = _Entry(stamp, now, now, data)
            if self.generations.get(campaign.id, 0) == generation:
                self.entries[campaign.id] = entry
            return entry

    async def _still_good(self, store: Store, campaign: Campaign, entry: _Entry, now: float):
        """Whether the database is unchanged, or changed while the count is young (but for
        publishing, from the command line say, which is never left waiting)."""
        stamp = await store.read(change_stamp)
        if stamp == entry.stamp:
            return True
        if now - entry.counted >= RECOUNT_SECONDS:
            return False
        return await store.read(publication, campaign.id) == entry.data.publication

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
