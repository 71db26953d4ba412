"""The results of each campaign, counted once and served from memory until something changes.

A change staff make here (publishing, a summary, a flag, themes) drops the entry at once;
for any other change (a new answer, moderation, another process) the entry checks the
database's change stamp at most every CHECK_SECONDS, so a page read a thousand times a
second costs the database a cheap read a second and nothing else. An entry that has seen
a change is counted again once it is RECOUNT_SECONDS old: counting 100,000 answers takes
the database thread a few seconds, which a stream of new answers must not ask every second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from storage import Store
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

    def invalidate(self, campaign: str | None = None) -> None:
        """Forget one campaign's results (or all): the next read counts afresh."""
        if campaign is None:
            self.entries.clear()
        else:
            self.entries.pop(campaign, None)

    async def get(self, store: Store, campaign: Campaign) -> _Entry:
        """The campaign's entry, counted again only when the database has changed."""
        entry = self.entries.get(campaign.id)
        now = self.clock()
        if entry is not None and now - entry.checked < CHECK_SECONDS:
            return entry
        if entry is not None:
            stamp = await store.read(change_stamp)
            if stamp == entry.stamp:
                entry.checked = now
                return entry
            young = now - entry.counted < RECOUNT_SECONDS
            # Publishing (from the command line, say) is never left waiting.
            if young and await store.read(publication, campaign.id) == entry.data.publication:
                entry.checked = now
                return entry

        def count(db):
            return change_stamp(db), results_data(db, campaign)

        stamp, data = await store.read(count)
        entry = _Entry(stamp, now, now, data)
        self.entries[campaign.id] = entry
        return entry

    async def rendered(
        self, store: Store, campaign: Campaign, key: Any, render: Callable[[ResultsData], Any]
    ) -> tuple[ResultsData, Any]:
        """What `render` makes of the results, made once per key while the results hold."""
        entry = await self.get(store, campaign)
        if key not in entry.rendered:
            entry.rendered[key] = render(entry.data)
        return entry.data, entry.rendered[key]


RESULTS_CACHE = web.AppKey("results_cache", ResultsCache)
