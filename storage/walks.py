"""Safety walks in the store: walks, the places marked on them, their photos.

Every write here runs inside the caller's transaction; staff and command-line changes are
recorded in the audit log (the walk's campaign as its campaign). A participant's point is
stored idempotently by its client-made id, as an answer is: the same content again is
"already stored", other content under the same id a conflict.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlite_utils import Database

from storage import subscriptions
from storage.events import CycleEvent, record_event
from storage.point_notices import pass_on, tell_point_decided
from storage.promises import get_promise
from storage.staff import audit
from survey.promises.walk_photo import CleanPhoto
from survey.promises.walks import (
    Walk,
    WalkCounts,
    WalkPoint,
    check_status,
    counts,
    point_fingerprint,
)


class Stored(Enum):
    CREATED = "created"
    ALREADY_STORED = "already_stored"
    CONFLICT = "conflict"
    NO_POINT = "no_point"


def new_key() -> str:
    """A participants' key: 32 random URL-safe characters (192 bits)."""
    return secrets.token_urlsafe(24)


def key_hash(key: str) -> str:
    """What the store keeps of a key: its SHA-256 (the key is random, so no salt is needed)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def new_walk_id() -> str:
    return secrets.token_hex(5)


WALK_COLUMNS = "id, promise, activity, campaign, on_date, title, meeting_point, open, published_at"


def _walk(row) -> Walk:
    id_, promise, activity, campaign, on_date, title, meeting, open_, published = row
    return Walk(
        id_,
        promise,
        activity,
        campaign,
        date.fromisoformat(on_date),
        title,
        meeting,
        bool(open_),
        published,
    )


def create_walk(db: Database, walk: Walk, key: str, *, actor: str, now: datetime) -> None:
    stamp = now.isoformat()
    db.conn.execute(
        "INSERT INTO walks (id, promise, activity, campaign, on_date, title, meeting_point, "
        "key_hash, open, published_at, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, ?, ?)",
        (
            walk.id,
            walk.promise,
            walk.activity,
            walk.campaign,
            walk.date.isoformat(),
            walk.title,
            walk.meeting_point,
            key_hash(key),
            stamp,
            stamp,
        ),
    )
    audit(
        db,
        actor,
        "walk.create",
        walk.campaign,
        {"walk": walk.id, "promise": walk.promise, "activity": walk.activity},
    )


def get_walk(db: Database, walk_id: str) -> Walk | None:
    row = db.conn.execute(f"SELECT {WALK_COLUMNS} FROM walks WHERE id = ?", (walk_id,)).fetchone()
    return _walk(row) if row else None


def walk_for_key(db: Database, walk_id: str, key: str | None) -> Walk | None:
    """The walk, if `key` is its current participants' key; None otherwise."""
    if not key:
        return None
    row = db.conn.execute(
        f"SELECT {WALK_COLUMNS}, key_hash FROM walks WHERE id = ?", (walk_id,)
    ).fetchone()
    if row is None or not hmac.compare_digest(row[-1], key_hash(key)):
        return None
    return _walk(row[:-1])


def list_walks(db: Database, promise: str | None = None) -> list[Walk]:
    """Every walk (or a promise's), the latest first."""
    where, values = (" WHERE promise = ?", [promise]) if promise else ("", [])
    rows = db.conn.execute(
        f"SELECT {WALK_COLUMNS} FROM walks{where} ORDER BY on_date DESC, created_at DESC", values
    )
    return [_walk(row) for row in rows]


def _touch(db: Database, walk: Walk, stamp: str) -> None:
    db.conn.execute("UPDATE walks SET updated_at = ? WHERE id = ?", (stamp, walk.id))


def replace_key(db: Database, walk: Walk, key: str, *, actor: str, now: datetime) -> None:
    """A new participants' key; the old one stops working at once."""
    db.conn.execute(
        "UPDATE walks SET key_hash = ?, updated_at = ? WHERE id = ?",
        (key_hash(key), now.isoformat(), walk.id),
    )
    audit(db, actor, "walk.new_key", walk.campaign, {"walk": walk.id})


def set_open(db: Database, walk: Walk, open_: bool, *, actor: str, now: datetime) -> None:
    db.conn.execute(
        "UPDATE walks SET open = ?, updated_at = ? WHERE id = ?",
        (int(open_), now.isoformat(), walk.id),
    )
    audit(db, actor, "walk.open" if open_ else "walk.close", walk.campaign, {"walk": walk.id})


def set_published(db: Database, walk: Walk, publish: bool, *, actor: str, now: datetime) -> bool:
    """Publish (or withdraw) the walk; False when it already was so."""
    if (walk.published_at is not None) == publish:
        return False
    db.conn.execute(
        "UPDATE walks SET published_at = ?, updated_at = ? WHERE id = ?",
        (now.isoformat() if publish else None, now.isoformat(), walk.id),
    )
    action = "walk.publish" if publish else "walk.unpublish"
    audit(db, actor, action, walk.campaign, {"walk": walk.id})
    if publish:
        _tell_of_walk(db, walk, now)
    return True


