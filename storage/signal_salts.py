"""The salts of the web's answer signals: one per campaign and day, deleted with the day.

Only the current day's salt of an open campaign is ever kept, so a signal cannot be linked
to another day's, nor to anything at all once the campaign has closed.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlite_utils import Database

SALT_BYTES = 32


def salt_of_day(db: Database, campaign: str, day: str) -> bytes:
    """The campaign's salt for `day` (ISO date), made on first use; earlier days' are deleted.

    Call inside a write transaction."""
    db.conn.execute("DELETE FROM signal_salts WHERE campaign = ? AND day != ?", (campaign, day))
    db.conn.execute(
        "INSERT INTO signal_salts (campaign, day, salt) VALUES (?, ?, ?) "
        "ON CONFLICT (campaign, day) DO NOTHING",
        (campaign, day, secrets.token_bytes(SALT_BYTES)),
    )
    (salt,) = db.conn.execute(
        "SELECT salt FROM signal_salts WHERE campaign = ? AND day = ?", (campaign, day)
    ).fetchone()
    return salt


def delete_salts(db: Database, campaigns: Iterable[str]) -> int:
    """Forget the salts of these campaigns (those that have closed); how many were deleted."""
    ids = list(campaigns)
    deleted = 0
    for campaign in ids:
        deleted += db.conn.execute(
            "DELETE FROM signal_salts WHERE campaign = ?", (campaign,)
        ).rowcount
    return deleted


def salt_days(db: Database, campaign: str) -> list[str]:
    return [
        day
        for (day,) in db.conn.execute(
            "SELECT day FROM signal_salts WHERE campaign = ? ORDER BY day", (campaign,)
        )
    ]
