"""The schema change `m006_published_results`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m006_published_results(db: Database) -> None:
    """Published results with staff's summary per language, staff's review of flagged answers,
    the daily salts of the web's answer signals, and the answer's signal and walk duration.

    `signal` and `walk_seconds` may already have been added by the submit path's migration;
    they are added here only where missing, so both orders of the two leave one column each.
    """
    run_script(
        db,
        """
        CREATE TABLE published_results (
            campaign TEXT PRIMARY KEY,
            published_at TEXT NOT NULL,
            published_by TEXT NOT NULL
        );
        CREATE TABLE result_summaries (
            campaign TEXT NOT NULL,
            locale TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (campaign, locale)
        );
        CREATE TABLE flag_reviews (
            response_seq INTEGER PRIMARY KEY REFERENCES responses(seq) ON DELETE CASCADE,
            campaign TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('cleared', 'confirmed')),
            reviewed_by TEXT NOT NULL,
            reviewed_at TEXT NOT NULL
        );
        CREATE TABLE signal_salts (
            campaign TEXT NOT NULL,
            day TEXT NOT NULL,
            salt BLOB NOT NULL,
            PRIMARY KEY (campaign, day)
        )
        """,
    )
    columns = {column.name for column in db["responses"].columns}
    for name, kind in (("signal", "TEXT"), ("walk_seconds", "INTEGER")):
        if name not in columns:
            db.execute(f"ALTER TABLE responses ADD COLUMN {name} {kind}")
    # The flags read the few answers that carry either, not the whole table.
    run_script(
        db,
        """
        CREATE INDEX responses_with_signal ON responses (campaign, signal, submitted_at)
            WHERE signal IS NOT NULL;
        CREATE INDEX responses_with_walk ON responses (campaign, walk_seconds)
            WHERE walk_seconds IS NOT NULL
        """,
    )
