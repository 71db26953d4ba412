"""Statements for many rows at once, cut to SQLite's limit of values in one statement.

A batch is written in a fixed few statements, not one a row: `executemany` and statements
per row cost the database thread far more than one multi-row statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from operator import itemgetter
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
    db: Database,
    table: str,
    columns: str,
    rows: Sequence[tuple[Any, ...]],
    then: str = "",
    *,
    leave_out_null: bool = False,
) -> int:
    """INSERT every row, in as few statements as the limit allows; `then` ends each one
    (an ON CONFLICT clause). Returns how many rows were inserted or changed.

    With `leave_out_null`, a column that is None in every row of a statement is left out of
    it, so it takes its default: only for columns whose default is NULL. Binding a None
    costs the driver several times what binding a text does (it looks for an adapter).
    """
    if not rows:
        return 0
    names = _names(columns)
    changed = 0
    for chunk in chunks(db, rows, len(rows[0])):
        kept, values = names, [value for row in chunk for value in row]
        if leave_out_null:
            kept, values = _without_null_columns(names, chunk)
        sql = _insert_sql(table, kept, len(chunk), then)
        changed += db.conn.execute(sql, values).rowcount
    return changed


@lru_cache(maxsize=64)
def _names(columns: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in columns.split(","))


# Every answer is inserted: its statement's text is written once per shape, not each time.
@lru_cache(maxsize=1024)
def _insert_sql(table: str, columns: tuple[str, ...], count: int, then: str) -> str:
    marks = ", ".join(["(" + ", ".join("?" * len(columns)) + ")"] * count)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {marks} {then}"


def _without_null_columns(
    names: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> tuple[tuple[str, ...], list[Any]]:
    """The columns that hold a value in some row, and the rows' values in those columns."""
    first = rows[0]
    null = tuple(i for i, value in enumerate(first) if value is None)
    if len(rows) > 1:  # a column is left out only if it is None in every row
        null = tuple(i for i in null if all(row[i] is None for row in rows))
    if not null:
        return names, [value for row in rows for value in row]
    kept, values_of = _kept_columns(names, null)
    if len(rows) == 1:
        return kept, list(values_of(first))
    return kept, list(chain.from_iterable(map(values_of, rows)))


@lru_cache(maxsize=256)  # a table's rows leave out the same few columns, again and again
def _kept_columns(
    names: tuple[str, ...], null: tuple[int, ...]
) -> tuple[tuple[str, ...], Callable[[tuple[Any, ...]], tuple[Any, ...]]]:
    """The names of the columns not in `null`, and what takes their values from a row."""
    keep = [i for i in range(len(names)) if i not in null]
    values_of = itemgetter(*keep) if len(keep) > 1 else lambda row: (row[keep[0]],)
    return tuple(names[i] for i in keep), values_of


def marks(values: Sequence[Any]) -> str:
    """The placeholders of an IN list of these values."""
    return ", ".join("?" * len(values))
