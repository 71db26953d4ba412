"""Staff accounts (argon2id password hashes), and the audit log of who did what, when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlite_utils import Database

from storage.responses import now_iso

ROLES = ("admin", "analyst", "organiser")
_hasher = PasswordHasher()


@dataclass(frozen=True)
class StaffAccount:
    """A staff member who can log in to the staff pages."""

    username: str
    password_hash: str
    role: str
    failed_logins: int
    locked_until: str | None


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def add_staff(db: Database, username: str, password_hash: str, role: str) -> bool:
    """Create an account, or set the password and role of an existing one. True if created."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    created = (
        db.conn.execute(
            "INSERT INTO staff (username, password_hash, role, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (username) DO NOTHING",
            (username, password_hash, role, now_iso()),
        ).rowcount
        > 0
    )
    if not created:
        db.conn.execute(
            "UPDATE staff SET password_hash = ?, role = ?, failed_logins = 0, "
            "locked_until = NULL WHERE username = ?",
            (password_hash, role, username),
        )
    return created


def get_staff(db: Database, username: str) -> StaffAccount | None:
    row = db.conn.execute(
        "SELECT username, password_hash, role, failed_logins, locked_until FROM staff "
        "WHERE username = ?",
        (username,),
    ).fetchone()
    return StaffAccount(*row) if row else None


def audit(
    db: Database,
    actor: str,
    action: str,
    campaign: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Record that `actor` did `action` (never with a resident's identity in `detail`)."""
    db.conn.execute(
        "INSERT INTO audit (at, actor, action, campaign, detail) VALUES (?, ?, ?, ?, ?)",
        (
            now_iso(),
            actor,
            action,
            campaign,
            json.dumps(detail, ensure_ascii=False) if detail else None,
        ),
    )
