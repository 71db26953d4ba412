"""Staff logins: failed-attempt delays per account, and the sessions a login opens.

Each failure past the fifth locks the account for twice as long as the one before, from
30 seconds up to 15 minutes; a successful login clears the count. The lock is short and
per account, so a guesser can slow down one name, never lock out the staff as a whole.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from storage.responses import now_iso

FREE_ATTEMPTS = 5
FIRST_LOCK_SECONDS = 30
LONGEST_LOCK_SECONDS = 15 * 60


@dataclass(frozen=True)
class SessionOwner:
    """Who an open session belongs to, with their role as it is now."""

    username: str
    role: str


def lock_seconds(failures: int) -> int:
    """How long the account stays locked after its `failures`-th failure in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(FIRST_LOCK_SECONDS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_LOCK_SECONDS)


def is_locked(locked_until: str | None, now: datetime | None = None) -> bool:
    if locked_until is None:
        return False
    return datetime.fromisoformat(locked_until) > (now or datetime.now(UTC))


def record_failure(db: Database, username: str) -> None:
    """Count a failed login of an existing account and lock it when past the free attempts."""
    row = db.conn.execute(
        "UPDATE staff SET failed_logins = failed_logins + 1 WHERE username = ? "
        "RETURNING failed_logins",
        (username,),
    ).fetchone()
    if row and (seconds := lock_seconds(row[0])):
        until = datetime.now(UTC) + timedelta(seconds=seconds)
        db.conn.execute(
            "UPDATE staff SET locked_until = ? WHERE username = ?", (until.isoformat(), username)
        )


def open_session(db: Database, username: str) -> str:
    """Clear the account's failures and open a new session; returns its id."""
    db.conn.execute(
        "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE username = ?", (username,)
    )
    sid = secrets.token_urlsafe(24)
    db.conn.execute(
        "INSERT INTO staff_sessions (sid, username, created_at) VALUES (?, ?, ?)",
        (sid, username, now_iso()),
    )
    return sid


def session_owner(db: Database, sid: str) -> SessionOwner | None:
    """The account of an open session; None once it ended or its account is gone."""
    row = db.conn.execute(
        "SELECT s.username, a.role FROM staff_sessions s JOIN staff a USING (username) "
        "WHERE s.sid = ? AND s.ended_at IS NULL",
        (sid,),
    ).fetchone()
    return SessionOwner(*row) if row else None


def end_session(db: Database, sid: str) -> None:
    db.conn.execute(
        "UPDATE staff_sessions SET ended_at = ? WHERE sid = ? AND ended_at IS NULL",
        (now_iso(), sid),
    )


def end_sessions_of(db: Database, username: str) -> None:
    """End every open session of an account (its password or role was changed)."""
    db.conn.execute(
        "UPDATE staff_sessions SET ended_at = ? WHERE username = ? AND ended_at IS NULL",
        (now_iso(), username),
    )


def unlock(db: Database, username: str) -> bool:
    cursor = db.conn.execute(
        "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE username = ?", (username,)
    )
    return cursor.rowcount > 0


@dataclass(frozen=True)
class StaffRow:
    """An account as the admin page lists it."""

    username: str
    role: str
    failed_logins: int
    locked_until: str | None
    created_at: str


def list_staff(db: Database) -> list[StaffRow]:
    rows = db.conn.execute(
        "SELECT username, role, failed_logins, locked_until, created_at FROM staff "
        "ORDER BY username"
    ).fetchall()
    return [StaffRow(*row) for row in rows]
