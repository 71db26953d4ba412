"""«Berätta när det är åtgärdat»: a participant of a safety walk hears what becomes of a
place they marked.

A participant who ticks the box on the walk page leaves an e-mail address with the place.
It is sealed as every subscriber's contact is (`storage.contacts`), in a subscription of its
own that covers only that place (`walk`, `point`), stored in the transaction that stores
the place. When staff set the place to fixed, or to rejected with its reason, a
`point_decided` cycle event owes that subscription one notice; the notice sender delivers
it as it delivers every notice, and deletes the subscription with its contact once it has
told it (`storage.notices.mark_sent`): a resend or a retry never tells twice. A duplicate
merged into another place hands its subscriptions on to that place. A place never decided
lets its subscription run out a year after the opt-in (`subscriptions.expire`).
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from storage.events import CycleEvent, record_event
from survey.promises.walks import Walk, WalkPoint

# The statuses a participant is told of: the place is fixed, or will not be.
DECIDED = frozenset({"fixed", "rejected"})


def tell_point_decided(
    db: Database, walk: Walk, point: WalkPoint, now: datetime, *, about: str | None = None
) -> int | None:
    """Owe the subscribers of the place `about` (by default `point` itself) what became of
    `point`; the event's id, or None when `point` is not decided or nobody waits to hear."""
    if point.status not in DECIDED or not _waiting(db, walk.id, about or point.id):
        return None
    detail = {
        "title": walk.title,
        "status": point.status,
        "reason": point.reason,
        "category": point.category,
        "walk": walk.id,
        "point": about or point.id,
    }
    if walk.published_at is not None:
        detail["url"] = f"/p/{walk.promise}/walks/{walk.id}"
    event = CycleEvent(
        "point_decided",
        campaign=walk.campaign,
        promise=walk.promise,
        activity=walk.activity,
        zones=(point.zone,) if point.zone else (),
        detail=detail,
        walk=walk.id,
        point=about or point.id,
    )
    return record_event(db, event, now)


def _waiting(db: Database, walk_id: str, point_id: str) -> int:
    return db.execute(
        "SELECT count(*) FROM subscriptions WHERE walk = ? AND point = ?", [walk_id, point_id]
    ).fetchone()[0]


def pass_on(db: Database, walk: Walk, duplicate: str, target: WalkPoint, now: datetime) -> int:
    """A duplicate merged into `target`: its subscribers now wait for the target, and hear at
    once when the target is already decided. How many were passed on."""
    waiting = _waiting(db, walk.id, duplicate)
    if not waiting:
        return 0
    tell_point_decided(db, walk, target, now, about=duplicate)
    db.execute(
        "UPDATE subscriptions SET point = ? WHERE walk = ? AND point = ?",
        [target.id, walk.id, duplicate],
    )
    return waiting


def point_subscribers(db: Database, walk_id: str) -> dict[str, int]:
    """How many wait to hear of each place of a walk (no contacts)."""
    rows = db.execute(
        "SELECT point, count(*) FROM subscriptions WHERE walk = ? AND point IS NOT NULL"
        " GROUP BY point",
        [walk_id],
    )
    return {point: count for point, count in rows}
