"""Paper answers are judged by their paper date, and shown and exported as a date."""

from __future__ import annotations

import json
import uuid

import pytest
from aiohttp import FormData
from bs4 import BeautifulSoup

from storage.export_json import json_export_chunks
from storage.export_tables import export_table
from tests.fake_clock import FakeClock
from tests.staff_support import add_account, log_in, staff_app, token

# Karlstad's dialogue ran from 22 February to 18 March 2016; the staff key in its paper later.
PAPER = "/staff/c/karlstad-2016/paper"
AREAS = [("area", "traffic"), ("area", "unsafe-places"), ("area", "social-unrest")]


@pytest.fixture
def clock():
    return FakeClock("2016-04-04T10:00:00+02:00")


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs, clock):
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs, clock=clock))
    await log_in(client)
    return client


async def key_in(client, day: str, **fields):
    form = {
        "csrf": await token(client, PAPER),
        "id": str(uuid.uuid4()),
        "source": "Workshop KCCC",
        "date": day,
        "locale": "sv",
        "comment": "Mer ljus i parken",
        **fields,
    }
    response = await client.post(PAPER, data=[*form.items(), *AREAS], allow_redirects=False)
    return form["id"], response


def date_error(html: str) -> tuple[str | None, str]:
    """The error beside the date field, and whether the field is marked invalid."""
    page = BeautifulSoup(html, "html.parser")
    error = page.find(id="p-date-error")
    field = page.find(id="p-date")
    return (error.get_text(strip=True) if error else None), field.get("aria-invalid", "")


async def test_a_paper_answer_dated_in_the_period_is_stored_with_its_day(client, store, campaigns):
    response_id, response = await key_in(client, "2016-03-01")
    assert 303 == response.status
    stored = await store.get_response(response_id)
    assert ("paper", "2016-03-01", False) == (stored.channel, stored.paper_date, stored.late)

    karlstad = campaigns["karlstad-2016"]
    table = await store.read(lambda db: export_table(db, karlstad, "responses"))
    assert [["2016-03-01"]] == [[row[1]] for row in table.rows]
    exported = json.loads(await store.read(lambda db: "".join(json_export_chunks(db, karlstad))))
    assert ["2016-03-01"] == [r["submitted_at"] for r in exported["responses"]]
    comments = await store.read(lambda db: export_table(db, karlstad, "comments"))
    assert ["2016-03-01"] == [row[1] for row in comments.rows]


async def test_the_staff_list_shows_a_paper_answer_as_a_date(client):
    await key_in(client, "2016-03-01")
    page = BeautifulSoup(
        await (await client.get("/staff/c/karlstad-2016/comments")).text(), "html.parser"
    )
    text = page.get_text(" ", strip=True)
    assert "2016-03-01" in text
    assert "12:00" not in text and "11:00" not in text


async def test_a_paper_answer_dated_after_closing_is_refused_beside_the_date(client, store):
    response_id, response = await key_in(client, "2016-04-01")
    html = await response.text()
    assert 422 == response.status
    message, invalid = date_error(html)
    assert "Datumet ligger utanför enkätens period (2016-02-22 till 2016-03-18)." == message
    assert "true" == invalid
    assert await store.get_response(response_id) is None


async def test_a_paper_answer_dated_before_opening_is_refused(client, store):
    response_id, response = await key_in(client, "2016-02-21")
    assert 422 == response.status
    assert "utanför enkätens period" in date_error(await response.text())[0]
    assert await store.get_response(response_id) is None


async def test_a_paper_answer_dated_in_the_future_is_refused(client, clock, store):
    clock.at("2016-03-10T09:00:00+01:00")
    response_id, response = await key_in(client, "2016-03-11")
    assert 422 == response.status
    assert "Datumet ligger i framtiden" in date_error(await response.text())[0]
    assert await store.get_response(response_id) is None
    _, today = await key_in(client, "2016-03-10")
    assert 303 == today.status


async def test_the_date_field_offers_only_the_days_a_paper_answer_may_have(client):
    page = BeautifulSoup(await (await client.get(PAPER)).text(), "html.parser")
    field = page.find(id="p-date")
    assert ("2016-02-22", "2016-03-18", "2016-03-18") == (
        field["min"],
        field["max"],
        field["value"],
    )


BATCH = (
    "source;date;area_1;area_2;area_3;comment;age;district;locale\r\n"
    "Workshop;2016-03-01;1;2;3;;;;sv\r\n"
    "Workshop;2016-04-01;1;2;3;;;;sv\r\n"
    "Workshop;2030-01-01;1;2;3;;;;sv\r\n"
)


async def test_a_batch_refuses_rows_dated_outside_the_period_in_its_report(
    client, store, campaigns
):
    form = FormData()
    form.add_field("csrf", await token(client, PAPER))
    form.add_field("file", BATCH.encode(), filename="paper.csv", content_type="text/csv")
    response = await client.post(f"{PAPER}/import", data=form)
    html = await response.text()
    assert 200 == response.status
    assert "Datumet ligger utanför enkätens period (2016-02-22 till 2016-03-18)." in html
    assert "Datumet ligger i framtiden. Ange dagen svaret gavs." in html
    days = await store.read(
        lambda db: [row[0] for row in db.conn.execute("SELECT paper_date FROM responses")]
    )
    assert ["2016-03-01"] == days
