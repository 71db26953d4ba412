"""The events of the cycle (results, promise, progress, follow-up) that residents hear about.

An event is recorded inside the transaction of the change that causes it, together with
the notices it owes subscribers (the outbox): the change and the telling are committed
together or not at all.

Who records an event fills `campaign` when the promise follows that campaign (that is how
subscriptions made on a campaign's thank-you find it), `areas` and `zones` with the
activity's areas and the zones of the map it names, `walk` and `point` for what became of
one place marked on a safety walk (only that place's subscribers hear of it), and `detail`
with what a notice shows (see `survey.promises.notice_text`): `title` and `text`
({lang: text}), `status`, `url` (the public page's path) and, for `promise_published`,
`valid_until` (a date: subscriptions then end a year after it at the latest).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.notices import write_notices

EVENT_KINDS = (
    "results_published",
    "promise_published",
    "activity_status",
    "activity_update",
    "followup_published",
    "walk_published",
    "point_decided",
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
    zones: tuple[str, ...] = ()
    walk: str | None = None
    point: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")


def record_event(db: Database, event: CycleEvent, now: datetime) -> int:
    """Record `event` and the notices it owes in the open transaction; returns its id."""
    cursor = db.execute(
        "INSERT INTO cycle_events (kind, campaign, promise, activity, areas, detail, happened_at,"
        " zones) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            event.kind,
            event.campaign,
            event.promise,
            event.activity,
            json.dumps(list(event.areas)),
            json.dumps(dict(event.detail), ensure_ascii=False, default=str),
            now.isoformat(),
            json.dumps(list(event.zones)),
        ],
    )
    event_id = int(cursor.lastrowid)
    write_notices(db, event_id, event, now)
    return event_id
