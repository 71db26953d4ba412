"""The events of the cycle (results, promise, progress, follow-up) that residents hear about.

An event is recorded inside the transaction of the change that causes it: the change and
what it owes subscribers are committed together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

EVENT_KINDS = (
    "results_published",
    "promise_published",
    "activity_status",
    "activity_update",
    "followup_published",
)


@dataclass(frozen=True)
class CycleEvent:
    """Something that moved: which kind, for which campaign or promise, activity and areas."""

    kind: str
    campaign: str | None = None
    promise: str | None = None
    activity: str | None = None
    areas: tuple[str, ...] = ()
    detail: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")


def record_event(db: Database, event: CycleEvent, now: datetime) -> int:
    """Record `event` in the open transaction; returns its id."""
    cursor = db.execute(
        "INSERT INTO cycle_events (kind, campaign, promise, activity, areas, detail, happened_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            event.kind,
            event.campaign,
            event.promise,
            event.activity,
            json.dumps(list(event.areas)),
            json.dumps(dict(event.detail), ensure_ascii=False, default=str),
            now.isoformat(),
        ],
    )
    return int(cursor.lastrowid)
