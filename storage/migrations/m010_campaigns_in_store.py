"""The schema change `m010_campaigns_in_store`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m010_campaigns_in_store(db: Database) -> None:
    """Campaigns live in the store: their file's text (`document`), where they came from
    (`origin`: the file's name, NULL when made in the staff pages), whether staff have opened
    them yet, and one stamp that every change moves, for running processes to notice. Staff
    accounts may now also be organisers, who make campaigns.

    The staff table is made anew for its role check; its sessions are kept aside meanwhile,
    since dropping the old table deletes the rows that refer to it.
    """
    run_script(
        db,
        """
        ALTER TABLE campaigns ADD COLUMN document TEXT;
        ALTER TABLE campaigns ADD COLUMN origin TEXT;
        ALTER TABLE campaigns ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
            CHECK (state IN ('draft', 'published'));
        ALTER TABLE campaigns ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE campaigns_stamp (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL
        );
        INSERT INTO campaigns_stamp (id, revision) VALUES (1, 0);
        CREATE TABLE staff_new (
            username TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'organiser')),
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            party TEXT
        );
        INSERT INTO staff_new (username, password_hash, role, failed_logins, locked_until,
            created_at, party)
            SELECT username, password_hash, role, failed_logins, locked_until, created_at, party
            FROM staff;
        CREATE TEMP TABLE sessions_kept AS SELECT * FROM staff_sessions;
        DROP TABLE staff;
        ALTER TABLE staff_new RENAME TO staff;
        INSERT INTO staff_sessions SELECT * FROM temp.sessions_kept;
        DROP TABLE temp.sessions_kept
        """,
    )
