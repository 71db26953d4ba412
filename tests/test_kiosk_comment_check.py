"""`POST /api/v1/campaigns/{campaign}/comment-check`: what personal data a comment seems to
hold, and the warning in the resident's language; a clear 4xx for anything else."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from kiosk.app import create_app
from kiosk.config import WebConfig
from kiosk.edge.favicon import FAVICON
from locales import LANGUAGES, LOCALES_DIR
from locales.shared_texts import POLICE_NOTICE as CRIME_NOTICE

URL = "/api/v1/campaigns/demo/comment-check"
EVERYTHING = (
    "Min granne Kalle Svensson, 19121212-1212, säljer knark. Ring mig på 070-123 45 67 "
    "eller mejla ali@example.se."
)


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    return await aiohttp_client(create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32))


async def error_of(response, status: int) -> dict:
    assert status == response.status
    assert "application/json" == response.content_type
    body = await response.json()
    assert body["message"]
    return body


async def test_personal_data_is_named_in_the_residents_language(client):
    swedish = await client.post(URL, json={"comment": EVERYTHING, "locale": "sv"})
    assert 200 == swedish.status
    body = await swedish.json()
    assert {"personnummer", "phone", "email"} <= set(body["warnings"])
    assert "ett personnummer, ett telefonnummer och en e-postadress" in body["message"]
    assert "skicka den ändå" in body["message"]
    arabic = await (await client.post(URL, json={"comment": EVERYTHING, "locale": "ar"})).json()
    assert arabic["warnings"] == body["warnings"]
    assert "رقم هاتف" in arabic["message"] and "personnummer" not in arabic["message"]


async def test_a_comment_without_personal_data_gets_no_warning(client):
    for comment in ("Mer belysning vid busshållplatsen.", "", "\ud800"):
        response = await client.post(URL, json={"comment": comment, "locale": "fi"})
        assert {"warnings": [], "message": None} == await response.json()
    # Without a locale, the campaign's first language.
    plain = await client.post(URL, json={"comment": "ring 070-123 45 67"})
    assert "ett telefonnummer" in (await plain.json())["message"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{", "body.malformed"),
        (b"[1]", "body.type"),
        (b'{"locale": "sv"}', "field.missing"),
        (b'{"comment": 5}', "field.type"),
        (b'{"comment": "hej", "locale": ["sv"]}', "field.type"),
        (b'{"comment": "hej", "locale": "de"}', "locale.invalid"),
        (b"\xff\xfe", "body.malformed"),
    ],
)
async def test_bad_input_gets_a_clear_422(client, body, code):
    response = await client.post(URL, data=body, headers={"Content-Type": "application/json"})
    assert code == (await error_of(response, 422))["error"]


async def test_unknown_campaign_large_bodies_and_other_methods_are_refused(client):
    unknown = await client.post("/api/v1/campaigns/nope/comment-check", json={"comment": "x"})
    assert "campaign.unknown" == (await error_of(unknown, 404))["error"]
    huge = await client.post(URL, json={"comment": "x" * 70_000})
    assert "body.too_large" == (await error_of(huge, 413))["error"]
    assert 405 == (await client.get(URL)).status
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    fake = await client.post(URL, data=b'{"comment": "x"}', headers=headers)
    assert "body.encoding" == (await error_of(fake, 415))["error"]


async def test_the_favicon_is_served(client):
    response = await client.get("/favicon.ico")
    assert 200 == response.status
    assert "image/x-icon" == response.content_type
    assert FAVICON.read_bytes() == await response.read()


def message_ids(domain: str) -> set[str]:
    with (LOCALES_DIR / f"{domain}.pot").open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def test_the_police_notice_is_the_bots_catalog_entry_translated_everywhere(catalogs):
    """One msgid, in the bot's domain: the kiosk shows its translation, never its own."""
    assert CRIME_NOTICE in message_ids("core")
    assert CRIME_NOTICE not in message_ids("web") | message_ids("bot")
    for lang in LANGUAGES:
        translated = catalogs.get(lang).gettext(CRIME_NOTICE)
        assert "112" in translated and "114" in translated
        assert lang == "sv" or translated != CRIME_NOTICE
