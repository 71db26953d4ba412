"""The web survey's pages through the test client: headers, languages, the form's round trip."""

from __future__ import annotations

import re
import uuid

import aiohttp
import pytest

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage.kiosk_credentials import create_kiosk_key

AREAS = ["violence-public", "unsafe-places", "traffic"]


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    config = WebConfig(frame_ancestors="'self' https://www.karlstad.se")
    return await aiohttp_client(create_app(config, store, campaigns, catalogs, b"k" * 32))


@pytest.mark.parametrize(
    "path",
    ["/", "/c/demo/", "/kiosk/demo/", "/static/site.css", "/nowhere", "/api/v1/campaigns/demo"],
)
async def test_every_response_has_the_security_headers(client, path):
    response = await client.get(path)
    csp = response.headers["Content-Security-Policy"]
    if path.startswith("/api/"):  # JSON, never a document: it may load and frame nothing
        assert csp == "default-src 'none'; frame-ancestors 'none'"
    else:
        assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert "nosniff" == response.headers["X-Content-Type-Options"]
    assert "same-origin" == response.headers["Referrer-Policy"]


async def test_the_survey_may_be_framed_as_configured_but_the_kiosk_never(client):
    survey = await client.get("/c/demo/")
    assert (
        "frame-ancestors 'self' https://www.karlstad.se"
        in survey.headers["Content-Security-Policy"]
    )
    kiosk = await client.get("/kiosk/demo/?source=mitt-i-city")
    assert "frame-ancestors 'none'" in kiosk.headers["Content-Security-Policy"]
    assert "no-store" == kiosk.headers["Cache-Control"]


async def test_the_pages_carry_no_inline_script_or_style(client):
    for path in ("/", "/c/demo/", "/kiosk/demo/"):
        html = await (await client.get(path)).text()
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag
        assert " style=" not in html
        assert not re.search(r"<[^>]+\son[a-z]+=", html)


async def test_the_start_page_lists_the_open_campaigns(client):
    html = await (await client.get("/")).text()
    assert 'href="/c/demo/?lang=sv"' in html
    assert "karlstad-2016" not in html


async def test_arabic_is_right_to_left_and_the_choice_is_remembered(client):
    response = await client.get("/c/demo/?lang=ar")
    html = await response.text()
    assert '<html lang="ar" dir="rtl">' in html
    assert "ar" == response.cookies["lang"].value
    again = await (await client.get("/c/demo/")).text()
    assert '<html lang="ar" dir="rtl">' in again


async def test_accept_language_is_limited_to_the_campaigns_languages(client):
    html = await (await client.get("/c/demo/", headers={"Accept-Language": "de, fi;q=0.5"})).text()
    assert '<html lang="fi" dir="ltr">' in html
    html = await (await client.get("/c/demo/", headers={"Accept-Language": "de"})).text()
    assert '<html lang="sv" dir="ltr">' in html


async def test_a_closed_campaign_says_so(client):
    response = await client.get("/c/karlstad-2016/")
    assert 410 == response.status
    assert "Enkäten är stängd" in await response.text()


async def test_the_form_round_trip_stores_once_and_escapes_the_comment(client, store):
    answer_id = str(uuid.uuid4())
    form = [("id", answer_id), ("comment", "<script>alert(1)</script>"), ("q-age", "20-34")]
    form += [("areas", area) for area in AREAS]
    first = await client.post("/c/demo/?lang=en", data=form)
    html = await first.text()
    assert 200 == first.status
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert 200 == (await client.post("/c/demo/?lang=en", data=form)).status
    stored = await store.responses("demo")
    assert [(answer_id, "web", "en", "20-34")] == [
        (r.id, r.channel, r.locale, r.answers["age"]) for r in stored
    ]


async def test_a_form_with_problems_comes_back_with_errors_and_what_was_chosen(client, store):
    form = [("id", str(uuid.uuid4())), ("areas", "traffic"), ("comment", "Hej")]
    response = await client.post("/c/demo/?lang=sv", data=form)
    html = await response.text()
    assert 422 == response.status
    assert 'id="error-summary"' in html and "autofocus" in html
    assert 'href="#area-violence-public">Välj 3 områden.' in html
    assert 'value="traffic" id="area-traffic" checked' in html
    assert ">Hej</textarea>" in html
    assert [] == await store.responses("demo")


