"""The schema change `m009_health_probe`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database


def m009_health_probe(db: Database) -> None:
    """One row that `/healthz` rewrites: proof that the file takes writes right now."""
    db.execute("CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT)")
