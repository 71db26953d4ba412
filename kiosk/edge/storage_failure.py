"""A database that cannot be written: 503 to the caller, and one log line a minute, not a
traceback per request. Nothing is acknowledged: the failed write's transaction never
committed, so the client keeps the answer and sends it again."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field

from aiohttp import web

from kiosk.clock import Clock

log = logging.getLogger("medborgardialog.storage")

# Primary SQLite result codes of a store that is there but cannot take the write now.
UNAVAILABLE = {
    5: "SQLITE_BUSY",
    6: "SQLITE_LOCKED",
    8: "SQLITE_READONLY",
    10: "SQLITE_IOERR",
    13: "SQLITE_FULL",
    14: "SQLITE_CANTOPEN",
    15: "SQLITE_PROTOCOL",
}
RETRY_AFTER_SECONDS = 30
LOG_INTERVAL_SECONDS = 60.0


def is_storage_unavailable(error: BaseException) -> bool:
    """Whether `error` says the database cannot be written (full, read-only, locked, I/O)."""
    if not isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in UNAVAILABLE
    text = str(error)
    return any(part in text for part in ("full", "readonly", "locked", "disk I/O"))


@dataclass
class StorageAlarm:
    """Logs the first failure at once, then at most one line per interval with a count."""

    clock: Clock
    interval: float = LOG_INTERVAL_SECONDS
    _last: float | None = None
    _suppressed: int = field(default=0)

    def report(self, error: BaseException, request: web.Request) -> None:
        now = self.clock.monotonic()
        if self._last is not None and now - self._last < self.interval:
            self._suppressed += 1
            return
        log.warning(
            "storage unavailable (%s); answering 503 to %s %s; %d more since the last line",
            error,
            request.method,
            request.path,
            self._suppressed,
        )
        self._last, self._suppressed = now, 0


STORAGE_ALARM = web.AppKey("storage_alarm", StorageAlarm)
