"""Helpers of the notice tests: events recorded as the promise and results work records them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage.events import CycleEvent, record_event

ACTIVITY = {
    "title": {"sv": "Medborgarlöfte Demo", "en": "Citizen promise Demo"},
    "text": {"sv": "Trygghetsvandringar i centrum", "en": "Safety walks in the centre"},
    "url": "/p/demo-2025/",
}


def activity_moved(areas: tuple[str, ...], status: str = "ongoing") -> CycleEvent:
    """An activity of the demo promise, linked to `areas`, changes status."""
    return CycleEvent(
        "activity_status",
        campaign="demo",
        promise="demo-2025",
        activity="trygghetsvandringar",
        areas=areas,
        detail={**ACTIVITY, "status": status},
    )


def followup() -> CycleEvent:
    return CycleEvent(
        "followup_published",
        campaign="demo",
        promise="demo-2025",
        detail={"title": ACTIVITY["title"], "url": "/p/demo-2025/"},
    )


async def record(store, event: CycleEvent, now: datetime | None = None) -> int:
    """Record `event` in a transaction of its own, as a publishing change would."""
    return await store.write(record_event, event, now or datetime.now(UTC))


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()
