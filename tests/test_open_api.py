"""The open API written down: `openapi.json` is valid OpenAPI 3.1 and describes every
public route under /api/ and /healthz and nothing else; every 4xx it lists comes as JSON;
CORS only on public reads; ETags and 304s; `/api/` for people."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from openapi_spec_validator import validate

from kiosk.app import create_app
from kiosk.app_keys import STORE
from kiosk.config import WebConfig
from kiosk.results.cache import CHECK_SECONDS, RECOUNT_SECONDS
from storage import Store
from storage.publication import publish
from storage.sample_data import add_sample_data
from tests.fake_clock import FakeClock

PUBLIC_ROOTS = ("/api/", "/healthz")
IMPLICIT = {"HEAD", "OPTIONS"}
ORIGIN = {"Origin": "https://kommun.example"}


@pytest.fixture
def clock():
    return FakeClock("2026-03-02T10:00:00+01:00")


@pytest.fixture
async def client(aiohttp_client, tmp_path, campaigns, catalogs, clock):
    store = Store(tmp_path / "open.db")
    await store.register_campaigns(list(campaigns.values()))
    now = datetime(2026, 3, 1, tzinfo=UTC)
    store.call(add_sample_data, campaigns["demo"], now, write=True)
    app = create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32, clock=clock)
    yield await aiohttp_client(app)
    store.close()


async def document(client, lang: str = "sv") -> dict:
    response = await client.get(f"/api/v1/openapi.json?lang={lang}")
    assert 200 == response.status
    assert response.content_type == "application/json"
    return await response.json()


def router_operations(app) -> set[tuple[str, str]]:
    """(method, path) of every route under /api/ and /healthz, as the router has them."""
    found = set()
    for route in app.router.routes():
        resource = route.resource
        if resource is None or route.method in IMPLICIT:
            continue
        path = resource.canonical
        if path.startswith(PUBLIC_ROOTS):
            found.add((route.method, path))
    return found


async def test_the_document_is_valid_openapi_3_1(client):
    found = await document(client)
    validate(found)  # raises on an invalid document
    assert found["openapi"].startswith("3.1")
    for lang in ("en", "ar", "fi"):
        validate(await document(client, lang))


async def test_the_document_describes_every_public_route_and_nothing_else(client):
    found = await document(client)
    described = {
        (method.upper(), path) for path, methods in found["paths"].items() for method in methods
    }
    assert router_operations(client.app) == described


async def test_every_operation_lists_its_statuses_with_the_error_body(client):
    found = await document(client)
    for path, methods in found["paths"].items():
        for method, operation in methods.items():
            assert operation["summary"], (method, path)
            for status, answer in operation["responses"].items():
                if status.startswith("4") and path != "/healthz":
                    schema = answer["content"]["application/json"]["schema"]
                    assert {"$ref": "#/components/schemas/Error"} == schema, (path, status)


async def test_the_examples_come_from_the_demo(client):
    found = await document(client)
    campaign = await (await client.get("/api/v1/campaigns/demo")).json()
    example = found["paths"]["/api/v1/campaigns/{campaign}"]["get"]["responses"]["200"]
    shown = example["content"]["application/json"]["example"]
    assert campaign["areas"] == shown["areas"]
    answer = found["paths"]["/api/v1/campaigns/{campaign}/responses"]["post"]["requestBody"]
    posted = await client.post(
        "/api/v1/campaigns/demo/responses", json=answer["content"]["application/json"]["example"]
    )
    assert 201 == posted.status


async def test_the_summaries_are_in_the_request_language(client):
    swedish, english = await document(client, "sv"), await document(client, "en")
    path = "/api/v1/campaigns/{campaign}/responses"
    assert "Spara ett svar" == swedish["paths"][path]["post"]["summary"]
    assert "Spara ett svar" != english["paths"][path]["post"]["summary"]


def _answer(**changes) -> dict:
    answer = {
        "id": str(uuid.uuid4()),
        "areas": ["violence-public", "unsafe-places", "drugs-alcohol"],
        "comment": None,
        "locale": "sv",
        "channel": "web",
        "answers": {},
    }
    return {**answer, **changes}


async def test_each_listed_4xx_is_what_the_server_gives_as_json(client):
    found = await document(client)
    post = "/api/v1/campaigns/{campaign}/responses"
    listed = found["paths"][post]["post"]["responses"]
    first = _answer()
    await client.post("/api/v1/campaigns/demo/responses", json=first)
    cases = {
        "404": ("/api/v1/campaigns/nowhere/responses", _answer(), {}),
        "409": ("/api/v1/campaigns/demo/responses", {**first, "comment": "Annat"}, {}),
        "410": ("/api/v1/campaigns/karlstad-2016/responses", _answer(), {}),
        "422": ("/api/v1/campaigns/demo/responses", _answer(areas=["x"]), {}),
        "413": ("/api/v1/campaigns/demo/responses", _answer(comment="x" * 300_000), {}),
        "415": (
            "/api/v1/campaigns/demo/responses",
            gzip.compress(json.dumps(_answer()).encode()),
            {"Content-Encoding": "gzip", "Content-Type": "application/json"},
        ),
    }
    for status, (path, body, headers) in cases.items():
        assert status in listed, status
        data = body if isinstance(body, bytes) else json.dumps(body)
        response = await client.post(
            path, data=data, headers={"Content-Type": "application/json", **headers}
        )
        assert int(status) == response.status, (status, await response.text())
        error = await response.json()
        assert {"error", "message"} <= set(error), status
    reads = {
        "/api/v1/campaigns/{campaign}": "/api/v1/campaigns/nowhere",
        "/api/v1/campaigns/{campaign}/results": "/api/v1/campaigns/demo/results",
        "/api/v1/campaigns/{campaign}/results.csv": "/api/v1/campaigns/demo/results.csv",
        "/api/v1/promises/{promise}": "/api/v1/promises/nowhere",
    }
    for documented, path in reads.items():
        assert "404" in found["paths"][documented]["get"]["responses"]
        response = await client.get(path)
        assert 404 == response.status, path
        assert {"error", "message"} <= set(await response.json())


async def test_a_closed_campaign_and_a_bad_kiosk_key_as_documented(
    aiohttp_client, tmp_path, campaigns, catalogs
):
    store = Store(tmp_path / "keys.db")
    await store.register_campaigns(list(campaigns.values()))
    config = WebConfig(require_kiosk_key=True)
    client = await aiohttp_client(create_app(config, store, campaigns, catalogs, b"k" * 32))
    found = await document(client)
    listed = found["paths"]["/api/v1/campaigns/{campaign}/responses"]["post"]["responses"]
    response = await client.post("/api/v1/campaigns/demo/responses", json=_answer(channel="kiosk"))
    assert 403 == response.status and "403" in listed
    assert "kiosk_key.invalid" == (await response.json())["error"]
    store.close()


PUBLIC_READS = (
    "/api/v1/campaigns/demo",
    "/api/v1/openapi.json",
    "/api/v1/dcat",
)


async def test_public_reads_are_open_to_every_origin(client):
    for path in PUBLIC_READS:
        response = await client.get(path, headers=ORIGIN)
        assert 200 == response.status, path
        assert "*" == response.headers.get("Access-Control-Allow-Origin"), path
        assert "ETag" in response.headers.get("Access-Control-Expose-Headers", "")
        preflight = await client.options(
            path,
            headers={
                **ORIGIN,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "if-none-match",
            },
        )
        assert 204 == preflight.status
        assert "*" == preflight.headers["Access-Control-Allow-Origin"]
        assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]


async def test_nothing_that_writes_is_open_to_other_origins(client):
    for path in ("/api/v1/campaigns/demo/responses", "/api/v1/campaigns/demo/comment-check"):
        preflight = await client.options(
            path,
            headers={
                **ORIGIN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.status >= 400
        assert "Access-Control-Allow-Origin" not in preflight.headers, path
        posted = await client.post(path, json=_answer(), headers=ORIGIN)
        assert posted.status < 500
        assert "Access-Control-Allow-Origin" not in posted.headers, path
    for path in ("/staff/login", "/c/demo/", "/kiosk/demo/", "/healthz"):
        response = await client.get(path, headers=ORIGIN)
        assert "Access-Control-Allow-Origin" not in response.headers, path


async def test_a_matching_etag_answers_304_without_a_body(client):
    for path in (*PUBLIC_READS, "/api/", "/", "/p/"):
        first = await client.get(path)
        assert 200 == first.status, path
        etag = first.headers["ETag"]
        again = await client.get(path, headers={"If-None-Match": etag})
        assert 304 == again.status, path
        assert b"" == await again.read()
        assert etag == again.headers["ETag"]
        other = await client.get(path, headers={"If-None-Match": '"something-else"'})
        assert 200 == other.status


async def test_the_api_page_keeps_its_own_policy_on_a_304(client):
    first = await client.get("/api/")
    policy = first.headers["Content-Security-Policy"]
    assert "style-src 'self'" in policy
    again = await client.get("/api/", headers={"If-None-Match": first.headers["ETag"]})
    assert policy == again.headers["Content-Security-Policy"]


async def test_published_results_counted_again_get_a_new_etag(client, clock):
    store = client.app[STORE]
    store.call(lambda db: publish(db, "demo", "ada", datetime(2026, 3, 2, tzinfo=UTC)), write=True)
    clock.advance(CHECK_SECONDS + 1)
    tags = {}
    for path in ("/api/v1/campaigns/demo/results", "/c/demo/results"):
        response = await client.get(path)
        assert 200 == response.status
        tags[path] = response.headers["ETag"]
        assert 304 == (await client.get(path, headers={"If-None-Match": tags[path]})).status
    posted = await client.post("/api/v1/campaigns/demo/responses", json=_answer())
    assert 201 == posted.status
    clock.advance(RECOUNT_SECONDS + CHECK_SECONDS + 1)
    for path, etag in tags.items():
        response = await client.get(path, headers={"If-None-Match": etag})
        assert 200 == response.status, path
        assert etag != response.headers["ETag"]


async def test_answering_and_kiosk_pages_are_never_cached(client):
    for path in ("/kiosk/demo/", "/c/demo/"):
        response = await client.get(path)
        assert "no-store" == response.headers["Cache-Control"], path
        assert "ETag" not in response.headers, path
    posted = await client.post("/api/v1/campaigns/demo/responses", json=_answer())
    assert "ETag" not in posted.headers
    assert "no-store" == posted.headers["Cache-Control"]


async def test_the_api_page_lists_every_operation(client):
    found = await document(client)
    page = await client.get("/api/")
    assert page.content_type == "text/html"
    soup = BeautifulSoup(await page.text(), "html.parser")
    shown = {section["id"] for section in soup.select("section.operation")}
    described = {
        op["operationId"] for methods in found["paths"].values() for op in methods.values()
    }
    assert described == shown
    for element in soup.find_all(["script", "link", "img"]):
        address = element.get("src") or element.get("href") or ""
        assert not address.startswith(("http:", "https:", "//")), address


async def test_a_venue_is_refused_unless_it_fits_the_documented_pattern(client):
    """`$` in Python also matches before a final line break, so "bibliotek\\n" was stored
    as a venue although the documented pattern (ECMA 262: `$` at the end only) refuses it."""
    found = await document(client)
    schema = found["components"]["schemas"]["Answer"]["properties"]["source"]
    pattern = schema["anyOf"][0]["pattern"]
    for venue in ("bibliotek\n", "bibliotek\r\n", "-bibliotek", "a" * 65):
        response = await client.post("/api/v1/campaigns/demo/responses", json=_answer(source=venue))
        assert 422 == response.status, repr(venue)
        assert "source.invalid" == (await response.json())["error"]
    ok = await client.post("/api/v1/campaigns/demo/responses", json=_answer(source="bibliotek"))
    assert 201 == ok.status
    assert pattern.startswith("^") and pattern.endswith("$")


async def test_lattlast_is_written_down(client):
    schemas = (await document(client))["components"]["schemas"]
    assert {"type": "boolean", "default": False} == {
        k: v for k, v in schemas["Answer"]["properties"]["easy_read"].items() if k != "description"
    }
    assert "easy_languages" in schemas["Campaign"]["properties"]
    assert "sv-easy" in schemas["Text"]["description"]
