"""The staff pages of safety walks over HTTP: a new walk and its sheet, a new key, decisions
on places (a rejection needs a reason), publishing, and the exports."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from storage.walks import get_walk, list_points, walk_for_key
from tests.fake_clock import FakeClock
from tests.promise_support import NOW
from tests.staff_support import add_account, log_in, staff_app, token
from tests.walk_support import gps_jpeg, make_walk, mapped_campaigns, point


@pytest.fixture
async def walk_and_key(store):
    return await store.write(lambda db: make_walk(db))


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs, walk_and_key):
    await add_account(store, "kim", "analyst")
    app = staff_app(store, mapped_campaigns(campaigns), catalogs, clock=FakeClock(NOW))
    client = await aiohttp_client(app)
    await log_in(client, "kim")
    return client


async def post(client, path, data):
    csrf = await token(client, "/staff/walks/")
    return await client.post(path, data={"csrf": csrf, **data}, allow_redirects=False)


async def test_a_new_walk_shows_its_link_once_and_prints_a_sheet(client, store):
    response = await post(
        client,
        "/staff/walks/",
        {"activity": "demo/trygghetsvandringar", "date": "2026-12-10", "title": "Vandring"},
    )
    assert 303 == response.status
    walk_id = response.headers["Location"].split("/")[3]
    sheet = await (await client.get(f"/staff/walks/{walk_id}/sheet")).text()
    assert "<svg" in sheet
    link = sheet.split('class="walk-link">')[1].split("<")[0]
    key = link.split("?k=")[1]
    assert await store.read(walk_for_key, walk_id, key)
    assert 'action="/staff/walks/"' not in sheet  # the sheet, not the list
    # A new key: the old one stops working.
    await post(client, f"/staff/walks/{walk_id}/", {"action": "new_key"})
    assert None is await store.read(walk_for_key, walk_id, key)


async def test_a_walk_needs_a_title_and_an_activity(client):
    response = await post(
        client, "/staff/walks/", {"activity": "demo/nosuch", "date": "2026-12-10", "title": "X"}
    )
    assert 422 == response.status


async def test_decisions_on_a_place_and_publishing(client, store, walk_and_key, aiohttp_client):
    walk, key = walk_and_key
    body = point(note="Ring 070-123 45 67")
    headers = {"X-Walk-Key": key}
    assert (
        201
        == (await client.post(f"/api/v1/walks/{walk.id}/points", json=body, headers=headers)).status
    )
    photo = await client.post(
        f"/api/v1/walks/{walk.id}/points/{body['id']}/photo",
        data=gps_jpeg((200, 100)),
        headers={**headers, "Content-Type": "image/jpeg"},
    )
    assert 201 == photo.status
    page = await (await client.get(f"/staff/walks/{walk.id}/")).text()
    assert "personuppgifter" in page and "ansikten" in page
    assert 200 == (await client.get(f"/staff/walks/{walk.id}/photos/{body['id']}")).status
    base = f"/staff/walks/{walk.id}/points/{body['id']}"
    refused = await post(client, base, {"action": "status", "status": "rejected", "reason": ""})
    assert 303 == refused.status
    assert "new" == (await store.read(list_points, walk.id))[0].status
    await post(
        client,
        base,
        {
            "action": "status",
            "status": "rejected",
            "responsible": "polisen",
            "reason": "Ej vår mark",
        },
    )
    await post(client, base, {"action": "photo_approve"})
    await post(client, base, {"action": "note_refuse"})
    await post(client, f"/staff/walks/{walk.id}/", {"action": "publish"})
    await post(client, f"/staff/walks/{walk.id}/", {"action": "close"})
    found = (await store.read(list_points, walk.id))[0]
    assert ("rejected", "polisen", "Ej vår mark", True, False) == (
        found.status,
        found.responsible,
        found.reason,
        found.photo_approved,
        found.note_approved,
    )
    stored = await store.read(get_walk, walk.id)
    assert stored.published_at and not stored.open
    public = await (await client.get(f"/api/v1/walks/{walk.id}")).json()
    assert None is public["points"][0]["note"]
    assert public["points"][0]["photo"]
    actions = await store.read(
        lambda db: [
            a for (a,) in db.conn.execute("SELECT action FROM audit WHERE action LIKE 'walk.%'")
        ]
    )
    assert [
        "walk.create",
        "walk.point_status",
        "walk.photo_approve",
        "walk.note_refuse",
        "walk.publish",
        "walk.close",
    ] == actions


async def test_duplicates_are_merged_and_counted_once(client, store, walk_and_key):
    walk, key = walk_and_key
    first, second = point(), point()
    for body in (first, second):
        await client.post(f"/api/v1/walks/{walk.id}/points", json=body, headers={"X-Walk-Key": key})
    await post(
        client,
        f"/staff/walks/{walk.id}/points/{second['id']}",
        {"action": "merge", "into": first["id"]},
    )
    await post(client, f"/staff/walks/{walk.id}/", {"action": "publish"})
    public = await (await client.get(f"/api/v1/walks/{walk.id}")).json()
    assert [first["id"]] == [p["id"] for p in public["points"]]


async def test_exports(client, walk_and_key):
    walk, key = walk_and_key
    body = point(note='=HYPERLINK("http://x")')
    await client.post(f"/api/v1/walks/{walk.id}/points", json=body, headers={"X-Walk-Key": key})
    csv_response = await client.get(f"/staff/walks/{walk.id}/export.csv")
    text = (await csv_response.read()).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert "'=HYPERLINK" in rows[1][6]
    assert key not in text
    xlsx = await client.get(f"/staff/walks/{walk.id}/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(await xlsx.read())).active
    assert '=HYPERLINK("http://x")' == sheet.cell(row=2, column=7).value
    assert "s" == sheet.cell(row=2, column=7).data_type
    geo = json.loads(await (await client.get(f"/staff/walks/{walk.id}/export.geojson")).read())
    assert "FeatureCollection" == geo["type"]
    assert "Point" == geo["features"][0]["geometry"]["type"]


async def test_staff_pages_need_a_login(aiohttp_client, store, campaigns, catalogs, walk_and_key):
    walk, _ = walk_and_key
    app = staff_app(store, mapped_campaigns(campaigns), catalogs, clock=FakeClock(NOW))
    anonymous = await aiohttp_client(app)
    response = await anonymous.get(f"/staff/walks/{walk.id}/", allow_redirects=False)
    assert response.status in (302, 303, 401)
