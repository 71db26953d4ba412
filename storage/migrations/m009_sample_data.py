"""The schema change `m009_sample_data`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database


def m009_sample_data(db: Database) -> None:
    """Mark the demo's sample answers, so that every page and export can say so and one
    click removes them all."""
    db.execute("ALTER TABLE responses ADD COLUMN sample INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX responses_sample ON responses (campaign) WHERE sample = 1")
