"""The schema change `m007_promises`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m007_promises(db: Database) -> None:
    """Citizen promises: their activities, progress updates, follow-ups and the approvals
    of the parties that sign them; and the party a staff account belongs to.

    An approval holds for the promise's `revision` it was given at: any later change raises
    the revision, so the parties approve again what is actually published.
    """
    run_script(
        db,
        """
        CREATE TABLE promises (
            id TEXT PRIMARY KEY,
            head TEXT NOT NULL,
            published_on TEXT,
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE promise_activities (
            promise TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            definition TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN
                ('planned', 'ongoing', 'done', 'delayed', 'changed', 'cancelled')),
            PRIMARY KEY (promise, id)
        );
        CREATE TABLE promise_updates (
            id INTEGER PRIMARY KEY,
            promise TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
            activity TEXT NOT NULL,
            on_date TEXT NOT NULL,
            status TEXT NOT NULL,
            text TEXT NOT NULL,
            public INTEGER NOT NULL,
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL
        );
        CREATE INDEX promise_updates_by_activity ON promise_updates (promise, activity, on_date);
        CREATE TABLE promise_followups (
            promise TEXT PRIMARY KEY REFERENCES promises(id) ON DELETE CASCADE,
            definition TEXT NOT NULL,
            published_at TEXT
        );
        CREATE TABLE promise_approvals (
            promise TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
            subject TEXT NOT NULL CHECK (subject IN ('promise', 'followup')),
            party TEXT NOT NULL,
            username TEXT NOT NULL,
            revision INTEGER NOT NULL,
            approved_at TEXT NOT NULL,
            PRIMARY KEY (promise, subject, party)
        );
        ALTER TABLE staff ADD COLUMN party TEXT
        """,
    )
