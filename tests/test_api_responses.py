"""The JSON API: storing answers idempotently, and a clear JSON error for every failure."""

from __future__ import annotations

import io
import json
import uuid

import pytest

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage.kiosk_credentials import create_kiosk_key

AREAS = ["violence-public", "unsafe-places", "traffic"]
URL = "/api/v1/campaigns/demo/responses"


def answer(**changes):
    body = {
        "id": str(uuid.uuid4()),
        "areas": AREAS,
        "comment": "Mer belysning vid busshållplatsen.",
        "locale": "sv",
        "channel": "kiosk",
        "answers": {"age": "35-49"},
        "source": "mitt-i-city",
    }
    body.update(changes)
    return body


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    return await aiohttp_client(create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32))


async def error_of(response, status: int) -> dict:
    assert status == response.status
    assert response.content_type == "application/json"
    body = await response.json()
    assert body["message"]
    return body


async def test_a_new_answer_is_stored_once_with_its_venue(client, store):
    body = answer()
    response = await client.post(URL, json=body)
    assert 201 == response.status
    assert {"id": body["id"], "status": "created"} == await response.json()
    stored = await store.get_response(body["id"])
    assert ("kiosk", "mitt-i-city", tuple(AREAS)) == (stored.channel, stored.source, stored.areas)
    assert {"age": "35-49"} == dict(stored.answers)


async def test_a_resend_is_200_and_other_content_under_the_same_id_is_409(client, store):
    body = answer()
    assert 201 == (await client.post(URL, json=body)).status
    again = await client.post(URL, json=body)
    assert 200 == again.status
    assert "already_stored" == (await again.json())["status"]
    changed = await client.post(URL, json={**body, "comment": "Något annat"})
    assert "id.conflict" == (await error_of(changed, 409))["error"]
    assert 1 == len(await store.responses("demo"))


async def test_the_campaign_as_channels_need_it(client):
    response = await client.get("/api/v1/campaigns/demo")
    assert 200 == response.status
    body = await response.json()
    assert 3 == body["pick"]
    assert ["sv", "en", "ar", "fi"] == body["languages"]
    assert "violence-public" == body["areas"][0]["id"]
    assert "confirm" == body["steps"][-1]["type"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"{not json", "body.malformed"),
        (b"[1, 2]", "body.type"),
        (b'"just a string"', "body.type"),
    ],
)
async def test_a_body_that_is_not_an_answer(client, raw, code):
    response = await client.post(URL, data=raw, headers={"Content-Type": "application/json"})
    assert code == (await error_of(response, 422))["error"]


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"id": "not-a-uuid"}, "id.invalid", "id"),
        ({"id": 12}, "field.type", "id"),
        ({"areas": "traffic"}, "field.type", "areas"),
        ({"areas": [1, 2, 3]}, "field.type", "areas"),
        ({"comment": ["a"]}, "field.type", "comment"),
        ({"answers": ["age"]}, "field.type", "answers"),
        ({"answers": {"age": 35}}, "field.type", "answers"),
        ({"locale": "de"}, "locale.invalid", "locale"),
        ({"channel": "telegram"}, "channel.invalid", "channel"),
        ({"channel": "paper"}, "channel.invalid", "channel"),
        ({"source": "<script>"}, "source.invalid", "source"),
        ({"areas": True}, "field.type", "areas"),
    ],
)
async def test_wrong_types_and_values_name_the_field(client, changes, code, field):
    body = await error_of(await client.post(URL, json=answer(**changes)), 422)
    assert (code, field) == (body["error"], body["field"])


@pytest.mark.parametrize("missing", ["id", "areas", "locale", "channel"])
async def test_a_missing_field_is_named(client, missing):
    body = answer()
    del body[missing]
    error = await error_of(await client.post(URL, json=body), 422)
    assert ("field.missing", missing) == (error["error"], error["field"])
    assert missing in error["message"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"areas": ["violence-public", "unsafe-places", "nowhere"]}, "areas.unknown"),
        ({"areas": [*AREAS, "drugs-alcohol"]}, "areas.count"),
        ({"areas": AREAS[:2]}, "areas.count"),
        ({"areas": ["traffic", "traffic", "unsafe-places"]}, "areas.repeated"),
        ({"comment": "x" * 50_000}, "comment.too_long"),
        ({"answers": {"shoe-size": "42"}}, "question.unknown"),
        ({"answers": {"age": "ancient"}}, "option.unknown"),
    ],
)
async def test_an_invalid_answer_is_422_with_the_problem(client, store, changes, code):
    body = await error_of(await client.post(URL, json=answer(**changes)), 422)
    assert code == body["error"]
    assert code in [p["code"] for p in body["problems"]]
    assert [] == await store.responses("demo")


