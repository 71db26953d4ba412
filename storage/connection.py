"""Opening the shared SQLite file: WAL, a busy timeout, foreign keys, durable commits."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import suppress
from pathlib import Path

from sqlite_utils import Database

BUSY_TIMEOUT_SECONDS = 30
# A batch of n answers is written with statements for n rows, so there is one statement per
# batch size and table: kept prepared, not parsed again at every commit.
CACHED_STATEMENTS = 512


def connect(path: Path | str, *, synchronous: str = "FULL") -> Database:
    """Open (and create) the database file, ready for several threads' and processes' use.

    The connection is in driver autocommit mode: writes open their transactions explicitly
    with `BEGIN IMMEDIATE` (see `immediate`), so two processes never deadlock on an upgrade.
    A new file is created readable by its owner only (it holds staff password hashes and
    sessions); SQLite gives its -wal and -shm files the same mode.
    """
    create_private(path)
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_SECONDS,
        check_same_thread=False,
        isolation_level=None,
        cached_statements=CACHED_STATEMENTS,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    _use_wal(conn)
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: the id index stays in memory
    # A batch of answers is one INSERT whose statement journal outgrows SQLite's 64 KiB in
    # memory: kept in memory still, not spilled to a temporary file opened for each batch.
    conn.execute("PRAGMA temp_store = MEMORY")
    return Database(conn)


def connect_reader(path: Path | str) -> Database:
    """A read-only connection to a file the writer has opened: for reads beside the writer.

    In WAL a reader sees the last commit and never waits for the writer, nor it for him.
    """
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_SECONDS,
        check_same_thread=False,
        isolation_level=None,
        cached_statements=CACHED_STATEMENTS,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA synchronous = FULL")  # as the writer's, for whoever reads the pragmas
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -16384")
    return Database(conn)


def create_private(path: Path | str) -> None:
    """Create the database file with mode 0600 if it does not exist yet."""
    if str(path) == ":memory:" or str(path).startswith("file:"):
        return
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL (once per file; after that a no-op). While another process
    holds a write lock on a file not yet in WAL, as when two processes create it at once,
    SQLite refuses the switch at once instead of waiting: so wait here, as busy_timeout would."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class immediate:  # lower case: it is used as a function, `with immediate(db):`
    """A write transaction that takes the write lock at its start (BEGIN IMMEDIATE):
    committed when the block ends, rolled back when it raises.

    A class rather than a generator: the database thread opens one for every batch."""

    __slots__ = ("db",)

    def __init__(self, db: Database):
        self.db = db

    def __enter__(self) -> Database:
        self.db.conn.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, error, trace) -> bool:
        conn = self.db.conn
        if kind is None:
            conn.execute("COMMIT")
        elif conn.in_transaction:
            conn.execute("ROLLBACK")
        return False
