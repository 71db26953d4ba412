"""Running a migration's SQL text: the one primitive that migrations share.

Migrations that have shipped call it, so its behaviour never changes; another way to run SQL
is a new function beside it.
"""

from __future__ import annotations

from sqlite_utils import Database


def run_script(db: Database, script: str) -> None:
    """Run `;`-separated statements inside the open transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