async def test_a_kiosk_needs_a_valid_key_when_keys_are_required(
    aiohttp_client, store, campaigns, catalogs
):
    config = WebConfig(require_kiosk_key=True)
    client = await aiohttp_client(create_app(config, store, campaigns, catalogs, b"k" * 32))
    assert 403 == (await client.get("/kiosk/demo/?source=mitt-i-city")).status
    assert 403 == (await client.get("/kiosk/demo/?key=guess")).status
    key = await store.write(create_kiosk_key, "demo", "biblioteket", "admin")
    page = await client.get(f"/kiosk/demo/?key={key}")
    assert 200 == page.status
    assert '"source": "biblioteket"' in await page.text()


async def test_paths_without_the_slash_lead_to_the_page(client):
    response = await client.get("/kiosk/demo?source=x", allow_redirects=False)
    assert 301 == response.status
    assert "/kiosk/demo/?source=x" == response.headers["Location"]


ANSWER_ID = str(uuid.uuid4())


def unfinished_form(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    """Two areas of three, a comment, an answer and a venue: what a resident had entered."""
    form = [("id", ANSWER_ID), ("source", "biblioteket"), ("comment", "Mer ljus")]
    form += [("q-age", "20-34")] + [("areas", area) for area in AREAS[:2]]
    return form + list(extra)


def assert_everything_kept(html: str) -> None:
    assert f'name="id" value="{ANSWER_ID}"' in html
    assert 'name="source" value="biblioteket"' in html
    assert 'value="violence-public" id="area-violence-public" checked' in html
    assert 'value="unsafe-places" id="area-unsafe-places" checked' in html
    assert 'value="traffic" id="area-traffic">' in html
    assert ">Mer ljus</textarea>" in html
    assert 'id="q-age-20-34" checked' in html


async def test_a_language_button_shows_the_form_again_in_that_language(client, store):
    form = unfinished_form(("switch_language", "en"))
    response = await client.post("/c/demo/?lang=sv", data=form)
    html = await response.text()
    assert 200 == response.status
    assert '<html lang="en" dir="ltr">' in html
    assert "en" == response.cookies["lang"].value
    assert_everything_kept(html)
    assert 'action="/c/demo/?lang=en"' in html
    assert 'lang="en" formnovalidate aria-current="true">English</button>' in html
    # Nothing was sent, so nothing is wrong yet.
    assert 'class="error-summary" role="alert" tabindex="-1" hidden>' in html
    assert '<p id="areas-error" class="error" hidden>' in html
    assert [] == await store.responses("demo")
    again = await (await client.get("/c/demo/")).text()
    assert '<html lang="en" dir="ltr">' in again


async def test_a_language_button_shows_the_errors_again_translated(client, store):
    first = await client.post("/c/demo/?lang=sv", data=unfinished_form())
    assert 422 == first.status
    assert 'name="errors_shown" value="1"' in await first.text()
    form = unfinished_form(("errors_shown", "1"), ("switch_language", "ar"))
    response = await client.post("/c/demo/?lang=sv", data=form)
    html = await response.text()
    assert 422 == response.status
    assert '<html lang="ar" dir="rtl">' in html
    assert 'href="#area-violence-public">اختر 3 مجالات.' in html
    assert_everything_kept(html)
    assert [] == await store.responses("demo")


@pytest.mark.parametrize("value", ["xx", "de-DE", "", "<b>en</b>", "x" * 50_000])
async def test_a_forged_language_button_keeps_the_page_language(client, store, value):
    form = unfinished_form(("switch_language", value), ("step", value))
    response = await client.post("/c/demo/?lang=fi", data=form)
    html = await response.text()
    assert 200 == response.status
    assert '<html lang="fi" dir="ltr">' in html
    assert "fi" == response.cookies["lang"].value
    assert_everything_kept(html)
    assert '"resume": null' in html
    assert [] == await store.responses("demo")


async def test_a_language_button_posted_as_a_file_changes_nothing(client, store):
    form = aiohttp.FormData(unfinished_form())
    form.add_field("switch_language", b"en", filename="en.txt")
    form.add_field("step", b"areas", filename="step.txt")
    response = await client.post("/c/demo/?lang=sv", data=form)
    html = await response.text()
    assert 200 == response.status
    assert '<html lang="sv" dir="ltr">' in html
    assert_everything_kept(html)
    assert '"resume": null' in html
    assert [] == await store.responses("demo")


async def test_the_walk_resumes_at_its_step_after_a_language_button(client):
    form = unfinished_form(("switch_language", "en"), ("step", "question:age"))
    html = await (await client.post("/c/demo/?lang=sv", data=form)).text()
    assert '"resume": "question:age"' in html
