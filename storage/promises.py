"""Promises in the store: one path that saves a new version of a promise, whoever made it.

A file imported again and a staff member's edit are the same change: the new version is
compared with the stored one, a changed status or a new update becomes an `Update`, the
revision goes up (so earlier approvals no longer hold), the audit log says who did it, and
while the promise is public the events residents hear about are recorded with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from storage.promise_events import record_promise_events
from storage.staff import audit
from survey.promises.promise import Activity, Promise, Update, replaced_promises
from survey.promises.serialize import (
    activity_as_dict,
    followup_as_dict,
    promise_as_dict,
    promise_from_dict,
)

HEAD_KEYS = (
    "id",
    "title",
    "languages",
    "parties",
    "valid_from",
    "valid_until",
    "until_replaced",
    "replaces",
    "campaigns",
    "situation",
    "focus",
    "goals",
)


@dataclass(frozen=True)
class StoredPromise:
    """A promise as stored, with the revision that approvals refer to."""

    promise: Promise
    revision: int
    updated_at: str


@dataclass(frozen=True)
class Saved:
    """What saving a version changed."""

    created: bool
    changed: bool
    revision: int
    new_updates: int
    events: int


class StaleVersion(Exception):
    """The promise changed since the version an edit was made from."""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _update_key(update: Update) -> tuple[str, str, str, bool]:
    return (update.date.isoformat(), update.status, _dumps(dict(update.text)), update.public)


def get_promise(db: Database, promise_id: str) -> StoredPromise | None:
    row = db.conn.execute(
        "SELECT head, published_on, revision, updated_at FROM promises WHERE id = ?",
        (promise_id,),
    ).fetchone()
    if row is None:
        return None
    head, published_on, revision, updated_at = row
    data = json.loads(head)
    data["published"] = published_on
    updates: dict[str, list[dict]] = {}
    for activity, on_date, status, text, public in db.conn.execute(
        "SELECT activity, on_date, status, text, public FROM promise_updates WHERE promise = ? "
        "ORDER BY on_date, id",
        (promise_id,),
    ):
        updates.setdefault(activity, []).append(
            {"date": on_date, "status": status, "text": json.loads(text), "public": bool(public)}
        )
    data["activities"] = []
    for (definition,) in db.conn.execute(
        "SELECT definition FROM promise_activities WHERE promise = ? ORDER BY position",
        (promise_id,),
    ):
        activity = json.loads(definition)
        activity["updates"] = updates.get(activity["id"], [])
        data["activities"].append(activity)
    followup = db.conn.execute(
        "SELECT definition FROM promise_followups WHERE promise = ?", (promise_id,)
    ).fetchone()
    data["followup"] = json.loads(followup[0]) if followup else None
    return StoredPromise(promise_from_dict(data), revision, updated_at)


def list_promises(db: Database) -> list[StoredPromise]:
    """Every stored promise, the oldest first."""
    ids = [row[0] for row in db.conn.execute("SELECT id FROM promises ORDER BY created_at, id")]
    return [found for i in ids if (found := get_promise(db, i)) is not None]


def current_promises(db: Database, today: date) -> list[Promise]:
    """The promises in force today, the oldest first: public, within their validity, and not
    replaced by a newer promise in force."""
    stored = [found.promise for found in list_promises(db)]
    replaced = frozenset(replaced_promises(stored, today))
    return [promise for promise in stored if promise.is_current(today, replaced)]


def replacing_promise(db: Database, promise_id: str, today: date) -> Promise | None:
    """The promise in force today that replaces this one, if any."""
    return replaced_promises([found.promise for found in list_promises(db)], today).get(promise_id)


def with_status_updates(old: Promise | None, new: Promise, today: date) -> Promise:
    """`new`, where every activity whose status changed carries an update with that status
    (an empty public one when none was given)."""
    if old is None:
        return new
    activities = []
    for activity in new.activities:
        before = old.activity(activity.id)
        known = {_update_key(u) for u in before.updates} if before else set()
        fresh = [u for u in activity.updates if _update_key(u) not in known]
        if (
            before
            and before.status != activity.status
            and not any(u.status == activity.status for u in fresh)
        ):
            activity = replace(
                activity, updates=(*activity.updates, Update(today, activity.status, {}))
            )
        activities.append(activity)
    return replace(new, activities=tuple(activities))


def save_promise(
    db: Database,
    new: Promise,
    *,
    actor: str,
    now: datetime,
    action: str = "promise.save",
    expected_revision: int | None = None,
) -> Saved:
    """Store `new` as the current version of its promise (inside the open transaction).

    Updates are a ledger: those already stored are kept even when `new` leaves them out.
    With `expected_revision`, an edit made from an older version is refused (StaleVersion)
    rather than undoing what someone else saved meanwhile.
    """
    stored = get_promise(db, new.id)
    if stored and expected_revision is not None and stored.revision != expected_revision:
        raise StaleVersion(new.id)
    old = stored.promise if stored else None
    today = now.date()
    new = with_status_updates(old, new, today)
    if old is not None and new.published is None:
        new = replace(new, published=old.published)  # an import never unpublishes
    kept_at = old.followup.published_at if old and old.followup else None
    if kept_at and new.followup and new.followup.published_at is None:
        new = replace(new, followup=replace(new.followup, published_at=kept_at))
    if old is not None and promise_as_dict(old, public=False) == _merged(old, new):
        return Saved(False, False, stored.revision, 0, 0)
    stamp = now.isoformat()
    full = promise_as_dict(new, public=False)
    head = _dumps({key: full[key] for key in HEAD_KEYS})
    revision = stored.revision + 1 if stored else 1
    db.conn.execute(
        "INSERT INTO promises (id, head, published_on, revision, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET head = excluded.head, "
        "published_on = excluded.published_on, revision = excluded.revision, "
        "updated_at = excluded.updated_at",
        (new.id, head, full["published"], revision, stamp, stamp),
    )
    db.conn.execute("DELETE FROM promise_activities WHERE promise = ?", (new.id,))
    new_updates: list[tuple[Activity, Update]] = []
    for position, activity in enumerate(new.activities):
        definition = activity_as_dict(activity, public=False)
        definition.pop("updates")
        db.conn.execute(
            "INSERT INTO promise_activities (promise, id, position, definition, status) "
            "VALUES (?, ?, ?, ?, ?)",
            (new.id, activity.id, position, _dumps(definition), activity.status),
        )
        before = old.activity(activity.id) if old else None
        known = {_update_key(u) for u in before.updates} if before else set()
        for update in activity.updates:
            if _update_key(update) in known:
                continue
            known.add(_update_key(update))
            new_updates.append((activity, update))
            db.conn.execute(
                "INSERT INTO promise_updates (promise, activity, on_date, status, text, public, "
                "entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.id,
                    activity.id,
                    update.date.isoformat(),
                    update.status,
                    _dumps(dict(update.text)),
                    int(update.public),
                    actor,
                    stamp,
                ),
            )
    db.conn.execute("DELETE FROM promise_followups WHERE promise = ?", (new.id,))
    if new.followup is not None:
        followup = followup_as_dict(new.followup)
        db.conn.execute(
            "INSERT INTO promise_followups (promise, definition, published_at) VALUES (?, ?, ?)",
            (new.id, _dumps(followup), followup["published_at"]),
        )
    events = record_promise_events(db, old, new, new_updates, today, now)
    audit(
        db,
        actor,
        action if old else "promise.create",
        new.campaign,
        {"promise": new.id, "revision": revision, "updates": len(new_updates)},
    )
    return Saved(old is None, True, revision, len(new_updates), events)


def _merged(old: Promise, new: Promise) -> dict[str, Any]:
    """`new` as stored after saving: with the old updates it left out kept."""
    data = promise_as_dict(new, public=False)
    for activity in data["activities"]:
        before = old.activity(activity["id"])
        if before is None:
            continue
        have = {_dumps(u) for u in activity["updates"]}
        kept = [u for u in activity_as_dict(before, False)["updates"] if _dumps(u) not in have]
        activity["updates"] = sorted(kept + activity["updates"], key=lambda u: u["date"])
    return data


# A promise whose publishing day came longer ago than this is not announced when first seen
# public (a database from before the events were recorded): only a day that has just come.
ANNOUNCE_WITHIN = timedelta(days=7)


def record_due_publications(db: Database, today: date, now: datetime) -> int:
    """Announce, once, the promises whose `published` day has come since they were saved
    with a day in the future; how many. Call inside a write transaction, at any interval."""
    announced = {
        row[0]
        for row in db.conn.execute(
            "SELECT DISTINCT promise FROM cycle_events WHERE kind = 'promise_published'"
        )
    }
    count = 0
    for stored in list_promises(db):
        promise = stored.promise
        if promise.id in announced or not promise.is_public(today):
            continue
        if today - promise.published > ANNOUNCE_WITHIN:
            continue
        count += record_promise_events(db, None, promise, [], today, now)
    return count
