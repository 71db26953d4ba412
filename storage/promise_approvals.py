"""The parties' approvals of a promise or its follow-up, and publishing once all approved.

An approval counts only for the revision it was given at; any later change to the promise
raises the revision and asks every party again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlite_utils import Database

from storage.promises import Saved, get_promise, save_promise
from storage.staff import audit
from survey.promises.promise import missing_approvals

SUBJECTS = ("promise", "followup")


@dataclass(frozen=True)
class Approval:
    """One party's approval, by whom, when, and whether it still holds."""

    party: str
    username: str
    approved_at: str
    current: bool


class ApprovalRefused(ValueError):
    """Approving or publishing is not possible now; `code` says why."""

    def __init__(self, code: str, parties: tuple[str, ...] = ()):
        self.code, self.parties = code, parties
        super().__init__(code)


def approvals(db: Database, promise_id: str, subject: str) -> list[Approval]:
    row = db.conn.execute("SELECT revision FROM promises WHERE id = ?", (promise_id,)).fetchone()
    revision = row[0] if row else 0
    return [
        Approval(party, username, at, given == revision)
        for party, username, at, given in db.conn.execute(
            "SELECT party, username, approved_at, revision FROM promise_approvals "
            "WHERE promise = ? AND subject = ? ORDER BY approved_at",
            (promise_id, subject),
        )
    ]


def staff_party(db: Database, username: str) -> str | None:
    row = db.conn.execute("SELECT party FROM staff WHERE username = ?", (username,)).fetchone()
    return row[0] if row else None


def staff_parties(db: Database) -> dict[str, str]:
    """The party of every account that has one."""
    return dict(db.conn.execute("SELECT username, party FROM staff WHERE party IS NOT NULL"))


def set_staff_party(db: Database, username: str, party: str | None) -> bool:
    """Put an account in a party (None: in none); True if the account exists."""
    return (
        db.conn.execute(
            "UPDATE staff SET party = ? WHERE username = ?", (party or None, username)
        ).rowcount
        > 0
    )


def approve(db: Database, promise_id: str, subject: str, username: str, now: datetime) -> str:
    """Record `username`'s approval for their party; returns the party id."""
    stored = get_promise(db, promise_id)
    if stored is None:
        raise ApprovalRefused("promise.unknown")
    party = staff_party(db, username)
    if party is None or stored.promise.party(party) is None:
        raise ApprovalRefused("approval.not_a_party")
    if subject == "followup" and stored.promise.followup is None:
        raise ApprovalRefused("followup.missing")
    db.conn.execute(
        "INSERT INTO promise_approvals (promise, subject, party, username, revision, approved_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (promise, subject, party) DO UPDATE SET "
        "username = excluded.username, revision = excluded.revision, "
        "approved_at = excluded.approved_at",
        (promise_id, subject, party, username, stored.revision, now.isoformat()),
    )
    audit(
        db,
        username,
        f"{subject}.approve",
        stored.promise.campaign,
        {"promise": promise_id, "party": party, "revision": stored.revision},
    )
    return party


def publish(db: Database, promise_id: str, subject: str, actor: str, now: datetime) -> Saved:
    """Publish the promise (from today) or its follow-up (now), once every party approved."""
    stored = get_promise(db, promise_id)
    if stored is None:
        raise ApprovalRefused("promise.unknown")
    promise = stored.promise
    approved = {a.party for a in approvals(db, promise_id, subject) if a.current}
    missing = missing_approvals(promise, approved)
    if missing:
        raise ApprovalRefused("approval.missing", missing)
    if subject == "promise":
        if promise.published is not None:
            raise ApprovalRefused("promise.already_published")
        new = replace(promise, published=now.date())
    else:
        followup = promise.followup
        if followup is None or not followup.text:
            raise ApprovalRefused("followup.missing")
        if followup.published_at is not None:
            raise ApprovalRefused("followup.already_published")
        new = replace(promise, followup=replace(followup, published_at=now))
    saved = save_promise(db, new, actor=actor, now=now, action=f"{subject}.publish")
    # The approvals were of exactly what is now published: they hold for it.
    db.conn.execute(
        "UPDATE promise_approvals SET revision = ? WHERE promise = ? AND subject = ? "
        "AND revision = ?",
        (saved.revision, promise_id, subject, stored.revision),
    )
    return saved
