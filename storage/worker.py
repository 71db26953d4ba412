"""One thread that owns the connection; writes that wait together are committed together.

Callers hand in plain functions of a `Database`. Reads run as they come. Writes are taken
from the queue in a batch and run inside one `BEGIN IMMEDIATE` transaction, and none is
reported done before that transaction has committed (group commit): with
`synchronous=FULL` one fsync then covers every answer in the batch.

A bulk write (`write_bulk`) is a function of a list of items: the waiting callers of the
same bulk function in a batch are served by one call, so a batch of answers takes a few
statements instead of a few per answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlite_utils import Database

from storage.connection import immediate

T = TypeVar("T")
MAX_BATCH = 512


class _Job:
    """One call to make on the database thread, and where its result goes."""

    __slots__ = ("args", "bulk", "fn", "future", "loop", "write")

    def __init__(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        write: bool,
        future: Future | asyncio.Future | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        bulk: bool = False,
    ):
        self.fn = fn
        self.args = args
        self.write = write
        self.future = Future() if future is None else future
        self.loop = loop
        self.bulk = bulk

    def run(self, db: Database) -> Any:
        return self.fn(db, [self.args[0]])[0] if self.bulk else self.fn(db, *self.args)


class _JobFailed(Exception):
    """A job of a batch run without savepoints failed: run the batch again, isolated."""


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
        self._open = True  # until `close`: the thread ends only when told to

    def submit(self, fn: Callable[..., T], *args: Any, write: bool = False) -> Future:
        """Queue `fn(db, *args)`; its future resolves when done (a write: when committed)."""
        if not self._open:
            raise RuntimeError("the database worker is closed")
        job = _Job(fn, args, write)
        self._queue.put(job)
        return job.future

    def _submit_async(
        self, fn: Callable[..., Any], args: tuple[Any, ...], write: bool, bulk: bool = False
    ):
        if not self._open:
            raise RuntimeError("the database worker is closed")
        loop = asyncio.get_running_loop()
        job = _Job(fn, args, write, loop.create_future(), loop, bulk)
        self._queue.put(job)
        return job.future

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        return await self._submit_async(fn, args, write=False)

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        return await self._submit_async(fn, args, write=True)

    def write_bulk(
        self, fn: Callable[[Database, list[Any]], list[T]], item: Any
    ) -> asyncio.Future[T]:
        """Write `item` with `fn(db, items)`, which returns one result per item, in order;
        await what it returns.

        Callers waiting in the same batch share one call of `fn`.
        """
        return self._submit_async(fn, (item,), write=True, bulk=True)

    def close(self) -> None:
        """Finish what is queued, close the connection and end the thread."""
        self._open = False
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
                # This thread alone takes from the queue: what it holds can be taken now.
                for _ in range(min(self._queue.qsize(), MAX_BATCH - 1)):
                    batch.append(self._queue.get_nowait())
                jobs = [j for j in batch if isinstance(j, _Job)]
                writes = [j for j in jobs if j.write]
                settled = list(zip(writes, self._run_writes(db, writes), strict=True))
                settled += [(job, self._call(db, job)) for job in jobs if not job.write]
                self._settle(settled)
                if len(jobs) != len(batch):
                    return
        finally:
            db.conn.close()

    @staticmethod
    def _call(db: Database, job: _Job) -> tuple[bool, Any]:
        try:
            return True, job.run(db)
        except Exception as error:
            return False, error

    @staticmethod
    def _settle(settled: list[tuple[_Job, tuple[bool, Any]]]) -> None:
        """Hand results back: one wake-up per event loop for the whole batch, not one per job."""
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Job, tuple[bool, Any]]]] = {}
        for job, outcome in settled:
            if job.loop is None:
                if job.future.set_running_or_notify_cancel():
                    _resolve(job.future, outcome)
            else:
                by_loop.setdefault(job.loop, []).append((job, outcome))
        for loop, items in by_loop.items():
            # A closed loop raises RuntimeError: nobody waits for those results any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_resolve_all, items)

    def _run_writes(self, db: Database, jobs: list[_Job]) -> list[tuple[bool, Any]]:
        """Commit the batch in one transaction; results are handed back only after the commit.

        The batch first runs without savepoints (they cost a quarter of the time); if any job
        fails, the transaction is rolled back and the batch runs again with a savepoint per
        job, so one failing job never takes the others with it.
        """
        if not jobs:
            return []
        try:
            try:
                return self._transaction(db, jobs, isolated=False)
            except _JobFailed:
                return self._transaction(db, jobs, isolated=True)
        except Exception as error:  # the commit itself failed: nothing in the batch is stored
            return [(False, error)] * len(jobs)

    @staticmethod
    def _transaction(db: Database, jobs: list[_Job], isolated: bool) -> list[tuple[bool, Any]]:
        with immediate(db):
            if isolated:
                return [_isolated(db, job) for job in jobs]
            results: dict[int, Any] = {}
            for unit in _units(jobs):
                try:
                    if unit[0].bulk:
                        values = unit[0].fn(db, [job.args[0] for job in unit])
                    else:
                        values = [unit[0].fn(db, *unit[0].args)]
                except Exception as error:
                    raise _JobFailed from error
                results.update(zip(map(id, unit), values, strict=True))
            return [(True, results[id(job)]) for job in jobs]


def _units(jobs: list[_Job]) -> list[list[_Job]]:
    """The batch as calls to make, in order: a bulk function's jobs together, at the first."""
    units: list[list[_Job]] = []
    by_fn: dict[Callable[..., Any], list[_Job]] = {}
    for job in jobs:
        if not job.bulk:
            units.append([job])
        elif job.fn in by_fn:
            by_fn[job.fn].append(job)
        else:
            by_fn[job.fn] = [job]
            units.append(by_fn[job.fn])
    return units


def _isolated(db: Database, job: _Job) -> tuple[bool, Any]:
    """Run one job in a savepoint, so that its failure undoes only its own changes."""
    db.conn.execute("SAVEPOINT job")
    try:
        outcome: tuple[bool, Any] = (True, job.run(db))
    except Exception as error:
        if not db.conn.in_transaction:
            # SQLite rolled the whole transaction back itself (a full disk, an I/O error):
            # the batch's other jobs are undone too, so all of them fail with this error.
            raise
        outcome = (False, error)
        db.conn.execute("ROLLBACK TO job")
    db.conn.execute("RELEASE job")
    return outcome


def _resolve(future: Future | asyncio.Future, outcome: tuple[bool, Any]) -> None:
    ok, value = outcome
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


def _resolve_all(items: list[tuple[_Job, tuple[bool, Any]]]) -> None:
    for job, outcome in items:
        if not job.future.done():
            _resolve(job.future, outcome)
