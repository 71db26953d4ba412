"""A database that cannot be written: 503 with Retry-After, nothing acknowledged that was not
stored, and one log line a minute instead of a traceback per request."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import uuid

import pytest
from bs4 import BeautifulSoup

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage import Store
from tests.fake_clock import FakeClock

API = "/api/v1/campaigns/demo/responses"
AREAS = ["violence-public", "unsafe-places", "traffic"]


def answer() -> dict:
    comment = "Mer belysning vid busshållplatsen och längs cykelvägen. " * 20
    return {
        "id": str(uuid.uuid4()),
        "areas": AREAS,
        "comment": comment,
        "locale": "sv",
        "channel": "kiosk",
    }


def pragma(store: Store, statement: str) -> None:
    store.call(lambda db: db.conn.execute(statement), write=False)


def disk_full(store: Store) -> None:
    """No page may be added to the file any more, as on a full disk."""
    pragma(store, "PRAGMA max_page_count = 1")  # SQLite keeps it at the current page count


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs, clock, caplog):
    caplog.set_level(logging.INFO)
    app = create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32, clock=clock)
    yield await aiohttp_client(app)
    assert [] == [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_a_full_disk_gets_503_and_nothing_refused_is_stored(client, store):
    stored_before = answer()
    assert 201 == (await client.post(API, json=stored_before)).status
    disk_full(store)
    refused = []
    for _ in range(40):
        body = answer()
        response = await client.post(API, json=body)
        if response.status == 503:
            refused.append(body)
        else:
            assert 201 == response.status  # an answer that still fitted a free page
            assert await store.get_response(body["id"]) is not None
    assert refused
    response = await client.post(API, json=refused[0])
    assert 503 == response.status
    assert "30" == response.headers["Retry-After"]
    error = await response.json()
    assert "storage.unavailable" == error["error"]
    assert "Svaren kan inte sparas just nu. Försök igen om en stund." == error["message"]
    for body in refused:
        assert await store.get_response(body["id"]) is None
    assert await store.get_response(stored_before["id"]) is not None

    pragma(store, "PRAGMA max_page_count = 1073741823")  # room again: the resends are stored
    for body in refused:
        assert 201 == (await client.post(API, json=body)).status
        assert body["comment"].strip() == (await store.get_response(body["id"])).comment


async def test_answers_sent_together_to_a_full_disk_are_acknowledged_only_if_stored(client, store):
    disk_full(store)
    bodies = [answer() for _ in range(30)]
    responses = await asyncio.gather(*(client.post(API, json=body) for body in bodies))
    statuses = [response.status for response in responses]
    assert 503 in statuses
    assert {201, 503} >= set(statuses)
    for body, status in zip(bodies, statuses, strict=True):
        stored = await store.get_response(body["id"])
        assert (status == 201) == (stored is not None)


async def test_a_read_only_database_gets_503_on_the_api_and_a_page_on_the_web_form(client, store):
    pragma(store, "PRAGMA query_only = ON")
    body = answer()
    response = await client.post(API, json=body)
    assert (503, "storage.unavailable") == (response.status, (await response.json())["error"])
    form = {"id": str(uuid.uuid4()), "areas": AREAS}
    page = await client.post("/c/demo/", data=form, headers={"Accept-Language": "en"})
    assert (503, "30") == (page.status, page.headers["Retry-After"])
    heading = BeautifulSoup(await page.text(), "html.parser").h1.get_text(strip=True)
    assert "Answers cannot be saved right now. Please try again in a moment." == heading
    pragma(store, "PRAGMA query_only = OFF")
    assert await store.get_response(body["id"]) is None
    assert await store.get_response(form["id"]) is None


async def test_one_log_line_a_minute_however_many_requests_fail(client, store, clock, caplog):
    pragma(store, "PRAGMA query_only = ON")
    for _ in range(5):
        assert 503 == (await client.post(API, json=answer())).status
    clock.advance(61)
    for _ in range(3):
        assert 503 == (await client.post(API, json=answer())).status
    lines = [r for r in caplog.records if r.name == "medborgardialog.storage"]
    assert [logging.WARNING, logging.WARNING] == [r.levelno for r in lines]
    assert "4 more since the last line" in lines[1].getMessage()
    pragma(store, "PRAGMA query_only = OFF")


def test_the_database_file_and_its_wal_are_created_readable_by_the_owner_only(tmp_path):
    previous = os.umask(0o022)
    try:
        store = Store(tmp_path / "private.db")
        store.call(lambda db: db.conn.execute("CREATE TABLE t (a)"), write=True)
        modes = {
            path.name: stat.S_IMODE(path.stat().st_mode)
            for path in tmp_path.iterdir()
            if path.name.startswith("private.db")
        }
        store.close()
    finally:
        os.umask(previous)
    assert {"private.db": 0o600, "private.db-wal": 0o600, "private.db-shm": 0o600} == modes
