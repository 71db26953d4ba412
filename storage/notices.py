"""The outbox: notices owed to subscribers, written with the event that causes them, and
claimed, delivered and marked by the sender.

Claiming a subscriber (a lease in `claimed_until`) keeps two senders (`serve` and `bot`
on one file) from telling the same person twice; a sender that dies leaves the lease to
run out, and the next one delivers what is still owed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from storage.subscriptions import DAYS_AFTER_VALIDITY
from survey.promises.notice_text import NoticeItem

# Events about one activity reach only subscribers of that activity's areas or zones.
AREA_SCOPED = frozenset({"activity_status", "activity_update", "walk_published"})

# A subscription to the cycle hears of events of its campaign or promise (those about one
# activity only when it shares an area or a zone with the activity); a subscription to one
# place on a safety walk hears only of that place.
_MATCH = (
    " FROM subscriptions s WHERE s.confirmed_at IS NOT NULL AND s.contact IS NOT NULL"
    " AND s.expires_at > :now"
    " AND ((:point IS NULL AND s.point IS NULL"
    "  AND (s.campaign = :campaign OR (:promise IS NOT NULL AND s.promise = :promise))"
    "  AND (:everyone OR EXISTS (SELECT 1 FROM json_each(s.areas) AS a"
    "       WHERE a.value IN (SELECT value FROM json_each(:areas)))"
    "   OR EXISTS (SELECT 1 FROM json_each(s.zones) AS z"
    "       WHERE z.value IN (SELECT value FROM json_each(:zones)))))"
    " OR (:point IS NOT NULL AND s.walk = :walk AND s.point = :point))"
)


def _match_params(event: Any, now: datetime) -> dict[str, Any]:
    return {
        "now": now.isoformat(),
        "campaign": event.campaign,
        "promise": event.promise,
        "everyone": event.kind not in AREA_SCOPED,
        "areas": json.dumps(list(event.areas)),
        "zones": json.dumps(list(event.zones)),
        "walk": event.walk,
        "point": event.point,
    }


def write_notices(db: Database, event_id: int, event: Any, now: datetime) -> int:
    """Owe `event` to every subscriber it concerns (inside the event's transaction)."""
    params = _match_params(event, now) | {"event": event_id}
    cursor = db.execute(
        "INSERT INTO notices (subscription, event, created_at) SELECT s.id, :event, :now"
        + _MATCH
        + " ON CONFLICT DO NOTHING",
        params,
    )
    _apply_dates(db, event, now)
    return cursor.rowcount


def count_matching(db: Database, event: Any, now: datetime) -> int:
    """How many subscribers `event` would tell, were it recorded now."""
    return db.execute("SELECT count(*)" + _MATCH, _match_params(event, now)).fetchone()[0]


def _apply_dates(db: Database, event: Any, now: datetime) -> None:
    """What the event tells about how long its subscriptions last."""
    scope = (
        "point IS NULL AND (campaign = :campaign OR (:promise IS NOT NULL AND promise = :promise))"
    )
    params = {"campaign": event.campaign, "promise": event.promise}
    if event.promise is not None and event.campaign is not None:
        db.execute(
            f"UPDATE subscriptions SET promise = :promise WHERE promise IS NULL AND {scope}",
            params,
        )
    if event.kind == "promise_published":
        until = _date(event.detail.get("valid_until"))
        if until is not None:
            end = (until + timedelta(days=DAYS_AFTER_VALIDITY)).isoformat()
            db.execute(
                f"UPDATE subscriptions SET expires_at = :end WHERE {scope}", params | {"end": end}
            )
    if event.kind == "followup_published":
        db.execute(
            "UPDATE subscriptions SET followup_at = coalesce(followup_at, :now),"
            f" followup_promise = coalesce(:promise, followup_promise) WHERE {scope}",
            params | {"now": now.isoformat()},
        )


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Due:
    """One subscriber to tell now, and everything they are owed."""

    subscription: int
    channel: str
    contact: bytes
    locale: str
    campaign: str
    notices: tuple[int, ...]
    items: tuple[NoticeItem, ...]


def claim_due(
    db: Database,
    channels: Sequence[str],
    now: datetime,
    *,
    digest: timedelta,
    lease: timedelta,
    limit: int = 500,
) -> list[Due]:
    """Claim up to `limit` subscribers owed something and not told within the digest period."""
    if not channels:
        return []
    marks = ", ".join("?" for _ in channels)
    claimed = db.execute(
        "UPDATE subscriptions SET claimed_until = ? WHERE id IN (SELECT s.id FROM subscriptions s"
        f" WHERE s.channel IN ({marks}) AND s.contact IS NOT NULL"
        " AND (s.claimed_until IS NULL OR s.claimed_until <= ?)"
        " AND (s.last_sent_at IS NULL OR s.last_sent_at <= ?)"
        " AND EXISTS (SELECT 1 FROM notices n WHERE n.subscription = s.id AND n.sent_at IS NULL)"
        " LIMIT ?) RETURNING id, channel, contact, locale, campaign",
        [(now + lease).isoformat(), *channels, now.isoformat(), (now - digest).isoformat(), limit],
    ).fetchall()
    if not claimed:
        return []
    owed: dict[int, list[tuple[int, NoticeItem]]] = {row[0]: [] for row in claimed}
    ids = list(owed)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        rows = db.execute(
            "SELECT n.subscription, n.id, e.kind, e.campaign, e.promise, e.detail FROM notices n"
            " JOIN cycle_events e ON e.id = n.event WHERE n.sent_at IS NULL"
            f" AND n.subscription IN ({', '.join('?' for _ in part)}) ORDER BY n.id",
            part,
        )
        for subscription, notice, kind, campaign, promise, detail in rows:
            item = NoticeItem(kind, json.loads(detail), campaign, promise)
            owed[subscription].append((notice, item))
    return [
        Due(
            subscription=sid,
            channel=channel,
            contact=contact,
            locale=locale,
            campaign=campaign,
            notices=tuple(n for n, _ in owed[sid]),
            items=tuple(i for _, i in owed[sid]),
        )
        for sid, channel, contact, locale, campaign in claimed
        if owed[sid]
    ]


@dataclass(frozen=True)
class Delivered:
    subscription: int
    notices: tuple[int, ...]
    at: datetime


def mark_sent(db: Database, delivered: list[Delivered]) -> list[None]:
    """Mark what was delivered (a bulk write: deliveries waiting together share statements).

    A subscription to one place has then told all it was for: it goes, with its contact."""
    db.conn.executemany(
        "UPDATE notices SET sent_at = ? WHERE id = ?",
        [(d.at.isoformat(), n) for d in delivered for n in d.notices],
    )
    db.conn.executemany(
        "UPDATE subscriptions SET last_sent_at = ?, claimed_until = NULL WHERE id = ?",
        [(d.at.isoformat(), d.subscription) for d in delivered],
    )
    db.conn.executemany(
        "DELETE FROM subscriptions WHERE id = ? AND point IS NOT NULL",
        [(d.subscription,) for d in delivered],
    )
    return [None] * len(delivered)


def postpone(db: Database, subscription: int, until: datetime) -> None:
    """Try this subscriber again no earlier than `until` (after a failure)."""
    db.execute(
        "UPDATE subscriptions SET claimed_until = ? WHERE id = ?", [until.isoformat(), subscription]
    )


def owed_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM notices WHERE sent_at IS NULL").fetchone()[0]
