"""Kiosk keys: staff-issued secrets that let a kiosk post answers as a venue (`source`).

Only a SHA-256 hash of a key is stored; the key itself is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from storage.responses import now_iso


@dataclass(frozen=True)
class KioskKey:
    """An issued key, as staff see it (never the key itself)."""

    id: int
    campaign: str
    source: str
    created_by: str | None
    created_at: str
    revoked_at: str | None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_kiosk_key(db: Database, campaign: str, source: str, created_by: str | None) -> str:
    """Issue a key for `source` in `campaign`; returns the key, which is not kept anywhere."""
    key = secrets.token_urlsafe(24)
    db.conn.execute(
        "INSERT INTO kiosk_keys (campaign, source, key_hash, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (campaign, source, _hash(key), created_by, now_iso()),
    )
    return key


def kiosk_key_source(db: Database, campaign: str, key: str) -> str | None:
    """The venue a valid, unrevoked key of `campaign` stands for; None for any other key."""
    row = db.conn.execute(
        "SELECT source FROM kiosk_keys WHERE key_hash = ? AND campaign = ? AND revoked_at IS NULL",
        (_hash(key), campaign),
    ).fetchone()
    return row[0] if row else None


def revoke_kiosk_key(db: Database, key_id: int) -> bool:
    """Stop a key from working; True if it was active."""
    cursor = db.conn.execute(
        "UPDATE kiosk_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        (now_iso(), key_id),
    )
    return cursor.rowcount > 0


def list_kiosk_keys(db: Database, campaign: str) -> list[KioskKey]:
    """Every key issued for `campaign`, newest first, revoked ones included."""
    rows = db.conn.execute(
        "SELECT id, campaign, source, created_by, created_at, revoked_at FROM kiosk_keys "
        "WHERE campaign = ? ORDER BY id DESC",
        (campaign,),
    ).fetchall()
    return [KioskKey(*row) for row in rows]
