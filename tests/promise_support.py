"""Helpers for the promise tests: the sample promises in a store, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

from promises import SAMPLE_DIR
from storage.promises import save_promise
from survey.promises.loader import load_promises

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def samples():
    return load_promises(SAMPLE_DIR)


def import_samples(db, now: datetime = NOW) -> None:
    for promise in samples().values():
        save_promise(db, promise, actor="test", now=now)
