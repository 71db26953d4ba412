"""The schema change `m014_easy_read`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m014_easy_read(db: Database) -> None:
    """Whether the resident answered in Lättläst, the easy-to-read texts (0 before it existed)."""
    run_script(db, "ALTER TABLE responses ADD COLUMN easy_read INTEGER NOT NULL DEFAULT 0;")
