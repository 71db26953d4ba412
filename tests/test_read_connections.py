"""Reads on their own read-only connections: never queued behind the writer thread."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest

from storage.responses import count_tally
from tests.staff_support import add_account, answer, log_in, staff_app

DEADLOCK_GUARD = 10  # seconds; a read that waited for the writer would never finish


async def hold_the_writer(store) -> tuple[threading.Event, asyncio.Future]:
    """Keep the write thread busy until the returned event is set."""
    gate, started = threading.Event(), threading.Event()

    def busy(db):
        started.set()
        gate.wait(DEADLOCK_GUARD)

    held = asyncio.ensure_future(store.write(busy))
    await asyncio.get_running_loop().run_in_executor(None, started.wait, DEADLOCK_GUARD)
    return gate, held


async def test_a_read_is_answered_while_the_writer_is_busy(store, campaigns):
    await store.save_response(answer())
    gate, held = await hold_the_writer(store)
    try:
        tally = await asyncio.wait_for(store.read(count_tally, campaigns["demo"]), DEADLOCK_GUARD)
        assert not held.done()
    finally:
        gate.set()
    await held
    assert 1 == tally.participants


async def test_staff_pages_load_while_answers_queue_for_the_writer(
    aiohttp_client, store, campaigns, catalogs
):
    await add_account(store)
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    await log_in(client)
    gate, held = await hold_the_writer(store)
    queued = asyncio.ensure_future(store.save_response(answer()))
    try:
        for path in ("/staff/", "/staff/c/demo/", "/staff/c/demo/live"):
            page = await asyncio.wait_for(client.get(path), DEADLOCK_GUARD)
            assert 200 == page.status, path
        assert not queued.done()
    finally:
        gate.set()
    await held
    assert "created" == (await queued).value


async def test_a_read_sees_what_was_committed_before_it(store, campaigns):
    for expected in (1, 2, 3):
        await store.save_response(answer())
        assert expected == (await store.read(count_tally, campaigns["demo"])).participants


async def test_a_read_connection_refuses_to_write(store):
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await store.read(lambda db: db.conn.execute("DELETE FROM responses"))
