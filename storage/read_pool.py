"""Reads on their own read-only connections, beside the one writer thread (as Datasette does).

A staff page or an export runs its queries here, so it never waits in the writer's queue
behind residents' answers, and a long export never holds up a write. In WAL each read sees
the database as of the last commit.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from storage.connection import connect_reader

T = TypeVar("T")
# The machine this runs on has a few cores; more readers than that only queue on the GIL.
READERS = 2


class ReadPool:
    """A few threads, each with its own read-only connection, opened on first use."""

    def __init__(self, path: Path | str, size: int = READERS):
        self._path = path
        self._local = threading.local()
        self._connections: list[Database] = []
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="db-read")

    def _database(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = connect_reader(self._path)
            with self._lock:
                self._connections.append(db)
        return db

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        return fn(self._database(), *args)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(db, *args)` on a read connection and return what it returns."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run, fn, args)

    def close(self) -> None:
        """Wait for running reads, then close every read connection."""
        self._executor.shutdown(wait=True)
        with self._lock:
            for db in self._connections:
                db.conn.close()
            self._connections.clear()
