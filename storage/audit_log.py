"""Reading the audit log back: who did what, and when, newest first."""

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


def recent_audit(db: Database, limit: int = 100) -> list[AuditEntry]:
    rows = db.conn.execute(
        "SELECT at, actor, action, campaign, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    return [
        AuditEntry(at, actor, action, campaign, json.loads(detail) if detail else {})
        for at, actor, action, campaign, detail in rows
    ]
