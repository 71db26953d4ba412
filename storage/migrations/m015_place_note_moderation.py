"""The schema change `m015_place_note_moderation`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m015_place_note_moderation(db: Database) -> None:
    """A decision on the note of one place of an answer (new, approved, hidden), as a comment
    has one: the place is the `n`th (from 0) of the answer's place question. Like a
    comment's, a decision counts only for the answer it was made on: the list compares its
    time with the answer's last change."""
    run_script(
        db,
        """
        CREATE TABLE place_note_moderation (
            response_seq INTEGER NOT NULL REFERENCES responses(seq) ON DELETE CASCADE,
            question TEXT NOT NULL,
            n INTEGER NOT NULL,
            campaign TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'approved', 'hidden')),
            moderated_by TEXT NOT NULL,
            moderated_at TEXT NOT NULL,
            PRIMARY KEY (response_seq, question, n)
        );
        CREATE INDEX place_note_moderation_by_status
            ON place_note_moderation (campaign, status);
        """,
    )
