"""Paper answers of every question kind: a scale chosen like a choice, a multi ticked in the
form; in a batch file a scale by id or label in any language, a multi's options in one cell
separated by semicolons; each wrong one said in the staff member's language."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from aiohttp import FormData
from bs4 import BeautifulSoup

from storage import Store
from storage.campaigns import register_campaigns
from survey.paper import read_batch, template_header
from tests.fake_clock import FakeClock
from tests.kinds_campaign import kinds_campaign
from tests.staff_support import add_account, log_in, staff_app, token

NOW = "2026-03-02T12:00:00+01:00"
AREAS = [("area", "violence-public"), ("area", "unsafe-places"), ("area", "traffic")]


@pytest.fixture
async def kinds(aiohttp_client, tmp_path, catalogs):
    campaign = kinds_campaign()
    store = Store(tmp_path / "kinds.db")
    await store.write(register_campaigns, [campaign])
    await add_account(store, "kim", "analyst")
    app = staff_app(store, {campaign.id: campaign}, catalogs, clock=FakeClock(NOW))
    client = await aiohttp_client(app)
    await log_in(client)
    yield client, store, campaign
    store.close()


async def key_in(client, *answers: tuple[str, str], response_id: str | None = None):
    csrf = await token(client, "/staff/c/kinds/paper")
    form = [
        ("csrf", csrf),
        ("id", response_id or str(uuid.uuid4())),
        ("source", "Workshop Kroppkärr"),
        ("date", "2026-03-01"),
        ("locale", "sv"),
        ("comment", ""),
        *AREAS,
        *answers,
    ]
    return await client.post("/staff/c/kinds/paper", data=form, allow_redirects=False)


async def test_the_form_offers_a_scale_as_a_list_and_a_multi_as_boxes(kinds):
    client, _, _ = kinds
    page = await client.get("/staff/c/kinds/paper")
    soup = BeautifulSoup(await page.text(), "html.parser")
    scale = soup.find("select", id="q-safe-evening")
    assert ["", "very-unsafe", "rather-unsafe", "rather-safe", "very-safe", "dont-know"] == [
        o["value"] for o in scale.find_all("option")
    ]
    multi = soup.find("fieldset", id="q-when-unsafe")
    assert "När känner du dig otrygg?" in multi.legend.get_text()
    boxes = multi.find_all("input", type="checkbox")
    assert ["day", "evening", "night", "weekends"] == [b["value"] for b in boxes]
    assert {"q.when-unsafe"} == {b["name"] for b in boxes}


async def test_a_paper_answer_of_every_kind_is_stored(kinds):
    client, store, _ = kinds
    response_id = str(uuid.uuid4())
    sent = await key_in(
        client,
        ("q.safe-evening", "rather-unsafe"),
        ("q.when-unsafe", "evening"),
        ("q.when-unsafe", "night"),
        ("q.age", "35-49"),
        response_id=response_id,
    )
    assert 303 == sent.status
    stored = await store.get_response(response_id)
    assert {
        "safe-evening": "rather-unsafe",
        "when-unsafe": ["evening", "night"],
        "age": "35-49",
    } == dict(stored.answers)
    skipped_id = str(uuid.uuid4())
    sent = await key_in(client, ("q.safe-evening", "dont-know"), response_id=skipped_id)
    assert 303 == sent.status  # an optional multi left blank is skipped
    assert {"safe-evening": "dont-know"} == dict((await store.get_response(skipped_id)).answers)


async def test_a_wrong_paper_answer_of_a_kind_is_shown_again_with_what_to_correct(kinds):
    client, store, campaign = kinds
    ticked = [("q.when-unsafe", o) for o in ("day", "evening", "night", "weekends")]
    sent = await key_in(client, *ticked)
    html = await sent.text()
    assert 422 == sent.status
    soup = BeautifulSoup(html, "html.parser")
    problems = soup.find(role="alert").get_text(" ", strip=True)
    assert "Hur trygg känner du dig ute ensam en sen kväll där du bor? Svara på frågan" in problems
    assert "När känner du dig otrygg? Du kan välja högst 3 alternativ." in problems
    kept = soup.find("fieldset", id="q-when-unsafe").find_all("input", checked=True)
    assert 4 == len(kept)  # the boxes stay ticked to correct
    assert 0 == (await store.tally(campaign)).participants


BATCH = (
    "source;date;area_1;area_2;area_3;comment;safe-evening;when-unsafe;age;district;locale\r\n"
    'Möte;2026-03-01;1;2;3;;Ganska trygg;"Kväll; natt";;;sv\r\n'
    "Möte;2026-03-01;1;2;3;;very-unsafe;weekends;;;sv\r\n"
    'Möte;2026-03-01;1;2;3;;Don\'t know;"day;Evening;";35-49;;en\r\n'
    'Möte;2026-03-01;1;2;3;;;"Kväll; natt";;;sv\r\n'
    'Möte;2026-03-01;1;2;3;;ganska;"Kväll;Morgon";;;sv\r\n'
    'Möte;2026-03-01;1;2;3;;very-safe;"day;evening;night;weekends";;;sv\r\n'
)


def test_a_batch_reads_a_scale_by_label_and_a_multis_options_from_one_cell():
    campaign = kinds_campaign()
    rows = read_batch(
        campaign,
        BATCH.encode("utf-8"),
        new_id=lambda: str(uuid.uuid4()),
        default_source="",
        default_day=date(2026, 3, 1),
        now=FakeClock(NOW).now(),
    )
    answers = [dict(r.response.answers) if r.response else None for r in rows]
    assert {"safe-evening": "rather-safe", "when-unsafe": ["evening", "night"]} == answers[0]
    assert {"safe-evening": "very-unsafe", "when-unsafe": ["weekends"]} == answers[1]
    assert {"safe-evening": "dont-know", "when-unsafe": ["day", "evening"], "age": "35-49"} == (
        answers[2]
    )
    assert answers[3:] == [None, None, None]
    codes = [[p.code for p in r.problems] for r in rows[3:]]
    assert ["question.required"] == codes[0]
    assert ["paper.option", "paper.option"] == codes[1]  # "ganska" and "Morgon"
    assert ["multi.too_many"] == codes[2]
    assert "when-unsafe" in template_header(campaign)


async def test_a_batch_of_every_kind_is_stored_and_its_wrong_rows_explained(kinds):
    client, store, campaign = kinds
    csrf = await token(client, "/staff/c/kinds/paper")
    form = FormData()
    form.add_field("csrf", csrf)
    form.add_field("file", BATCH.encode("utf-8"), filename="möte.csv", content_type="text/csv")
    response = await client.post("/staff/c/kinds/paper/import", data=form)
    html = await response.text()
    assert 200 == response.status
    assert "3 rader sparade" in html and "3 rader avvisade" in html
    assert "Okänt svar på when-unsafe: Morgon." in html
    assert "Okänt svar på safe-evening: ganska." in html
    assert 3 == (await store.tally(campaign)).participants