async def test_the_message_is_in_the_answers_language(client):
    swedish = await error_of(await client.post(URL, json=answer(areas=AREAS[:1])), 422)
    english = await error_of(await client.post(URL, json=answer(areas=AREAS[:1], locale="en")), 422)
    assert "Välj 3 områden." == swedish["message"]
    assert swedish["message"] != english["message"]
    arabic = await client.post(
        URL, data=b"{", headers={"Accept-Language": "ar", "Content-Type": "application/json"}
    )
    assert (await error_of(arabic, 422))["message"] != swedish["message"]


async def test_before_the_answer_names_its_language_the_request_names_it(client):
    """An unknown campaign, a body too large or not an answer, a locale not on offer: told in
    the language Accept-Language asks for; an answer's own locale wins over it."""
    english = {"Accept-Language": "en", "Content-Type": "application/json"}
    unknown = await client.post("/api/v1/campaigns/nowhere/responses", json={}, headers=english)
    assert "That survey does not exist." == (await error_of(unknown, 404))["message"]
    too_large = await client.post(URL, data=b"x" * 300_000, headers=english)
    assert "What was sent is too large." == (await error_of(too_large, 413))["message"]
    not_one = await client.post(URL, data=b"[]", headers=english)
    assert "The content must be a JSON object." == (await error_of(not_one, 422))["message"]
    german = json.dumps(answer(locale="de")).encode()
    unknown_locale = await client.post(URL, data=german, headers=english)
    refused = await error_of(unknown_locale, 422)
    assert ("locale.invalid", "That language is not offered in this survey.") == (
        refused["error"],
        refused["message"],
    )
    swedish = json.dumps(answer(areas=AREAS[:1], locale="sv")).encode()
    own = await client.post(URL, data=swedish, headers=english)
    assert "Välj 3 områden." == (await error_of(own, 422))["message"]


async def test_a_closed_campaign_is_410_and_an_unknown_one_404(client):
    closed = await client.post("/api/v1/campaigns/karlstad-2016/responses", json=answer())
    assert "campaign.not_open" == (await error_of(closed, 410))["error"]
    unknown = await client.post("/api/v1/campaigns/nowhere/responses", json=answer())
    assert "campaign.unknown" == (await error_of(unknown, 404))["error"]
    assert (
        "campaign.unknown"
        == (await error_of(await client.get("/api/v1/campaigns/x"), 404))["error"]
    )


async def test_an_oversized_body_is_413_in_json(client):
    huge = io.BytesIO(b'{"comment": "' + b"x" * 2_000_000 + b'"}')
    response = await client.post(URL, data=huge, headers={"Content-Type": "application/json"})
    assert "body.too_large" == (await error_of(response, 413))["error"]


async def test_an_oversized_body_without_a_length_is_cut_off_too(client):
    async def chunks():
        for _ in range(100):
            yield b"x" * 10_000

    response = await client.post(URL, data=chunks(), headers={"Content-Type": "application/json"})
    assert "body.too_large" == (await error_of(response, 413))["error"]


async def test_unknown_routes_and_methods_answer_in_json(client):
    assert "not_found" == (await error_of(await client.get("/api/v1/nothing"), 404))["error"]
    wrong = await client.put(URL, json=answer())
    assert "method_not_allowed" == (await error_of(wrong, 405))["error"]


async def test_with_kiosk_keys_required_the_venue_comes_from_the_key(
    aiohttp_client, store, campaigns, catalogs
):
    config = WebConfig(require_kiosk_key=True)
    client = await aiohttp_client(create_app(config, store, campaigns, catalogs, b"k" * 32))
    key = await store.write(create_kiosk_key, "demo", "biblioteket", "admin")
    refused = await client.post(URL, json=answer())
    assert "kiosk_key.invalid" == (await error_of(refused, 403))["error"]
    forged = await client.post(URL, json=answer(), headers={"X-Kiosk-Key": "guess"})
    assert 403 == forged.status
    body = answer(source="mitt-i-city")
    assert 201 == (await client.post(URL, json=body, headers={"X-Kiosk-Key": key})).status
    assert "biblioteket" == (await store.get_response(body["id"])).source
    web = answer(channel="web", source="mitt-i-city")
    assert 201 == (await client.post(URL, json=web)).status
    assert (await store.get_response(web["id"])).source is None
