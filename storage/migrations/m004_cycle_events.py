"""The schema change `m004_cycle_events`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m004_cycle_events(db: Database) -> None:
    """The events of the cycle after the dialogue that residents may hear about.

    Each is written in the transaction of the change that causes it, so the notices it owes
    are never lost to a crash between the change and the telling.
    """
    run_script(
        db,
        """
        CREATE TABLE cycle_events (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            campaign TEXT,
            promise TEXT,
            activity TEXT,
            areas TEXT NOT NULL DEFAULT '[]',
            detail TEXT NOT NULL DEFAULT '{}',
            happened_at TEXT NOT NULL
        );
        CREATE INDEX cycle_events_by_promise ON cycle_events (promise, id);
        """,
    )
