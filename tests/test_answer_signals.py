"""The web's answer signal: the same browser on one day gives one signal, another browser or
another day another; only today's salt is kept, and none once the campaign has closed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from kiosk.answering.answer_signals import forget_closed
from kiosk.app import create_app
from kiosk.config import WebConfig
from kiosk.edge.client_address import trusted_networks
from storage.signal_salts import salt_days, salt_of_day
from tests.fake_clock import FakeClock

DAY = datetime(2026, 3, 2, 10, tzinfo=UTC)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36"


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    clock = FakeClock(DAY)
    client = await aiohttp_client(
        create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32, clock=clock)
    )
    client.clock = clock
    return client


async def post(client, user_agent: str, forwarded_for: str | None = None) -> str:
    answer_id = str(uuid.uuid4())
    body = {
        "id": answer_id,
        "areas": ["traffic", "unsafe-places", "social-unrest"],
        "comment": None,
        "locale": "sv",
        "channel": "web",
        "answers": {},
    }
    headers = {"User-Agent": user_agent}
    if forwarded_for is not None:
        headers["X-Forwarded-For"] = forwarded_for
    response = await client.post("/api/v1/campaigns/demo/responses", json=body, headers=headers)
    assert 201 == response.status
    return answer_id


async def signals(store, *ids: str) -> list[str | None]:
    def read(db):
        return [
            db.conn.execute("SELECT signal FROM responses WHERE id = ?", (i,)).fetchone()[0]
            for i in ids
        ]

    return await store.read(read)


async def test_one_browser_one_signal_a_day(client, store):
    first, again, other = [await post(client, ua) for ua in (FIREFOX, FIREFOX, CHROME)]
    a, b, c = await signals(store, first, again, other)
    assert a == b and a != c and len(a) == 32
    assert ["2026-03-02"] == await store.read(salt_days, "demo")

    client.clock.advance(days=1)
    tomorrow = await post(client, FIREFOX)
    assert [a] != await signals(store, tomorrow)
    assert ["2026-03-03"] == await store.read(salt_days, "demo")


async def test_a_closed_campaigns_salt_is_deleted(client, store):
    await store.write(salt_of_day, "karlstad-2016", "2016-03-18")
    await post(client, FIREFOX)
    assert 1 == await forget_closed(client.app)
    assert [] == await store.read(salt_days, "karlstad-2016")
    assert ["2026-03-02"] == await store.read(salt_days, "demo")


async def test_kiosk_answers_carry_no_signal(client, store):
    answer_id = str(uuid.uuid4())
    body = {
        "id": answer_id,
        "areas": ["traffic", "unsafe-places", "social-unrest"],
        "comment": None,
        "locale": "sv",
        "channel": "kiosk",
        "answers": {},
    }
    assert 201 == (await client.post("/api/v1/campaigns/demo/responses", json=body)).status
    assert [None] == await signals(store, answer_id)


@pytest.fixture
async def behind_proxy(aiohttp_client, store, campaigns, catalogs):
    """The app as a reverse proxy on this machine passes it requests (it is trusted)."""
    config = WebConfig(trusted_proxies=trusted_networks("127.0.0.1, ::1"))
    app = create_app(config, store, campaigns, catalogs, b"k" * 32, clock=FakeClock(DAY))
    return await aiohttp_client(app)


async def test_behind_a_trusted_proxy_each_resident_has_a_signal_of_their_own(behind_proxy, store):
    anna, bo = [await post(behind_proxy, FIREFOX, ip) for ip in ("203.0.113.7", "198.51.100.9")]
    # A client's own X-Forwarded-For, passed on by the proxy, is not believed: the proxy's
    # hop (the rightmost one not trusted) counts.
    forged = await post(behind_proxy, FIREFOX, "198.51.100.9, 203.0.113.7")
    a, b, c = await signals(store, anna, bo, forged)
    assert a != b and c == a


async def test_without_trusted_proxies_a_forwarded_for_is_ignored(client, store):
    anna, bo = [await post(client, FIREFOX, ip) for ip in ("203.0.113.7", "198.51.100.9")]
    a, b = await signals(store, anna, bo)
    assert a == b  # one connection's address, whatever the header says


def test_trusted_proxies_are_addresses_or_networks():
    assert 2 == len(trusted_networks("10.0.0.0/8; ::1"))
    with pytest.raises(ValueError) as refused:
        trusted_networks("10.0.0.1, proxy.example")
    assert "'proxy.example' is not an address or a network" in str(refused.value)
