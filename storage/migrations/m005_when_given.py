"""The schema change `m005_when_given`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m005_when_given(db: Database) -> None:
    """When and how an answer was given: captured offline and delivered late, how long the
    walk took, a pseudonymous signal of its origin, and the day on a paper answer.

    Paper answers had only a noon stamp invented from their day; that day is kept as theirs.
    """
    run_script(
        db,
        """
        ALTER TABLE responses ADD COLUMN captured_at TEXT;
        ALTER TABLE responses ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE responses ADD COLUMN walk_seconds INTEGER;
        ALTER TABLE responses ADD COLUMN signal TEXT;
        ALTER TABLE responses ADD COLUMN paper_date TEXT;
        UPDATE responses SET paper_date = substr(submitted_at, 1, 10) WHERE channel = 'paper';
        """,
    )
