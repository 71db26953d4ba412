"""Hostile requests at the HTTP edge: a clear translated 4xx, never a 500 or a traceback."""

from __future__ import annotations

import asyncio
import logging
import uuid

import pytest
from bs4 import BeautifulSoup

from medborgardialog.settings import Settings
from tests.edge_server import edge_settings, problems_in, raw_exchange, start, status_of

API = "/api/v1/campaigns/demo/responses"
FORM = "/c/demo/"
URLENCODED = "application/x-www-form-urlencoded"
AREAS = ["violence-public", "unsafe-places", "traffic"]


@pytest.fixture
async def edge(aiohttp_client, settings, caplog):
    caplog.set_level(logging.INFO)
    client, parts = await start(aiohttp_client, edge_settings(settings))
    yield client, parts
    assert [] == problems_in(caplog.records)


def answer(**changes) -> dict:
    body = {"id": str(uuid.uuid4()), "areas": AREAS, "comment": None, "locale": "sv"}
    return {**body, "channel": "web", **changes}


def page_heading(html: str) -> str:
    return BeautifulSoup(html, "html.parser").h1.get_text(strip=True)


BAD_FORMS = [
    (b"", "multipart/form-data; boundary=xyz"),
    (b"\xff=1", URLENCODED),
    (b"comment=\xc3", URLENCODED),
    (b"areas=traffic", f"{URLENCODED}; charset=utf-16"),
    (b"a=1", f"{URLENCODED}; charset=no-such-charset"),
    (b"a=1", "multipart/form-data"),
    (b"areas=traffic", "multipart/form-data; boundary=xyz"),
    (
        b'--xyz\r\nContent-Disposition: form-data; name="areas"\r\n\r\ntraf',
        "multipart/form-data; boundary=xyz",
    ),
    (
        b"--xyz\r\nContent-Disposition: form-data\r\n\r\n1\r\n--xyz--\r\n",
        "multipart/form-data; boundary=xyz",
    ),
]


@pytest.mark.parametrize(("body", "content_type"), BAD_FORMS)
async def test_a_form_that_cannot_be_read_gets_a_translated_page(edge, body, content_type):
    client, _ = edge
    response = await client.post(
        FORM, data=body, headers={"Content-Type": content_type, "Accept-Language": "en"}
    )
    assert 400 == response.status
    assert "text/html" == response.content_type
    assert "The form could not be read. Reload the page and try again." == page_heading(
        await response.text()
    )


async def test_the_staff_login_refuses_an_unreadable_form_the_same_way(edge):
    client, _ = edge
    response = await client.post(
        "/staff/login", data=b"\xff=1", headers={"Content-Type": URLENCODED}
    )
    assert 400 == response.status
    assert "Formuläret kunde inte läsas. Ladda om sidan och försök igen." == page_heading(
        await response.text()
    )


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
async def test_a_body_that_claims_to_be_compressed_gets_415(edge, encoding):
    client, parts = edge
    body = answer()
    response = await client.post(API, json=body, headers={"Content-Encoding": encoding})
    assert 415 == response.status
    assert "identity" == response.headers["Accept-Encoding"]
    assert "body.encoding" == (await response.json())["error"]
    assert await parts.store.get_response(body["id"]) is None
    form = await client.post(
        FORM,
        data=b"areas=traffic",
        headers={"Content-Type": URLENCODED, "Content-Encoding": encoding},
    )
    assert (415, "text/html") == (form.status, form.content_type)


async def test_a_lone_surrogate_in_an_area_is_refused_and_the_error_body_still_encodes(edge):
    client, _ = edge
    raw = (
        f'{{"id": "{uuid.uuid4()}", "areas": ["\\ud800", "traffic", "unsafe-places"],'
        ' "locale": "sv", "channel": "web"}'
    )
    response = await client.post(API, data=raw, headers={"Content-Type": "application/json"})
    assert 422 == response.status
    assert "areas.unknown" == (await response.json())["error"]


