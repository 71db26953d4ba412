"""The schema change `m002_staff_work`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m002_staff_work(db: Database) -> None:
    """Comment moderation and themes, staff login sessions, paper imports; indexes for answers
    per day and for counting comments.

    A moderation row counts only while `moderated_at` is not older than the response's
    `updated_at`: a resident who replaces their answer is moderated afresh.
    """
    run_script(
        db,
        """
        CREATE TABLE comment_moderation (
            response_seq INTEGER PRIMARY KEY REFERENCES responses(seq) ON DELETE CASCADE,
            campaign TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'approved', 'hidden')),
            redacted TEXT,
            moderated_by TEXT NOT NULL,
            moderated_at TEXT NOT NULL
        );
        CREATE INDEX comment_moderation_by_status ON comment_moderation (campaign, status);
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            campaign TEXT NOT NULL,
            name TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (campaign, name)
        );
        CREATE TABLE comment_tags (
            response_seq INTEGER NOT NULL REFERENCES responses(seq) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (response_seq, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX comment_tags_by_tag ON comment_tags (tag_id);
        CREATE TABLE staff_sessions (
            sid TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES staff(username) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            ended_at TEXT
        );
        CREATE TABLE paper_imports (
            id INTEGER PRIMARY KEY,
            campaign TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            stored INTEGER NOT NULL,
            refused INTEGER NOT NULL,
            UNIQUE (campaign, sha256)
        );
        CREATE INDEX responses_by_time ON responses (campaign, submitted_at);
        CREATE INDEX responses_with_comment ON responses (campaign) WHERE comment IS NOT NULL;
        """,
    )
