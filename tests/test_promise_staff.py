"""The promise staff pages over HTTP: drafting from results, statuses and their reasons,
updates, and publishing only once every party has approved."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from storage.promise_approvals import set_staff_party
from storage.promises import get_promise
from tests.fake_clock import FakeClock
from tests.promise_support import NOW, import_samples
from tests.staff_support import add_account, answer, log_in, staff_app, token


@pytest.fixture
async def app(store, campaigns, catalogs):
    await store.write(import_samples)
    # Only what the staff pages record counts below, not the samples' own publishing.
    await store.write(lambda db: db.conn.execute("DELETE FROM cycle_events"))
    for name, party in (("anna", "polisen"), ("bo", "kommunen"), ("kim", None)):
        await add_account(store, name, "analyst")
        await store.write(set_staff_party, name, party)
    return staff_app(store, campaigns, catalogs, clock=FakeClock(NOW))


async def client_for(aiohttp_client, app, username):
    client = await aiohttp_client(app)
    await log_in(client, username)
    return client


async def post(client, path, data):
    csrf = await token(client, "/staff/promises/")
    data = [("csrf", csrf), *data] if isinstance(data, list) else {"csrf": csrf, **data}
    return await client.post(path, data=data, allow_redirects=False)


async def events(store):
    rows = await store.read(
        lambda db: db.conn.execute("SELECT kind, activity, detail FROM cycle_events").fetchall()
    )
    return [(kind, activity, json.loads(detail)) for kind, activity, detail in rows]


async def test_a_draft_from_results_starts_with_the_top_areas(aiohttp_client, app, store):
    for areas in (
        ("traffic", "unsafe-places", "social-unrest"),
        ("traffic", "unsafe-places", "drugs-alcohol"),
        ("traffic", "violence-public", "drugs-alcohol"),
    ):
        await store.save_response(answer(areas=areas))
    client = await client_for(aiohttp_client, app, "anna")
    response = await post(client, "/staff/promises/", {"campaign": "demo", "id": "demo-2027"})
    assert 303 == response.status
    draft = (await store.read(get_promise, "demo-2027")).promise
    assert [("traffic", 1, 3), ("unsafe-places", 2, 2), ("drugs-alcohol", 2, 2)] == [
        (f.area, f.rank, f.votes) for f in draft.focus
    ]
    assert [("traffic",), ("unsafe-places",), ("drugs-alcohol",)] == [
        a.areas for a in draft.activities
    ]
    assert draft.published is None
    assert 404 == (await client.get("/p/demo-2027/")).status
    page = BeautifulSoup(
        await (await client.get("/staff/promises/demo-2027/")).text(), "html.parser"
    )
    assert ["1", "2", "2"] == [td.get_text() for td in page.select("#focus tbody td.num")[::2]]
    again = await post(client, "/staff/promises/", {"campaign": "demo", "id": "demo-2027"})
    assert 422 == again.status


async def test_a_changed_status_without_a_reason_is_refused(aiohttp_client, app, store):
    client = await client_for(aiohttp_client, app, "kim")
    path = "/staff/promises/demo/activities/narvaro-i-centrum/status"
    for status in ("changed", "cancelled"):
        response = await post(client, path, {"status": status, "reason.sv": "  "})
        assert 422 == response.status
        assert "Skriv ett offentligt skäl" in await response.text()
    unknown = await post(client, path, {"status": "paused"})
    assert 422 == unknown.status
    activity = (await store.read(get_promise, "demo")).promise.activity("narvaro-i-centrum")
    assert "ongoing" == activity.status
    assert [] == await events(store)

    ok = await post(client, path, {"status": "cancelled", "reason.sv": "Ersätts av kameror."})
    assert 303 == ok.status
    activity = (await store.read(get_promise, "demo")).promise.activity("narvaro-i-centrum")
    assert "cancelled" == activity.status
    assert "Ersätts av kameror." == activity.reason().text["sv"]
    [(kind, activity_id, detail)] = await events(store)
    assert ("activity_status", "narvaro-i-centrum") == (kind, activity_id)
    assert ("cancelled", "ongoing", "Ersätts av kameror.") == (
        detail["status"],
        detail["previous_status"],
        detail["text"]["sv"],
    )
    public = await (await client.get("/api/v1/promises/demo")).json()
    assert "cancelled" == public["activities"][1]["status"]


async def test_public_and_internal_updates(aiohttp_client, app, store):
    client = await client_for(aiohttp_client, app, "kim")
    path = "/staff/promises/demo/activities/trygghetsvandringar/updates"
    await post(
        client,
        path,
        {"date": "2026-11-30", "text.sv": "Nästa vandring i maj.", "visibility": "public"},
    )
    await post(
        client,
        path,
        {"date": "2026-11-30", "text.sv": "Ring Eva om lamporna.", "visibility": "internal"},
    )
    bad = await post(client, path, {"date": "igår", "text.sv": "x", "visibility": "public"})
    assert 422 == bad.status
    kinds = [(kind, detail["text"]["sv"]) for kind, _, detail in await events(store)]
    assert [("activity_update", "Nästa vandring i maj.")] == kinds
    page = await (await client.get("/p/demo/?lang=sv")).text()
    assert "Nästa vandring i maj." in page
    assert "Ring Eva" not in page
    staff_page = await (
        await client.get("/staff/promises/demo/activities/trygghetsvandringar")
    ).text()
    assert "Ring Eva om lamporna." in staff_page


async def test_publishing_needs_an_approval_from_each_party(aiohttp_client, app, store):
    await store.save_response(answer(areas=("traffic", "unsafe-places", "drugs-alcohol")))
    anna = await client_for(aiohttp_client, app, "anna")
    await post(anna, "/staff/promises/", {"campaign": "demo", "id": "ny"})
    publish = {"subject": "promise"}
    refused = await post(anna, "/staff/promises/ny/publish", publish)
    assert 409 == refused.status
    assert "Polisen, Kommunen" in await refused.text()
    assert 303 == (await post(anna, "/staff/promises/ny/approve", publish)).status
    refused = await post(anna, "/staff/promises/ny/publish", publish)
    assert 409 == refused.status and "från: Kommunen." in await refused.text()

    kim = await client_for(aiohttp_client, app, "kim")
    assert 403 == (await post(kim, "/staff/promises/ny/approve", publish)).status

    bo = await client_for(aiohttp_client, app, "bo")
    assert 303 == (await post(bo, "/staff/promises/ny/approve", publish)).status
    # An edit after the approvals asks both parties again.
    edit = await post(
        bo,
        "/staff/promises/ny/activities/aktivitet-1",
        {
            "text.sv": "Trafikkontroller vid skolorna",
            "responsible.polisen": "on",
            "areas": "traffic",
        },
    )
    assert 303 == edit.status
    refused = await post(bo, "/staff/promises/ny/publish", publish)
    assert 409 == refused.status and "Polisen, Kommunen" in await refused.text()
    page = await (await bo.get("/staff/promises/ny/")).text()
    assert "godkänn igen" in page
    for client in (anna, bo):
        assert 303 == (await post(client, "/staff/promises/ny/approve", publish)).status
    assert 303 == (await post(bo, "/staff/promises/ny/publish", publish)).status
    promise = (await store.read(get_promise, "ny")).promise
    assert NOW.date() == promise.published
    assert ("polisen",) == promise.activity("aktivitet-1").responsible
    assert 200 == (await bo.get("/p/ny/")).status
    assert ["promise_published"] == [kind for kind, _, _ in await events(store)]
    audit = await store.read(
        lambda db: [
            action
            for (action,) in db.conn.execute(
                "SELECT action FROM audit WHERE json_extract(detail, '$.promise') = 'ny' "
                "ORDER BY id"
            )
        ]
    )
    assert [
        "promise.create",
        "promise.approve",
        "promise.approve",
        "activity.edit",
        "promise.approve",
        "promise.approve",
        "promise.publish",
    ] == audit


async def test_the_followup_is_planned_then_published_after_both_approve(
    aiohttp_client, app, store
):
    anna = await client_for(aiohttp_client, app, "anna")
    bo = await client_for(aiohttp_client, app, "bo")
    data = {
        "planned": "2027-03-31",
        "channels.sv": "kommunens webbplats",
        "text.sv": "Alla fyra aktiviteter är gjorda.",
        "done.trygghetsvandringar.sv": "Tre vandringar.",
    }
    assert 303 == (await post(anna, "/staff/promises/demo/followup", data)).status
    subject = {"subject": "followup"}
    assert 409 == (await post(anna, "/staff/promises/demo/publish", subject)).status
    await post(anna, "/staff/promises/demo/approve", subject)
    await post(bo, "/staff/promises/demo/approve", subject)
    assert 303 == (await post(bo, "/staff/promises/demo/publish", subject)).status
    body = await (await bo.get("/api/v1/promises/demo")).json()
    assert "Alla fyra aktiviteter är gjorda." == body["followup"]["text"]["sv"]
    assert body["followup"]["published_at"].startswith("2026-12-01")
    assert ["followup_published"] == [kind for kind, _, _ in await events(store)]
    page = await (await bo.get("/p/demo/?lang=sv")).text()
    assert "Uppföljningen publicerades" in page and "Tre vandringar." in page


async def test_an_admin_puts_an_account_in_a_party(aiohttp_client, app, store):
    await add_account(store, "ada", "admin")
    client = await client_for(aiohttp_client, app, "ada")
    response = await client.post(
        "/staff/admin/staff",
        data={
            "csrf": await token(client, "/staff/admin/"),
            "username": "cecilia",
            "role": "analyst",
            "party": "kommunen",
            "password": "x" * 12,
            "again": "x" * 12,
        },
        allow_redirects=False,
    )
    assert 303 == response.status
    parties = await store.read(
        lambda db: dict(db.conn.execute("SELECT username, party FROM staff"))
    )
    assert "kommunen" == parties["cecilia"]
    page = BeautifulSoup(await (await client.get("/staff/admin/")).text(), "html.parser")
    row = next(r for r in page.select("tbody tr") if r.th and r.th.get_text() == "cecilia")
    assert "kommunen" in row.get_text()


async def test_an_edit_from_an_older_version_does_not_undo_a_newer_one(aiohttp_client, app, store):
    anna = await client_for(aiohttp_client, app, "anna")
    bo = await client_for(aiohttp_client, app, "bo")
    path = "/staff/promises/demo/activities/narvaro-i-centrum"
    page = BeautifulSoup(await (await anna.get(path)).text(), "html.parser")
    revision = page.select_one('input[name="revision"]')["value"]
    form = {"revision": revision, "responsible.polisen": "on", "areas": "violence-public"}
    first = await post(anna, path, {**form, "text.sv": "Polisen patrullerar till fots."})
    assert 303 == first.status
    second = await post(bo, path, {**form, "text.sv": "Polisen cyklar i centrum."})
    assert 409 == second.status
    assert "Någon annan har ändrat medborgarlöftet" in await second.text()
    activity = (await store.read(get_promise, "demo")).promise.activity("narvaro-i-centrum")
    assert "Polisen patrullerar till fots." == activity.text["sv"]


async def test_a_draft_from_a_dialogue_without_answers_starts_empty(aiohttp_client, app, store):
    client = await client_for(aiohttp_client, app, "anna")
    response = await post(client, "/staff/promises/", {"campaign": "karlstad-2016"})
    assert 303 == response.status
    draft = (await store.read(get_promise, "karlstad-2016-lofte")).promise
    assert ((), ()) == (draft.focus, draft.activities)
    bad = await post(client, "/staff/promises/", {"campaign": "karlstad-2016", "id": "Ny Lofte"})
    assert 422 == bad.status
    unknown = await post(client, "/staff/promises/", {"campaign": "nope"})
    assert 422 == unknown.status
    assert 404 == (await client.get("/staff/promises/nope/")).status
    assert 404 == (await client.get("/staff/promises/demo/activities/nope")).status
    forged = await post(client, "/staff/promises/demo/approve", {"subject": "everything"})
    assert 400 == forged.status


def form_fields(page: BeautifulSoup, action: str) -> list[tuple[str, str]]:
    """What the form posting to `action` sends as the page shows it."""
    form = page.find("form", action=action)
    fields = []
    for element in form.select("input[name], textarea[name]"):
        if element.get("type") == "checkbox" and not element.has_attr("checked"):
            continue
        value = element.get_text() if element.name == "textarea" else element.get("value", "on")
        fields.append((element["name"], value))
    return fields


async def test_staff_say_which_earlier_promise_a_new_one_replaces(aiohttp_client, app, store):
    client = await client_for(aiohttp_client, app, "anna")
    path = "/staff/promises/demo/"
    page = BeautifulSoup(await (await client.get(path)).text(), "html.parser")
    assert "filipstad-2017" in page.select_one("#replaces").get_text()
    fields = [f for f in form_fields(page, path) if f[0] != "csrf"]
    refused = await post(client, path, [*fields, ("replaces", "nowhere")])
    assert 422 == refused.status
    assert "Välj medborgarlöften som finns." in await refused.text()
    saved = await post(client, path, [*fields, ("replaces", "filipstad-2017")])
    assert 303 == saved.status
    assert ("filipstad-2017",) == (await store.read(get_promise, "demo")).promise.replaces
