"""The published results are served from memory and counted again when something changed:
at once for staff's changes, within the check interval for publishing elsewhere, and for
new answers once the counted results are old enough."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

import pytest

from kiosk.app import create_app
from kiosk.app_keys import CAMPAIGNS
from kiosk.config import WebConfig
from kiosk.results.cache import CHECK_SECONDS, RECOUNT_SECONDS, RESULTS_CACHE
from storage.publication import publish, unpublish
from tests.fake_clock import FakeClock
from tests.staff_support import answer


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    clock = FakeClock()
    client = await aiohttp_client(
        create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32, clock=clock)
    )
    client.clock = clock
    return client


async def participants(client) -> int | None:
    response = await client.get("/api/v1/campaigns/demo/results")
    return (await response.json())["participants"] if response.status == 200 else None


async def test_new_answers_are_counted_once_the_results_are_old_enough(client, store):
    await store.save_response(answer())
    await store.write(publish, "demo", "kim", datetime.now(UTC))
    assert 1 == await participants(client)
    await store.save_response(answer())
    assert 1 == await participants(client)  # from memory
    client.clock.advance(CHECK_SECONDS)
    assert 1 == await participants(client)  # changed, but counted a moment ago
    client.clock.advance(RECOUNT_SECONDS)
    assert 2 == await participants(client)


async def test_publishing_elsewhere_is_seen_at_the_next_check(client, store):
    assert await participants(client) is None
    await store.write(publish, "demo", "cli", datetime.now(UTC))
    assert await participants(client) is None
    client.clock.advance(CHECK_SECONDS)
    assert 0 == await participants(client)
    await store.write(unpublish, "demo", "cli")
    client.clock.advance(CHECK_SECONDS)
    assert await participants(client) is None


@pytest.fixture
async def recounting(client, store):
    """Published results counted once, a new answer, and then a second count that, once
    counted, waits for the test to let it finish: (the request waiting for it, release)."""
    cache = client.app[RESULTS_CACHE]
    await store.write(publish, "demo", "kim", datetime.now(UTC))
    assert 0 == await participants(client)
    await store.save_response(answer())
    client.clock.advance(RECOUNT_SECONDS)
    started, release = threading.Event(), threading.Event()
    count = cache.count

    def held(path, campaign):
        data = count(path, campaign)
        started.set()
        release.wait(10)
        return data

    cache.count = held
    counting = asyncio.create_task(participants(client))
    await asyncio.to_thread(started.wait, 10)
    yield counting, release
    release.set()


async def test_while_one_request_counts_again_the_others_get_the_last_count(client, recounting):
    counting, release = recounting
    assert 0 == await participants(client)  # served at once, from memory
    assert not counting.done()
    release.set()
    assert 1 == await counting


async def test_an_unpublish_is_seen_even_while_the_results_are_counted_again(
    client, store, recounting
):
    counting, release = recounting
    await store.write(unpublish, "demo", "cli")
    client.clock.advance(CHECK_SECONDS)
    cache, campaign = client.app[RESULTS_CACHE], client.app[CAMPAIGNS]["demo"]
    waiting = asyncio.create_task(cache.get(store, campaign))
    await asyncio.sleep(0)  # the check runs at once, and sees the change
    release.set()
    assert 1 == await counting  # counted before the unpublish
    assert (await waiting).data.publication is None  # waited, and counted again
