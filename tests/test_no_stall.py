"""No request stalls the server: while the largest texts and forms that fit under the limits
are posted, twice at once, to every answering path, `/healthz` keeps answering.

A probe asks `/healthz` every 50 ms from its own thread. It may wait at most 500 ms (or ten
times its own median, on a machine that is slow for every request); no hostile request may
take more than 2 s, get a 5xx, or leave an error in the log.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time
import uuid
from urllib.parse import urlencode

import pytest
from yarl import URL

from kiosk.edge.request_body import MAX_FIELD_BYTES, MAX_FORM_FIELDS
from tests.edge_server import problems_in, start
from tests.health_probe import HealthProbe

AREAS = ["violence-public", "unsafe-places", "drugs-alcohol"]
# Latin, Swedish, digits, look-alike names, phone numbers and personnummer, and "@".
PIECES = {
    "latin": "a",
    "swedish": "åäö",
    "digits": "0123456789",
    "names": "Kalle Anka ",
    "phones": "070-123 45 67 ",
    "personnummer": "811228-9874",
    "at": "a@",
    "dotted": "x.@b.",
}
LENGTHS = [50_000, 200_000, 800_000]
SLOWEST = 2.0


def long_text(piece: str, length: int) -> str:
    return (piece * (length // len(piece) + 1))[:length]


def answer(comment: str, channel: str = "web", **more) -> bytes:
    body = {
        "id": str(uuid.uuid4()),
        "areas": AREAS,
        "comment": comment,
        "locale": "sv",
        "channel": channel,
        **more,
    }
    return json.dumps(body).encode()


def hostile_requests():
    """(name, method, path, headers, body) for every request the probe must ride out."""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    as_json = {"Content-Type": "application/json"}
    for kind, piece in PIECES.items():
        for length in LENGTHS:
            text = long_text(piece, length)
            fields = [("id", str(uuid.uuid4())), *(("areas", a) for a in AREAS), ("comment", text)]
            yield f"form {kind} {length}", "POST", "/c/demo/", form, urlencode(fields).encode()
            yield (
                f"api {kind} {length}",
                "POST",
                "/api/v1/campaigns/demo/responses",
                as_json,
                (answer(text)),
            )
            yield (
                f"kiosk {kind} {length}",
                "POST",
                "/api/v1/campaigns/demo/responses",
                as_json,
                (answer(text, channel="kiosk")),
            )
            check = json.dumps({"comment": text, "locale": "sv"}).encode()
            yield (
                f"check {kind} {length}",
                "POST",
                "/api/v1/campaigns/demo/comment-check",
                (as_json),
                check,
            )
    many = "&".join(f"f{i}=x" for i in range(40_000))
    yield "40,000 fields", "POST", "/c/demo/", form, many.encode()
    areas = "&".join("areas=unsafe-places" for _ in range(40_000))
    yield "40,000 areas", "POST", "/c/demo/", form, areas.encode()
    parts = "".join(
        f'--b\r\nContent-Disposition: form-data; name="f{i}"\r\n\r\nx\r\n' for i in range(20_000)
    )
    multipart = {"Content-Type": "multipart/form-data; boundary=b"}
    yield "20,000-part form", "POST", "/c/demo/", multipart, (parts + "--b--\r\n").encode()
    deep = "[" * 50_000 + "]" * 50_000
    yield "50,000-deep JSON", "POST", "/api/v1/campaigns/demo/responses", as_json, deep.encode()
    nested = '{"answers":' * 20_000 + "1" + "}" * 20_000
    yield (
        "20,000-deep objects",
        "POST",
        "/api/v1/campaigns/demo/responses",
        as_json,
        (nested.encode()),
    )
    keys = {f"q{i}": "x" for i in range(100_000)}
    yield (
        "100,000 answer keys",
        "POST",
        "/api/v1/campaigns/demo/responses",
        as_json,
        (answer("hej", answers=keys)),
    )
    listed = answer("hej")[:-1] + b',"areas":' + json.dumps(["traffic"] * 40_000).encode() + b"}"
    yield "40,000 areas in JSON", "POST", "/api/v1/campaigns/demo/responses", as_json, listed
    query = "&".join(f"source={i}" for i in range(1_000))
    yield "long query", "GET", f"/c/demo/?{query}", {}, b""
    yield "longer query", "GET", f"/c/demo/?lang={'x' * 7_000}", {}, b""


@pytest.fixture
async def edge(aiohttp_client, settings, caplog):
    caplog.set_level(logging.INFO)
    client, _ = await start(aiohttp_client, settings)
    return client


async def timed(client, name, method, path, headers, body):
    started = time.monotonic()
    response = await client.request(
        method,
        URL(path, encoded=True),
        headers=headers,
        data=io.BytesIO(body),
        allow_redirects=False,
    )
    await response.read()
    return name, response.status, time.monotonic() - started


async def test_healthz_answers_while_the_largest_inputs_are_posted_twice_at_once(edge, caplog):
    requests = list(hostile_requests())  # made before the probe starts: they take a while
    results = []
    async with HealthProbe(edge.server.host, edge.server.port) as probe:
        await probe.quiet()
        for request in requests:
            results += await asyncio.gather(timed(edge, *request), timed(edge, *request))
    print(
        f"probe: {len(probe.waits)} answers, median {probe.median * 1000:.1f} ms, "
        f"worst {probe.worst * 1000:.1f} ms; slowest request {max(r[2] for r in results):.2f} s"
    )
    slow = [(name, round(seconds, 2)) for name, _, seconds in results if seconds > SLOWEST]
    errors = [(name, status) for name, status, _ in results if status >= 500]
    assert [] == errors
    assert [] == slow
    assert [] == probe.failures
    assert probe.worst <= probe.allowed(), (probe.worst, probe.median, len(probe.waits))
    assert [] == problems_in(caplog.records)


async def test_a_form_with_more_fields_than_any_page_posts_is_refused_unparsed(edge):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    many = "&".join(f"f{i}=x" for i in range(MAX_FORM_FIELDS + 1))
    response = await edge.post("/c/demo/", data=many.encode(), headers=form)
    assert 413 == response.status
    long_field = urlencode([("comment", "a" * (MAX_FIELD_BYTES + 1))])
    response = await edge.post("/c/demo/", data=io.BytesIO(long_field.encode()), headers=form)
    assert 413 == response.status


async def test_a_comment_over_the_limit_is_shown_again_with_its_error(edge):
    fields = [("id", str(uuid.uuid4())), *(("areas", a) for a in AREAS), ("comment", "a" * 50_000)]
    response = await edge.post(
        "/c/demo/",
        data=urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert 422 == response.status
    assert "a" * 50_000 in await response.text()


async def test_the_comment_check_refuses_a_comment_too_long_to_keep(edge):
    body = {"comment": "Ring 070-123 45 67 " * 1_000, "locale": "sv"}
    response = await edge.post("/api/v1/campaigns/demo/comment-check", json=body)
    assert 422 == response.status
    assert "comment.too_long" == (await response.json())["error"]
    body = {"comment": "Ring 070-123 45 67 " * 50, "locale": "sv"}
    response = await edge.post("/api/v1/campaigns/demo/comment-check", json=body)
    assert ["phone"] == (await response.json())["warnings"]
