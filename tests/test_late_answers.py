"""Kiosk answers delivered after the fact: judged by when the resident gave them (C2)."""

from __future__ import annotations

import json
import uuid

import pytest

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage.export_json import json_export_chunks
from storage.export_tables import export_table
from tests.fake_clock import FakeClock

# Karlstad's dialogue closed on 18 March 2016 (inclusive, Swedish time).
URL = "/api/v1/campaigns/karlstad-2016/responses"
LAST_EVENING = "2016-03-18T21:40:00+01:00"


def answer(**changes):
    body = {
        "id": str(uuid.uuid4()),
        "areas": ["violence-public", "unsafe-places", "traffic"],
        "comment": None,
        "locale": "sv",
        "channel": "kiosk",
        "answers": {"age": "prefer-not-to-say"},
        "source": "bibliotek",
    }
    return {**body, **changes}


@pytest.fixture
def clock():
    return FakeClock("2016-03-25T09:00:00+01:00")


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs, clock):
    app = create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32, clock=clock)
    return await aiohttp_client(app)


async def stored(store, response_id):
    return await store.get_response(response_id)


async def test_an_answer_captured_before_closing_and_delivered_after_is_stored_late(
    client, store, campaigns
):
    body = answer(captured_at=LAST_EVENING, started_at="2016-03-18T21:39:13+01:00")
    response = await client.post(URL, json=body)
    assert 201 == response.status
    assert {"id": body["id"], "status": "created", "late": True} == await response.json()
    kept = await stored(store, body["id"])
    assert (True, "2016-03-18T20:40:00.000000Z", 47) == (
        kept.late,
        kept.captured_at,
        kept.walk_seconds,
    )
    assert {"age": "prefer-not-to-say"} == dict(kept.answers)

    karlstad = campaigns["karlstad-2016"]
    table = await store.read(lambda db: export_table(db, karlstad, "responses", machine_names=True))
    rows = list(table.rows)
    late = table.header.index("late")
    assert ["1"] == [row[late] for row in rows]
    exported = await store.read(lambda db: "".join(json_export_chunks(db, karlstad)))
    assert [True] == [r["late"] for r in json.loads(exported)["responses"]]


async def test_a_late_answer_sent_again_is_the_same_answer(client):
    body = answer(captured_at=LAST_EVENING)
    assert 201 == (await client.post(URL, json=body)).status
    again = await client.post(URL, json=body)
    assert (200, "already_stored") == (again.status, (await again.json())["status"])


async def test_fourteen_days_after_closing_a_late_answer_is_still_taken(client, clock):
    clock.at("2016-04-01T23:59:00+02:00")
    assert 201 == (await client.post(URL, json=answer(captured_at=LAST_EVENING))).status


async def test_more_than_fourteen_days_after_closing_it_is_refused(client, clock, store):
    clock.at("2016-04-02T02:00:00+02:00")
    body = answer(captured_at=LAST_EVENING)
    response = await client.post(URL, json=body)
    assert (410, "campaign.not_open") == (response.status, (await response.json())["error"])
    assert await stored(store, body["id"]) is None


async def test_an_answer_captured_after_closing_is_refused(client, store):
    body = answer(captured_at="2016-03-19T00:00:01+01:00")
    response = await client.post(URL, json=body)
    assert (410, "campaign.not_open") == (response.status, (await response.json())["error"])
    assert await stored(store, body["id"]) is None


async def test_an_answer_captured_in_the_future_is_refused(client, clock, store):
    clock.at("2016-03-10T12:00:00+01:00")
    body = answer(captured_at="2016-03-10T12:06:00+01:00")
    response = await client.post(URL, json=body)
    error = await response.json()
    assert (422, "captured_at.future") == (response.status, error["error"])
    assert error["message"] and "Svaret kunde inte tas emot." != error["message"]
    assert await stored(store, body["id"]) is None


async def test_a_kiosk_clock_a_little_ahead_is_believed(client, clock, store):
    clock.at("2016-03-10T12:00:00+01:00")
    body = answer(captured_at="2016-03-10T12:04:00+01:00")
    response = await client.post(URL, json=body)
    assert {"id": body["id"], "status": "created"} == await response.json()
    assert not (await stored(store, body["id"])).late


async def test_without_captured_at_the_answer_is_judged_when_received(client, clock):
    response = await client.post(URL, json=answer())
    assert (410, "campaign.not_open") == (response.status, (await response.json())["error"])
    clock.at("2016-03-01T10:00:00+01:00")
    response = await client.post(URL, json=answer())
    assert {"status": "created"} == {"status": (await response.json())["status"]}


@pytest.mark.parametrize(
    "field, value",
    [
        ("captured_at", "yesterday"),
        ("captured_at", "2016-03-18T21:40:00"),  # no offset: whose evening?
        ("captured_at", 1458333600),
        ("started_at", "2016-03-18 soon"),
    ],
)
async def test_a_time_that_is_not_iso_8601_with_an_offset_is_422(client, field, value):
    body = answer(**{"captured_at": LAST_EVENING, field: value})
    response = await client.post(URL, json=body)
    error = await response.json()
    assert (422, "time.invalid", field) == (response.status, error["error"], error.get("field"))


async def test_the_campaign_says_whether_it_is_open_by_the_same_clock(client, clock):
    described = await (await client.get("/api/v1/campaigns/karlstad-2016")).json()
    assert "closed" == described["status"]
    clock.at("2016-03-01T10:00:00+01:00")
    described = await (await client.get("/api/v1/campaigns/karlstad-2016")).json()
    assert "open" == described["status"]
    assert {"id": "comment", "required": False, "returns_to": "confirm"} == {
        key: value
        for key, value in next(s for s in described["steps"] if s["id"] == "comment").items()
        if key in ("id", "required", "returns_to")
    }