def _tell_of_walk(db: Database, walk: Walk, now: datetime) -> None:
    """A published walk of a public promise is a cycle event: the subscribers of its
    activity's areas and zones hear of it in their next notice."""
    stored = get_promise(db, walk.promise)
    if stored is None or not stored.promise.is_public(now.date()):
        return
    promise = stored.promise
    activity = promise.activity(walk.activity)
    event = CycleEvent(
        "walk_published",
        campaign=promise.campaign,
        promise=promise.id,
        activity=walk.activity,
        areas=tuple(activity.areas) if activity else (),
        zones=tuple(activity.zones) if activity else (),
        detail={
            "title": dict(promise.title),
            "text": dict.fromkeys(promise.languages, f"{walk.title}, {walk.date.isoformat()}"),
            "url": f"/p/{promise.id}/walks/{walk.id}",
        },
    )
    record_event(db, event, now)


POINT_COLUMNS = (
    "p.id, p.lat, p.lon, p.category, p.note, p.captured_at, p.zone, p.status, p.responsible, "
    "p.reason, p.note_approved, p.merged_into, ph.point IS NOT NULL, ph.approved, p.updated_at"
)


def _decision(value) -> bool | None:
    return None if value is None else bool(value)


def _point(row) -> WalkPoint:
    (id_, lat, lon, category, note, captured, zone, status, responsible, reason) = row[:10]
    note_ok, merged, photo, photo_ok, updated = row[10:]
    return WalkPoint(
        id=id_,
        lat=lat,
        lon=lon,
        category=category,
        note=note,
        captured_at=captured,
        zone=zone,
        status=status,
        responsible=responsible,
        reason=reason,
        note_approved=_decision(note_ok),
        merged_into=merged,
        photo=bool(photo),
        photo_approved=_decision(photo_ok),
        updated_at=updated,
    )


def list_points(db: Database, walk_id: str) -> list[WalkPoint]:
    """The walk's points in the order they were marked."""
    rows = db.conn.execute(
        f"SELECT {POINT_COLUMNS} FROM walk_points p LEFT JOIN walk_photos ph "
        "ON ph.walk = p.walk AND ph.point = p.id WHERE p.walk = ? "
        "ORDER BY p.captured_at, p.created_at, p.id",
        (walk_id,),
    )
    return [_point(row) for row in rows]


def get_point(db: Database, walk_id: str, point_id: str) -> WalkPoint | None:
    row = db.conn.execute(
        f"SELECT {POINT_COLUMNS} FROM walk_points p LEFT JOIN walk_photos ph "
        "ON ph.walk = p.walk AND ph.point = p.id WHERE p.walk = ? AND p.id = ?",
        (walk_id, point_id),
    ).fetchone()
    return _point(row) if row else None


def save_point(
    db: Database,
    walk: Walk,
    point: WalkPoint,
    now: datetime,
    watcher: subscriptions.NewSubscription | None = None,
) -> Stored:
    """Store a participant's point once: a resend is harmless, other content a conflict.
    `watcher`, the participant's "tell me when it is fixed", is kept with a new point."""
    fingerprint = point_fingerprint(point)
    stamp = now.isoformat()
    inserted = db.conn.execute(
        "INSERT INTO walk_points (walk, id, lat, lon, zone, category, note, captured_at, "
        "fingerprint, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (walk, id) DO NOTHING",
        (
            walk.id,
            point.id,
            point.lat,
            point.lon,
            point.zone,
            point.category,
            point.note,
            point.captured_at,
            fingerprint,
            stamp,
            stamp,
        ),
    ).rowcount
    if inserted:
        _touch(db, walk, stamp)
        if watcher is not None:
            subscriptions.subscribe(db, watcher, now)
        return Stored.CREATED
    (known,) = db.conn.execute(
        "SELECT fingerprint FROM walk_points WHERE walk = ? AND id = ?", (walk.id, point.id)
    ).fetchone()
    return Stored.ALREADY_STORED if known == fingerprint else Stored.CONFLICT


def point_exists(db: Database, walk_id: str, point_id: str) -> bool:
    found = db.conn.execute(
        "SELECT 1 FROM walk_points WHERE walk = ? AND id = ?", (walk_id, point_id)
    ).fetchone()
    return found is not None


def photo_upload_known(db: Database, walk_id: str, point_id: str) -> str | None:
    """The SHA-256 of the upload a point's photo was made from, if it has one."""
    row = db.conn.execute(
        "SELECT upload_sha256 FROM walk_photos WHERE walk = ? AND point = ?", (walk_id, point_id)
    ).fetchone()
    return row[0] if row else None


def save_photo(
    db: Database, walk: Walk, point_id: str, upload_sha256: str, photo: CleanPhoto, now: datetime
) -> Stored:
    """A point's one photo: the same upload again is "already stored", another a conflict."""
    if not point_exists(db, walk.id, point_id):
        return Stored.NO_POINT
    known = photo_upload_known(db, walk.id, point_id)
    if known is not None:
        return Stored.ALREADY_STORED if known == upload_sha256 else Stored.CONFLICT
    stamp = now.isoformat()
    db.conn.execute(
        "INSERT INTO walk_photos (walk, point, upload_sha256, content_type, width, height, data, "
        "approved, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        (
            walk.id,
            point_id,
            upload_sha256,
            photo.content_type,
            photo.width,
            photo.height,
            photo.data,
            stamp,
        ),
    )
    db.conn.execute(
        "UPDATE walk_points SET updated_at = ? WHERE walk = ? AND id = ?",
        (stamp, walk.id, point_id),
    )
    _touch(db, walk, stamp)
    return Stored.CREATED