async def test_a_lone_surrogate_in_an_answers_key_is_refused(edge):
    client, parts = edge
    answer_id = str(uuid.uuid4())
    raw = (
        f'{{"id": "{answer_id}", "areas": ["violence-public", "unsafe-places", "traffic"],'
        ' "locale": "sv", "channel": "web", "answers": {"\\udfff": "x"}}'
    )
    response = await client.post(API, data=raw, headers={"Content-Type": "application/json"})
    assert 422 == response.status
    assert (await response.json())["message"]
    assert await parts.store.get_response(answer_id) is None


async def test_a_lone_surrogate_in_the_comment_is_dropped_like_a_control_character(edge):
    client, parts = edge
    answer_id = str(uuid.uuid4())
    raw = (
        f'{{"id": "{answer_id}", "areas": ["violence-public", "unsafe-places", "traffic"],'
        ' "locale": "sv", "channel": "web", "comment": "lampa \\ud800trasig"}'
    )
    response = await client.post(API, data=raw, headers={"Content-Type": "application/json"})
    assert 201 == response.status
    assert "lampa trasig" == (await parts.store.get_response(answer_id)).comment


async def test_an_escaped_emoji_is_not_a_lone_surrogate(edge):
    client, parts = edge
    body = answer(comment="Mer ljus \U0001f4a1")
    response = await client.post(API, json=body)  # json.dumps escapes it as a surrogate pair
    assert 201 == response.status
    assert "Mer ljus \U0001f4a1" == (await parts.store.get_response(body["id"])).comment


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
        b"POST /api/v1/campaigns/demo/responses HTTP/1.1\r\nHost: x\r\n"
        b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        b"POST /api/v1/campaigns/demo/responses HTTP/1.1\r\nHost: x\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
    ],
)
async def test_what_the_parser_refuses_is_one_info_line(edge, caplog, request_bytes):
    client, _ = edge
    assert 400 == status_of(await raw_exchange(client, request_bytes))
    refused = [r for r in caplog.records if "refused a malformed request" in r.getMessage()]
    assert [logging.INFO] == [r.levelno for r in refused]


async def test_a_body_that_trickles_gets_408(edge):
    client, _ = edge
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(
        f"POST {API} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 200\r\n\r\n{".encode()
    )
    for _ in range(30):  # one byte at a time, until the server answers
        await asyncio.sleep(0.1)
        writer.write(b" ")
        if reader.at_eof() or reader._buffer:  # the answer has arrived
            break
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    writer.close()
    assert 408 == status_of(head)


async def test_a_form_body_that_never_ends_gets_a_translated_408_page(edge):
    client, _ = edge
    raw = await raw_exchange(
        client,
        f"POST {FORM} HTTP/1.1\r\nHost: x\r\nContent-Type: {URLENCODED}\r\n"
        "Accept-Language: en\r\nContent-Length: 100\r\n\r\nareas=tra".encode(),
    )
    assert 408 == status_of(raw)
    assert "It took too long to receive what was sent. Please try again." in raw.decode()


async def test_an_idle_keep_alive_connection_is_closed(edge):
    client, _ = edge
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(b"GET /api/v1/campaigns/demo HTTP/1.1\r\nHost: x\r\n\r\n")
    assert 200 == status_of(await reader.readuntil(b"\r\n\r\n"))
    # The server closes the idle connection by itself (1 s here): the read ends, empty.
    while await asyncio.wait_for(reader.read(65536), 10):
        pass
    assert reader.at_eof()
    writer.close()


def test_the_time_limits_are_read_from_the_environment():
    env = {"MEDBORGARDIALOG_BODY_TIMEOUT": "2.5", "MEDBORGARDIALOG_KEEPALIVE_TIMEOUT": "5"}
    settings = Settings.from_env(env=env)
    assert (2.5, 5.0) == (settings.body_timeout_seconds, settings.keepalive_timeout_seconds)
    assert (30.0, 15.0) == (
        Settings.from_env(env={}).body_timeout_seconds,
        Settings.from_env(env={}).keepalive_timeout_seconds,
    )
    with pytest.raises(ValueError, match="MEDBORGARDIALOG_BODY_TIMEOUT"):
        Settings.from_env(env={"MEDBORGARDIALOG_BODY_TIMEOUT": "0"})
