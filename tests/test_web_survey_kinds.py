"""The web survey's form (as it works without JavaScript) asks every question kind: a scale
as a radio group in its order, a multi as checkboxes with how many to pick, required or
optional said in words, and the server's problems beside the question."""

from __future__ import annotations

import re
import uuid

import pytest

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage import Store
from storage.campaigns import register_campaigns
from tests.fake_clock import FakeClock
from tests.kinds_campaign import kinds_campaign

AREAS = ["violence-public", "unsafe-places", "traffic"]


@pytest.fixture
async def kinds_form(aiohttp_client, tmp_path, catalogs):
    campaign = kinds_campaign()
    store = Store(tmp_path / "kinds.db")
    await store.write(register_campaigns, [campaign])
    clock = FakeClock("2026-03-02T12:00:00+01:00")
    app = create_app(WebConfig(), store, {campaign.id: campaign}, catalogs, b"k" * 32, clock)
    client = await aiohttp_client(app)
    yield client, store
    store.close()


def form(**answers) -> list[tuple[str, str]]:
    fields = [("id", str(uuid.uuid4())), *(("areas", a) for a in AREAS)]
    for question, value in answers.items():
        for each in value if isinstance(value, list) else [value]:
            fields.append((f"q-{question.replace('_', '-')}", each))
    return fields


def inputs(page: str, question: str) -> list[tuple[str, str]]:
    return re.findall(rf'<input type="(\w+)" name="q-{question}" value="([\w-]*)"', page)


async def test_each_kind_is_asked_in_its_own_way_between_the_areas_and_the_comment(kinds_form):
    client, _ = kinds_form
    page = await (await client.get("/c/kinds/?lang=sv")).text()
    order = [page.index(f'data-step="{s}"') for s in ("areas", "question:safe-evening")]
    order += [page.index(f'data-step="{s}"') for s in ("question:when-unsafe", "comment")]
    assert order == sorted(order)
    scale = ["very-unsafe", "rather-unsafe", "rather-safe", "very-safe", "dont-know"]
    assert [("radio", o) for o in scale] == inputs(page, "safe-evening")  # required: no "none"
    days = ["day", "evening", "night", "weekends"]
    assert [("checkbox", o) for o in days] == inputs(page, "when-unsafe")
    assert '<li class="unscored">' in page
    assert 'id="q-safe-evening-hint" class="hint">Obligatorisk fråga<' in page
    assert 'id="q-when-unsafe-hint" class="hint">Frivillig fråga<' in page
    assert 'id="q-when-unsafe-pick" class="hint">Välj 1–3.<' in page


async def test_a_scale_and_several_ticks_are_stored_as_given(kinds_form):
    client, store = kinds_form
    answers = {"safe_evening": "dont-know", "when_unsafe": ["evening", "night"], "age": "35-49"}
    response = await client.post("/c/kinds/?lang=sv", data=form(**answers))
    assert 200 == response.status, await response.text()
    assert "Kväll, Natt" in await response.text()  # the thank-you page repeats the answer
    [stored] = await store.responses("kinds")
    expected = {"safe-evening": "dont-know", "when-unsafe": ["evening", "night"], "age": "35-49"}
    assert expected == dict(stored.answers)


async def test_nothing_ticked_skips_the_optional_multi(kinds_form):
    client, store = kinds_form
    response = await client.post("/c/kinds/?lang=sv", data=form(safe_evening="very-safe"))
    assert 200 == response.status
    [stored] = await store.responses("kinds")
    assert {"safe-evening": "very-safe"} == dict(stored.answers)


@pytest.mark.parametrize(
    ("lang", "question", "message"),
    [
        ("sv", "safe-evening", "Svara på frågan innan du går vidare."),
        ("ar", "safe-evening", None),
        ("sv", "when-unsafe", "Du kan välja högst 3 alternativ."),
    ],
)
async def test_a_problem_is_shown_beside_its_question_and_ticks_are_kept(
    kinds_form, lang, question, message
):
    client, store = kinds_form
    answers = {"when_unsafe": ["day", "evening", "night", "weekends"]}
    if question == "safe-evening":
        answers = {"when_unsafe": ["night"]}
    else:
        answers["safe_evening"] = "rather-safe"
    response = await client.post(f"/c/kinds/?lang={lang}", data=form(**answers))
    page = await response.text()
    assert 422 == response.status
    error = re.search(rf'<p id="q-{question}-error" class="error">(.*?)</p>', page, re.S)
    assert error is not None
    if message:
        assert message in error.group(1)
    assert f"q-{question}-hint q-{question}" in page  # described by its error
    assert re.search(r'value="night"\s+id="q-when-unsafe-night" checked', page)
    assert [] == await store.responses("kinds")