@dataclass(frozen=True)
class StoredPhoto:
    content_type: str
    data: bytes
    approved: bool | None


def get_photo(db: Database, walk_id: str, point_id: str) -> StoredPhoto | None:
    row = db.conn.execute(
        "SELECT content_type, data, approved FROM walk_photos WHERE walk = ? AND point = ?",
        (walk_id, point_id),
    ).fetchone()
    return StoredPhoto(row[0], row[1], _decision(row[2])) if row else None


class NoSuchPoint(LookupError):
    """The walk has no point by that id."""


def _change_point(
    db: Database,
    walk: Walk,
    point_id: str,
    sets: dict[str, Any],
    *,
    actor: str,
    action: str,
    now: datetime,
    table: str = "walk_points",
) -> None:
    if not point_exists(db, walk.id, point_id):
        raise NoSuchPoint(point_id)
    assignments = ", ".join(f"{column} = ?" for column in sets)
    key = "id" if table == "walk_points" else "point"
    changed = db.conn.execute(
        f"UPDATE {table} SET {assignments} WHERE walk = ? AND {key} = ?",
        [*sets.values(), walk.id, point_id],
    ).rowcount
    if not changed:
        raise NoSuchPoint(point_id)
    stamp = now.isoformat()
    db.conn.execute(
        "UPDATE walk_points SET updated_at = ? WHERE walk = ? AND id = ?",
        (stamp, walk.id, point_id),
    )
    _touch(db, walk, stamp)
    audit(db, actor, action, walk.campaign, {"walk": walk.id, "point": point_id, **sets})


def set_point_status(
    db: Database,
    walk: Walk,
    point_id: str,
    status: str,
    *,
    responsible: str | None,
    reason: str | None,
    actor: str,
    now: datetime,
) -> None:
    """Set a place's status, who answers for it, and the public reason (needed to reject);
    ValueError for an unknown status or a rejection without a reason."""
    reason = check_status(status, reason)
    sets: dict[str, Any] = {"status": status, "reason": reason}
    if responsible is not None:
        sets["responsible"] = " ".join(responsible.split())[:200] or None
    before = get_point(db, walk.id, point_id)
    _change_point(db, walk, point_id, sets, actor=actor, action="walk.point_status", now=now)
    if before is not None and before.status != status:
        tell_point_decided(db, walk, get_point(db, walk.id, point_id), now)


def decide_note(
    db: Database, walk: Walk, point_id: str, approved: bool, *, actor: str, now: datetime
) -> None:
    _change_point(
        db,
        walk,
        point_id,
        {"note_approved": int(approved)},
        actor=actor,
        action="walk.note_approve" if approved else "walk.note_refuse",
        now=now,
    )


def decide_photo(
    db: Database, walk: Walk, point_id: str, approved: bool, *, actor: str, now: datetime
) -> None:
    _change_point(
        db,
        walk,
        point_id,
        {"approved": int(approved)},
        actor=actor,
        action="walk.photo_approve" if approved else "walk.photo_refuse",
        now=now,
        table="walk_photos",
    )


def merge_point(
    db: Database, walk: Walk, point_id: str, into: str | None, *, actor: str, now: datetime
) -> None:
    """Mark a point as a duplicate of another (`into`), or not (None)."""
    if into is not None:
        if into == point_id or not point_exists(db, walk.id, into):
            raise NoSuchPoint(into)
        target = get_point(db, walk.id, into)
        if target is not None and target.merged_into is not None:
            into = target.merged_into  # never a chain of duplicates
    _change_point(
        db, walk, point_id, {"merged_into": into}, actor=actor, action="walk.merge", now=now
    )
    if into is not None:
        pass_on(db, walk, point_id, get_point(db, walk.id, into), now)


def activity_walks(db: Database, promise_id: str) -> dict[str, list[tuple[Walk, WalkCounts]]]:
    """The published walks of a promise by activity, the earliest first, with their counts."""
    found: dict[str, list[tuple[Walk, WalkCounts]]] = {}
    rows = db.conn.execute(
        f"SELECT {WALK_COLUMNS} FROM walks WHERE promise = ? AND published_at IS NOT NULL "
        "ORDER BY on_date, created_at",
        (promise_id,),
    ).fetchall()
    for row in rows:
        walk = _walk(row)
        found.setdefault(walk.activity, []).append((walk, counts(list_points(db, walk.id))))
    return found


def walks_stamp(db: Database) -> str | None:
    """When any walk last changed: the promise pages are rendered again after it moves."""
    (stamp,) = db.conn.execute("SELECT max(updated_at) FROM walks").fetchone()
    return stamp
