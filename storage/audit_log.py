"""Reading the audit log back: who did what, and when, newest first, filtered and paged."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class AuditEntry:
    """One recorded action."""

    at: str
    actor: str
    action: str
    campaign: str | None
    detail: dict[str, Any]
    id: int = 0


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; None means any."""

    actor: str | None = None
    action: str | None = None
    campaign: str | None = None

    def where(self) -> tuple[str, list[str]]:
        clauses, values = [], []
        for column in ("actor", "action", "campaign"):
            value = getattr(self, column)
            if value:
                clauses.append(f"{column} = ?")
                values.append(value)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), values


def _entries(rows) -> list[AuditEntry]:
    return [
        AuditEntry(at, actor, action, campaign, json.loads(detail) if detail else {}, id_)
        for id_, at, actor, action, campaign, detail in rows
    ]


def recent_audit(db: Database, limit: int = 100) -> list[AuditEntry]:
    rows = db.conn.execute(
        "SELECT id, at, actor, action, campaign, detail FROM audit ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return _entries(rows)


def audit_page(
    db: Database, wanted: AuditFilter, page: int = 1, per_page: int = 50
) -> tuple[list[AuditEntry], int]:
    """One page of the entries `wanted` selects, newest first, and how many there are."""
    where, values = wanted.where()
    (total,) = db.conn.execute(f"SELECT count(*) FROM audit{where}", values).fetchone()
    rows = db.conn.execute(
        f"SELECT id, at, actor, action, campaign, detail FROM audit{where} "
        "ORDER BY id DESC LIMIT ? OFFSET ?",
        [*values, per_page, (max(page, 1) - 1) * per_page],
    ).fetchall()
    return _entries(rows), total


def audit_choices(db: Database) -> tuple[list[str], list[str]]:
    """The actors and the actions that occur in the log, for the filters."""
    actors = [a for (a,) in db.conn.execute("SELECT DISTINCT actor FROM audit ORDER BY actor")]
    actions = [a for (a,) in db.conn.execute("SELECT DISTINCT action FROM audit ORDER BY action")]
    return actors, actions
