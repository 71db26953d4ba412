"""Statements for many rows at once, cut to SQLite's limit of values in one statement.

A batch is written in a fixed few statements, not one a row: `executemany` and statements
per row cost the database thread far more than one multi-row statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlite_utils import Database

T = TypeVar("T")


def chunks(
    db: Database, items: Sequence[T], width: int = 1, besides: int = 0
) -> Iterator[Sequence[T]]:
    """`items` in runs whose values (`width` each) fit in one statement that binds
    `besides` other values too."""
    limit = db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - besides
    most = max(1, limit // width)
    for start in range(0, len(items), most):
        yield items[start : start + most]


def insert_rows(
    db: Database, table: str, columns: str, rows: Sequence[tuple[Any, ...]], then: str = ""
) -> int:
    """INSERT every row, in as few statements as the limit allows; `then` ends each one
    (an ON CONFLICT clause). Returns how many rows were inserted or changed."""
    if not rows:
        return 0
    changed = 0
    for chunk in chunks(db, rows, len(rows[0])):
        marks = ", ".join(["(" + ", ".join("?" * len(chunk[0])) + ")"] * len(chunk))
        values = [value for row in chunk for value in row]
        sql = f"INSERT INTO {table} ({columns}) VALUES {marks} {then}"
        changed += db.conn.execute(sql, values).rowcount
    return changed


def marks(values: Sequence[Any]) -> str:
    """The placeholders of an IN list of these values."""
    return ", ".join("?" * len(values))
