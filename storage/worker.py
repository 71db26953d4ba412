"""One thread that owns the connection; writes that wait together are committed together.

Callers hand in plain functions of a `Database`. Reads run as they come. Writes are taken
from the queue in a batch, each in its own savepoint inside one `BEGIN IMMEDIATE`
transaction, and none is reported done before that transaction has committed (group
commit): with `synchronous=FULL` one fsync then covers every answer in the batch.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlite_utils import Database

from storage.connection import immediate

T = TypeVar("T")
MAX_BATCH = 512


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    write: bool
    future: Future = field(default_factory=Future)


class _Stop:
    """Tells the thread to close the connection and end."""


class DatabaseWorker:
    """Runs every database call of a process on one thread that owns the connection."""

    def __init__(self, open_db: Callable[[], Database], name: str = "database"):
        self._open_db = open_db
        self._queue: queue.SimpleQueue[_Job | _Stop] = queue.SimpleQueue()
        self._ready: Future = Future()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        self._ready.result()

    def submit(self, fn: Callable[..., T], *args: Any, write: bool = False) -> Future:
        """Queue `fn(db, *args)`; its future resolves when done (a write: when committed)."""
        if not self._thread.is_alive():
            raise RuntimeError("the database worker is closed")
        job = _Job(fn, args, write)
        self._queue.put(job)
        return job.future

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.wrap_future(self.submit(fn, *args))

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.wrap_future(self.submit(fn, *args, write=True))

    def close(self) -> None:
        """Finish what is queued, close the connection and end the thread."""
        if self._thread.is_alive():
            self._queue.put(_Stop())
            self._thread.join()

    def _run(self) -> None:
        try:
            db = self._open_db()
        except BaseException as error:  # reported to the opener, not swallowed
            self._ready.set_exception(error)
            return
        self._ready.set_result(None)
        try:
            while True:
                first = self._queue.get()
                batch = [first]
                while len(batch) < MAX_BATCH:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                jobs = [j for j in batch if isinstance(j, _Job)]
                self._run_writes(db, [j for j in jobs if j.write])
                for job in jobs:
                    if not job.write:
                        self._settle(job, lambda job=job: job.fn(db, *job.args))
                if len(jobs) != len(batch):
                    return
        finally:
            db.conn.close()

    @staticmethod
    def _settle(job: _Job, call: Callable[[], Any]) -> None:
        if not job.future.set_running_or_notify_cancel():
            return
        try:
            job.future.set_result(call())
        except BaseException as error:
            job.future.set_exception(error)

    def _run_writes(self, db: Database, jobs: list[_Job]) -> None:
        if not jobs:
            return
        outcomes: list[tuple[bool, Any]] = []
        try:
            with immediate(db):
                for index, job in enumerate(jobs):
                    savepoint = f"job{index}"
                    db.conn.execute(f"SAVEPOINT {savepoint}")
                    try:
                        outcomes.append((True, job.fn(db, *job.args)))
                        db.conn.execute(f"RELEASE {savepoint}")
                    except Exception as error:
                        db.conn.execute(f"ROLLBACK TO {savepoint}")
                        db.conn.execute(f"RELEASE {savepoint}")
                        outcomes.append((False, error))
        except BaseException as error:  # the commit itself failed: nothing in the batch is stored
            for job in jobs:
                if job.future.set_running_or_notify_cancel():
                    job.future.set_exception(error)
            return
        for job, (ok, value) in zip(jobs, outcomes, strict=True):
            if job.future.set_running_or_notify_cancel():
                if ok:
                    job.future.set_result(value)
                else:
                    job.future.set_exception(value)
