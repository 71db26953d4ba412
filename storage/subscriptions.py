"""Subscriptions: a resident's consent to hear back, by one channel, until it expires.

A subscription covers the promise(s) that follow one campaign, and by default only the
activities linked to the areas the resident chose and to the zones of the map where they
marked places (both copied here, never a link to the answer). A subscription may instead
cover one place marked on a safety walk (`walk`, `point`): it hears only what becomes of
that place, once, and is deleted when it has been told (`storage.point_notices`).
Telegram subscriptions are confirmed by the opt-in itself; e-mail ones by the link in the
confirmation mail (double opt-in), and deleted unconfirmed after `UNCONFIRMED_HOURS`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

UNCONFIRMED_HOURS = 48
# Until a promise tells its validity, a subscription lasts at most this long after consent.
MAX_DAYS_WITHOUT_PROMISE = 365
# "...and at the latest one year after the promise's validity ends."
DAYS_AFTER_VALIDITY = 365
FOLLOWUP_ANSWERS = ("clearly", "somewhat", "no", "unknown")


@dataclass(frozen=True)
class NewSubscription:
    """What a resident consented to, and how to reach them (sealed by `ContactBox`)."""

    channel: str
    contact: bytes
    contact_key: str
    campaign: str
    areas: tuple[str, ...]
    locale: str
    consent_channel: str
    consent_text: str
    promise: str | None = None
    confirmed: bool = False
    zones: tuple[str, ...] = ()
    walk: str | None = None
    point: str | None = None


def subscribe(db: Database, new: NewSubscription, now: datetime) -> int:
    """Add a subscription, or renew the one of the same contact and campaign; its id."""
    stamp = now.isoformat()
    expires = (now + timedelta(days=MAX_DAYS_WITHOUT_PROMISE)).isoformat()
    confirmed = stamp if new.confirmed else None
    row = db.execute(
        "INSERT INTO subscriptions (channel, contact, contact_key, campaign, promise, areas,"
        " locale, consent_at, consent_channel, consent_text, confirmed_at, expires_at,"
        " zones, walk, point) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (contact_key, campaign) DO UPDATE SET contact = excluded.contact,"
        " areas = excluded.areas, locale = excluded.locale, promise = excluded.promise,"
        " zones = excluded.zones,"
        " consent_at = excluded.consent_at, consent_channel = excluded.consent_channel,"
        " consent_text = excluded.consent_text,"
        " confirmed_at = coalesce(subscriptions.confirmed_at, excluded.confirmed_at)"
        " RETURNING id",
        [
            new.channel,
            new.contact,
            new.contact_key,
            new.campaign,
            new.promise,
            json.dumps(list(new.areas)),
            new.locale,
            stamp,
            new.consent_channel,
            new.consent_text,
            confirmed,
            expires,
            json.dumps(list(new.zones)),
            new.walk,
            new.point,
        ],
    ).fetchone()
    return int(row[0])


def confirm(db: Database, subscription_id: int, now: datetime) -> bool:
    """Confirm an e-mail subscription (the link in its mail); False if it is gone."""
    cursor = db.execute(
        "UPDATE subscriptions SET confirmed_at = coalesce(confirmed_at, ?) WHERE id = ?",
        [now.isoformat(), subscription_id],
    )
    return cursor.rowcount > 0


def is_subscribed(db: Database, contact_key: str, campaign: str) -> bool:
    found = db.execute(
        "SELECT 1 FROM subscriptions WHERE contact_key = ? AND campaign = ?",
        [contact_key, campaign],
    ).fetchone()
    return found is not None


def get(db: Database, subscription_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM subscriptions WHERE id = ?", [subscription_id]))
    return rows[0] if rows else None


def unsubscribe(db: Database, subscription_id: int) -> bool:
    """Withdraw: the row, its contact and its owed notices are deleted at once."""
    return db.execute("DELETE FROM subscriptions WHERE id = ?", [subscription_id]).rowcount > 0


def unsubscribe_contact(db: Database, contact_key: str, campaign: str | None = None) -> int:
    """Delete every subscription of a contact (of one campaign, if given); how many."""
    if campaign is None:
        cursor = db.execute("DELETE FROM subscriptions WHERE contact_key = ?", [contact_key])
    else:
        cursor = db.execute(
            "DELETE FROM subscriptions WHERE contact_key = ? AND campaign = ?",
            [contact_key, campaign],
        )
    return cursor.rowcount


def expire(db: Database, now: datetime, grace_days: int) -> int:
    """Delete what has run out: past its end, `grace_days` after the follow-up, unconfirmed."""
    unconfirmed = (now - timedelta(hours=UNCONFIRMED_HOURS)).isoformat()
    after_followup = (now - timedelta(days=grace_days)).isoformat()
    cursor = db.execute(
        "DELETE FROM subscriptions WHERE expires_at <= ? OR followup_at <= ?"
        " OR (confirmed_at IS NULL AND consent_at <= ?)",
        [now.isoformat(), after_followup, unconfirmed],
    )
    return cursor.rowcount


def counts(db: Database) -> list[dict]:
    """Subscribers per campaign, promise and channel, with the notices still owed: no contacts.
    Those waiting to hear of one place on a walk are counted on the walk's page instead."""
    return list(
        db.query(
            "SELECT s.campaign, coalesce(s.promise, s.followup_promise, '') AS promise,"
            " s.channel, count(*) AS subscribers,"
            " sum(s.confirmed_at IS NULL) AS unconfirmed,"
            " sum(s.contact IS NULL) AS unreachable,"
            " sum((SELECT count(*) FROM notices n WHERE n.subscription = s.id"
            "      AND n.sent_at IS NULL)) AS owed"
            " FROM subscriptions s WHERE s.point IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        )
    )


def answer_followup(db: Database, subscription_id: int, answer: str) -> str:
    """Count one answer to "Har du märkt någon skillnad?": counted, already or unknown.

    The answer is added to a count; only the subscription's "has answered" is kept, so no
    answer can be traced back to anyone.
    """
    if answer not in FOLLOWUP_ANSWERS:
        return "unknown"
    row = db.execute(
        "SELECT campaign, coalesce(followup_promise, promise, ''), answered"
        " FROM subscriptions WHERE id = ?",
        [subscription_id],
    ).fetchone()
    if row is None:
        return "unknown"
    campaign, promise, answered = row
    if answered:
        return "already"
    db.execute("UPDATE subscriptions SET answered = 1 WHERE id = ?", [subscription_id])
    db.execute(
        "INSERT INTO followup_answers (campaign, promise, answer, count) VALUES (?, ?, ?, 1)"
        " ON CONFLICT (campaign, promise, answer) DO UPDATE SET count = count + 1",
        [campaign, promise, answer],
    )
    return "counted"


def followup_answer_counts(
    db: Database, *, promise: str | None = None, campaigns: Sequence[str] = ()
) -> dict[str, int]:
    """How many answered each option, for the public follow-up of a promise or campaigns."""
    totals = dict.fromkeys(FOLLOWUP_ANSWERS, 0)
    where, params = [], []
    if promise is not None:
        where.append("promise = ?")
        params.append(promise)
    if campaigns:
        where.append(f"campaign IN ({', '.join('?' for _ in campaigns)})")
        params.extend(campaigns)
    clause = f" WHERE {' OR '.join(where)}" if where else ""
    for answer, count in db.execute(
        f"SELECT answer, sum(count) FROM followup_answers{clause} GROUP BY answer", params
    ):
        totals[answer] = int(count)
    return totals
