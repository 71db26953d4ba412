"""Question kinds end to end on the server: a campaign with a required scale, a multi and
background choices validates; the API stores good answers and refuses each bad one with a
translated 422; published results count them (the scale with its mean); exports give them."""

from __future__ import annotations

import json
import uuid

import pytest

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage import Store
from storage.campaigns import register_campaigns
from storage.export_json import json_export_chunks
from storage.export_tables import responses_table
from storage.publication import publish
from survey import CampaignError, steps
from survey.kinds import KINDS
from survey.loader import parse_campaign
from survey.walk import new_draft, step_as_dict
from tests.fake_clock import FakeClock
from tests.kinds_campaign import kinds_campaign, kinds_campaign_text

AREAS = ["violence-public", "unsafe-places", "drugs-alcohol"]


def an_answer(answers: dict, **more) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "areas": AREAS,
        "comment": None,
        "locale": "sv",
        "channel": "web",
        "answers": answers,
        **more,
    }


GOOD = {"safe-evening": "rather-safe", "when-unsafe": ["evening", "night"]}


def test_every_kind_is_known_and_the_campaign_validates():
    campaign = kinds_campaign()
    assert {"choice", "scale", "multi", "place"} == set(KINDS)
    kinds = {q.id: (q.kind, q.section, q.required, q.public) for q in campaign.questions}
    assert ("scale", "topic", True, True) == kinds["safe-evening"]
    assert ("multi", "topic", False, True) == kinds["when-unsafe"]
    assert ("choice", "background", False, False) == kinds["age"]


def test_topic_questions_come_after_the_areas_and_background_after_the_comment():
    ids = [step.id for step in steps(kinds_campaign())]
    at = ids.index
    assert at("areas") < at("question:safe-evening") < at("question:when-unsafe")
    assert at("question:when-unsafe") < at("comment") < at("question:age")


def test_the_steps_carry_each_kinds_rules():
    described = {d["id"]: d for d in map(step_as_dict, steps(kinds_campaign()))}
    scale, multi = described["question:safe-evening"], described["question:when-unsafe"]
    assert ("scale", True) == (scale["kind"], scale["required"])
    assert ["very-unsafe", "rather-unsafe", "rather-safe", "very-safe"] == scale["scored"]
    assert ("multi", False, 1, 3) == (multi["kind"], multi["required"], multi["min"], multi["max"])


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('kind = "scale"', 'kind = "slider"'), "questions[2].kind"),
        (("min = 1\nmax = 3", "min = 4\nmax = 3"), "questions[3].min"),
        (("min = 1\nmax = 3", "min = 1\nmax = 5"), "questions[3].max"),
        (
            ('section = "topic"\nrequired', 'section = "topic"\ncolour = "red"\nrequired'),
            "questions[2].colour",
        ),
        (
            ('id = "rather-unsafe"\n', 'id = "rather-unsafe"\nscored = false\n'),
            "questions[2].options",
        ),
        (('id = "dont-know"\nscored = false', 'id = "dont-know"'), None),
    ],
)
def test_campaigns_check_refuses_a_broken_question_naming_it(change, problem):
    text = kinds_campaign_text().replace(*change)
    if problem is None:
        parse_campaign(text)  # a scale may have no unscored option
        return
    with pytest.raises(CampaignError) as refused:
        parse_campaign(text)
    assert problem == refused.value.key


def test_a_scale_needs_two_scored_points():
    text = kinds_campaign_text()
    for point in ("very-unsafe", "rather-unsafe", "rather-safe"):
        text = text.replace(f'id = "{point}"\n', f'id = "{point}"\nscored = false\n')
    with pytest.raises(CampaignError, match="two scored points"):
        parse_campaign(text)


def test_a_draft_ticks_a_multi_up_to_its_max_and_a_required_scale_cannot_be_left():
    campaign = kinds_campaign()
    draft = new_draft(campaign, str(uuid.uuid4()), "sv").at("question:when-unsafe")
    for option in ("night", "day", "evening"):
        draft, problem = draft.with_answer(campaign, "when-unsafe", option)
        assert problem is None
    assert ["day", "evening", "night"] == draft.answers["when-unsafe"]
    _, problem = draft.with_answer(campaign, "when-unsafe", "weekends")
    assert "multi.too_many" == problem.code
    draft, _ = draft.with_answer(campaign, "when-unsafe", "day")
    assert ["evening", "night"] == draft.answers["when-unsafe"]
    at_scale = draft.at("question:safe-evening")
    _, problem = at_scale.skip(campaign)
    assert "step.required" == problem.code
    _, problem = at_scale.advance(campaign)
    assert "question.required" == problem.code


@pytest.fixture
async def kinds_client(aiohttp_client, tmp_path, campaigns, catalogs):
    campaign = kinds_campaign()
    store = Store(tmp_path / "kinds.db")
    await store.write(register_campaigns, [campaign])
    clock = FakeClock("2026-03-02T12:00:00+01:00")
    app = create_app(WebConfig(), store, {campaign.id: campaign}, catalogs, b"k" * 32, clock)
    client = await aiohttp_client(app)
    yield client, store, campaign
    store.close()


async def post(client, body, lang="sv"):
    headers = {"Accept-Language": lang}
    return await client.post("/api/v1/campaigns/kinds/responses", json=body, headers=headers)


async def test_good_answers_of_every_kind_are_stored_and_skipping_an_optional_one_too(kinds_client):
    client, _, _ = kinds_client
    assert 201 == (await post(client, an_answer(GOOD))).status
    skipped = {"safe-evening": "dont-know", "age": "35-49"}
    assert 201 == (await post(client, an_answer(skipped))).status


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"when-unsafe": ["evening"]}, "question.required"),
        ({**GOOD, "when-unsafe": ["day", "evening", "night", "weekends"]}, "multi.too_many"),
        ({**GOOD, "when-unsafe": []}, "multi.too_few"),
        ({**GOOD, "when-unsafe": ["night", "night"]}, "multi.repeated"),
        ({**GOOD, "when-unsafe": "night"}, "answer.type"),
        ({**GOOD, "safe-evening": ["rather-safe"]}, "answer.type"),
        ({**GOOD, "safe-evening": "somewhat"}, "option.unknown"),
        ({**GOOD, "when-unsafe": ["dawn"]}, "option.unknown"),
        ({**GOOD, "colour": "red"}, "question.unknown"),
    ],
)
async def test_each_bad_answer_is_refused_with_a_translated_422(kinds_client, answers, code):
    client, _, _ = kinds_client
    response = await post(client, an_answer(answers), lang="en")
    assert 422 == response.status
    body = await response.json()
    assert code == body["error"]
    assert body["message"] and body["message"] != code


async def test_a_value_that_is_neither_an_option_nor_a_list_of_them_is_refused(kinds_client):
    client, _, _ = kinds_client
    response = await post(client, an_answer({**GOOD, "when-unsafe": [1, 2]}))
    assert 422 == response.status
    assert "answer.type" == (await response.json())["error"]
    response = await post(client, an_answer({**GOOD, "when-unsafe": {"day": True}}))
    assert "field.type" == (await response.json())["error"]


async def test_the_campaign_api_describes_each_question_with_its_kind(kinds_client):
    client, _, _ = kinds_client
    described = await (await client.get("/api/v1/campaigns/kinds")).json()
    questions = {q["id"]: q for q in described["questions"]}
    assert "scale" == questions["safe-evening"]["kind"]
    assert {"id": "dont-know", "label": questions["safe-evening"]["options"][-1]["label"],
            "scored": False} == questions["safe-evening"]["options"][-1]  # fmt: skip
    assert (1, 3) == (questions["when-unsafe"]["min"], questions["when-unsafe"]["max"])


async def test_published_results_count_the_public_questions_with_the_scales_mean(kinds_client):
    client, store, _ = kinds_client
    answers = [
        *[{"safe-evening": "very-unsafe", "when-unsafe": ["evening", "night"]}] * 5,
        *[{"safe-evening": "rather-safe", "when-unsafe": ["night"]}] * 6,
        *[{"safe-evening": "dont-know", "when-unsafe": ["day"]}] * 2,
    ]
    for given in answers:
        assert 201 == (await post(client, an_answer(given))).status
    await store.write(publish, "kinds", "anna", FakeClock("2026-03-03T12:00:00+01:00").now())
    results = await (await client.get("/api/v1/campaigns/kinds/results")).json()
    questions = {q["id"]: q for q in results["questions"]}
    assert {"safe-evening", "when-unsafe"} == set(questions)  # background ones are not public
    scale = questions["safe-evening"]
    counts = {c["option"]: c["count"] for c in scale["counts"]}
    # 2 "don't know" is under five, so it and the next smallest are not shown.
    assert {"very-unsafe": None, "rather-unsafe": 0, "rather-safe": 6, "very-safe": 0,
            "dont-know": None} == counts  # fmt: skip
    assert 13 == scale["answered"]
    assert round((5 * 1 + 6 * 3) / 11, 2) == scale["mean"]
    multi = {c["option"]: c["count"] for c in questions["when-unsafe"]["counts"]}
    # 2 for "day" is hidden, and so is the next smallest (as on every table of counts).
    assert {"day": None, "evening": None, "night": 11, "weekends": 0} == multi
    assert questions["when-unsafe"]["mean"] is None


async def test_exports_give_the_answers_as_posted_and_a_column_per_multi_option(kinds_client):
    client, store, campaign = kinds_client
    assert 201 == (await post(client, an_answer(GOOD))).status
    exported = json.loads(
        "".join(await store.read(lambda db: list(json_export_chunks(db, campaign))))
    )
    assert [GOOD] == [r["answers"] for r in exported["responses"]]
    table = await store.read(lambda db: _rows(responses_table(db, campaign, "sv")))
    header, row = table
    cells = dict(zip(header, row, strict=True))
    assert "Ganska trygg" == cells["safe-evening"]
    assert ["", "1", "1", ""] == [cells[f"when-unsafe.{o}"] for o in
                                  ("day", "evening", "night", "weekends")]  # fmt: skip


def _rows(table):
    rows = list(table.rows)
    return table.keys, rows[0]


def test_the_exported_csv_of_a_multi_has_one_labelled_column_per_option(tmp_path):
    campaign = kinds_campaign()
    store = Store(tmp_path / "k.db")
    store.call(lambda db: register_campaigns(db, [campaign]), write=True)
    table = store.call(lambda db: responses_table(db, campaign, "sv"))
    labels = [label for label in table.header if label and label.startswith("När känner du")]
    store.close()
    asked = "När känner du dig otrygg?"
    assert [f"{asked}: {o}" for o in ("Dag", "Kväll", "Natt", "Helger")] == labels
