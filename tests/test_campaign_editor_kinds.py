"""Question kinds in the campaign editor: a scale and a multi made and changed in the form,
checked by the campaign file's rules (each problem beside its field, in the staff member's
language), their texts in the language-gap list; once there are answers a question keeps
its kind and an option with answers stays, whatever the kind; the preview shows them."""

from __future__ import annotations

import uuid
from dataclasses import replace
from functools import partial

import pytest
from bs4 import BeautifulSoup

from bot.preview import preview_messages
from kiosk.staff.campaigns.preview import BOT_PREVIEW
from storage import open_database
from storage.campaign_changes import ChangeRefused, save_checked, usage
from storage.campaigns import published_campaigns
from storage.responses import save_response
from survey import Response
from survey.campaign_changes import Usage, refused_changes
from survey.registry import CampaignRegistry
from tests.kinds_campaign import kinds_campaign
from tests.staff_support import add_account, csrf_of, log_in, staff_app
from tests.test_campaign_editor import create, page_of, press, problems, save

AREAS = ["belysning", "trafik", "klotter"]


@pytest.fixture
async def registry(store):
    return CampaignRegistry(await store.read(published_campaigns))


@pytest.fixture
async def organiser(aiohttp_client, store, registry, catalogs):
    await add_account(store, "olle", "organiser")
    app = staff_app(store, registry, catalogs)
    app[BOT_PREVIEW] = partial(preview_messages, catalogs)
    client = await aiohttp_client(app)
    await log_in(client, "olle")
    return client


SCALE = {
    "question-0.id": "trygg",
    "question-0.kind": "scale",
    "question-0.section": "topic",
    "question-0.required": "on",
    "question-0.public": "on",
    "question-0.text.sv": "Hur trygg känner du dig?",
    "question-0.text.en": "How safe do you feel?",
    "question-0.option-0.id": "otrygg",
    "question-0.option-0.label.sv": "Otrygg",
    "question-0.option-0.label.en": "Unsafe",
    "question-0.option-1.id": "trygg",
    "question-0.option-1.label.sv": "Trygg",
    "question-0.option-1.label.en": "Safe",
    "question-0.option-2.id": "vet-inte",
    "question-0.option-2.unscored": "on",
    "question-0.option-2.label.sv": "Vet inte",
    "question-0.option-2.label.en": "Don't know",
}
MULTI = {
    "question-1.id": "nar",
    "question-1.kind": "multi",
    "question-1.section": "topic",
    "question-1.public": "on",
    "question-1.min": "1",
    "question-1.max": "2",
    "question-1.text.sv": "När?",
    "question-1.text.en": "When?",
    "question-1.option-0.id": "dag",
    "question-1.option-0.label.sv": "Dag",
    "question-1.option-0.label.en": "Day",
    "question-1.option-1.id": "kvall",
    "question-1.option-1.label.sv": "Kväll",
    "question-1.option-1.label.en": "Evening",
    "question-1.option-2.id": "natt",
    "question-1.option-2.label.sv": "Natt",
    "question-1.option-2.label.en": "Night",
}
QUESTIONS = SCALE | MULTI


async def post_answer(client, answers, campaign_id="kil-2026"):
    body = {
        "id": str(uuid.uuid4()),
        "areas": AREAS,
        "comment": None,
        "locale": "sv",
        "channel": "web",
        "answers": answers,
    }
    return await client.post(f"/api/v1/campaigns/{campaign_id}/responses", json=body)


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


async def test_a_scale_and_a_multi_are_made_in_the_editor_and_served(organiser, registry):
    await create(organiser)
    saved = await save(organiser, **QUESTIONS)
    assert 200 == saved.status and not problems(soup_of(await saved.text()))
    assert 200 == (await press(organiser, "kil-2026", "open")).status
    campaign = registry["kil-2026"]
    scale, multi = campaign.question("trygg"), campaign.question("nar")
    assert ("scale", "topic", True, True) == (
        scale.kind,
        scale.section,
        scale.required,
        scale.public,
    )
    assert [True, True, False] == [o.scored for o in scale.options]
    assert "vet-inte" == scale.options[-1].id  # no "prefer not to say" on a scale
    assert ("multi", 1, 2) == (multi.kind, multi.min, multi.max)
    assert [o.id for o in multi.options] == ["dag", "kvall", "natt"]
    _, soup = await page_of(organiser, "/staff/campaigns/kil-2026/")
    assert "scale" == soup.find(id="f-question-0-kind").find("option", selected=True)["value"]
    assert soup.find(id="f-question-0-required").has_attr("checked")
    assert soup.find(id="f-question-0-option-2-scored").has_attr("checked")
    assert "2" == soup.find(id="f-question-1-max")["value"]
    answered = await post_answer(organiser, {"trygg": "trygg", "nar": ["dag", "natt"]})
    assert 201 == answered.status


async def test_a_background_choice_still_ends_with_prefer_not_to_say(organiser, registry):
    await create(organiser)
    choice = {
        "question-0.id": "alder",
        "question-0.text.sv": "Ålder?",
        "question-0.text.en": "Age?",
        "question-0.option-0.id": "ung",
        "question-0.option-0.label.sv": "Ung",
        "question-0.option-0.label.en": "Young",
        "question-0.option-1.id": "gammal",
        "question-0.option-1.label.sv": "Gammal",
        "question-0.option-1.label.en": "Old",
    }
    await save(organiser, **choice)
    await press(organiser, "kil-2026", "open")
    question = registry["kil-2026"].question("alder")
    assert ("choice", "background", False) == (question.kind, question.section, question.public)
    assert "prefer-not-to-say" == question.options[-1].id


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"question-1.min": "3"}, "f-question-1-min", "Får inte vara större än det högsta (2)."),
        ({"question-1.max": "5"}, "f-question-1-max", "Får inte vara fler än svarsalternativen"),
        ({"question-1.min": "0"}, "f-question-1-min", "Ska vara minst 1."),
        ({"question-1.max": "två"}, "f-question-1-max", "Ska vara ett heltal."),
        ({"question-0.min": "1"}, "f-question-0-min", "Gäller bara frågor med flera val."),
        ({"question-1.option-0.unscored": "on"}, "f-question-1-option-0-scored", "Gäller bara"),
        (
            {
                "question-0.option-3.id": "lugn",
                "question-0.option-3.label.sv": "Lugn",
                "question-0.option-3.label.en": "Calm",
            },
            "f-question-0-options",
            "står sist",
        ),
        (
            {"question-0.option-1.unscored": "on", "question-0.option-1.order": "9"},
            "f-question-0-options",
            "minst två punkter",
        ),
        ({"question-0.kind": "slider"}, "f-question-0-kind", "Välj ett av alternativen."),
        (
            {
                "question-1.option-1.remove": "on",
                "question-1.option-2.remove": "on",
                "question-1.max": "",
            },
            "f-question-1-options",
            "minst två svarsalternativ",
        ),
        ({"question-0.text.en": ""}, "f-question-0-text-en", "Skriv texten på engelska."),
    ],
)
async def test_each_broken_rule_is_said_beside_its_field(organiser, changes, field, message):
    await create(organiser)
    response = await save(organiser, **(QUESTIONS | changes))
    assert 200 == response.status  # a draft: saved, its problem shown
    found = problems(soup_of(await response.text()))
    assert [field] == list(found), found
    assert message in found[field]


async def test_in_english_a_kinds_problem_is_english(organiser):
    await create(organiser)
    html, _ = await page_of(organiser, "/staff/campaigns/kil-2026/")
    await organiser.post("/staff/language", data={"lang": "en", "csrf": csrf_of(html)})
    response = await save(organiser, **(QUESTIONS | {"question-1.min": "3"}))
    found = problems(soup_of(await response.text()))
    assert "Must not be more than the highest (2)." == found["f-question-1-min"]


async def test_the_language_gaps_list_the_texts_of_every_kind(organiser):
    await create(organiser)
    gaps = {"question-0.option-2.label.en": "", "question-1.text.en": ""}
    response = await save(organiser, **(QUESTIONS | gaps))
    soup = soup_of(await response.text())
    missing = soup.find(id="missing-h").find_parent("section").get_text(" ", strip=True)
    assert "questions[0].options[2].label" in missing and "questions[1].text" in missing


async def test_with_answers_a_question_keeps_its_kind_and_its_answered_options(organiser, registry):
    await create(organiser)
    await save(organiser, **QUESTIONS)
    await press(organiser, "kil-2026", "open")
    assert 201 == (await post_answer(organiser, {"trygg": "otrygg", "nar": ["kvall"]})).status
    as_choice = {"question-1.kind": "choice", "question-1.min": "", "question-1.max": ""}
    kind = await save(organiser, **(QUESTIONS | as_choice))
    assert 422 == kind.status
    found = problems(soup_of(await kind.text()))
    assert "Frågan nar har svar: den kan inte byta sort." == found["f-question-1-kind"]
    removed = await save(organiser, **(QUESTIONS | {"question-1.option-1.remove": "on"}))
    assert 422 == removed.status
    assert "Svarsalternativet kvall i frågan nar har svar" in await removed.text()
    scale = await save(organiser, **(QUESTIONS | {"question-0.option-0.remove": "on"}))
    assert 422 == scale.status
    unused = await save(organiser, **(QUESTIONS | {"question-1.option-2.remove": "on"}))
    assert 200 == unused.status  # "natt" has no answers
    assert ["dag", "kvall"] == [o.id for o in registry["kil-2026"].question("nar").options]


def test_refused_changes_know_every_kind():
    campaign = kinds_campaign()
    scale, multi = campaign.question("safe-evening"), campaign.question("when-unsafe")
    used = Usage(
        answers=1,
        options=frozenset({("safe-evening", "dont-know"), ("when-unsafe", "night")}),
    )
    as_choice = replace(multi, kind="choice", min=1, max=1)
    no_night = replace(multi, options=tuple(o for o in multi.options if o.id != "night"))
    no_dont_know = replace(scale, options=scale.options[:-1])
    questions = {q.id: q for q in campaign.questions}
    changed = replace(
        campaign,
        questions=tuple(
            {"safe-evening": no_dont_know, "when-unsafe": as_choice}.get(q.id, q)
            for q in questions.values()
        ),
    )
    found = {
        (p.code, p.field, tuple(sorted(p.params.items())))
        for p in refused_changes(campaign, changed, used)
    }
    at = [q.id for q in campaign.questions].index("when-unsafe")
    assert {
        ("change.kind", f"questions[{at}].kind", (("kind", "multi"), ("question", "when-unsafe"))),
        (
            "change.option_removed",
            "questions",
            (("option", "dont-know"), ("question", "safe-evening")),
        ),
    } == found
    dropped = replace(
        campaign,
        questions=tuple(no_night if q.id == "when-unsafe" else q for q in campaign.questions),
    )
    assert ["change.option_removed"] == [p.code for p in refused_changes(campaign, dropped, used)]
    assert [] == refused_changes(campaign, changed, Usage())


def test_the_stores_usage_counts_each_option_of_a_multi_answer(tmp_path):
    campaign = kinds_campaign()
    db = open_database(tmp_path / "x.db")
    save_checked(db, campaign, actor="test", action="campaign.create")
    one = Response(
        id=str(uuid.uuid4()),
        campaign="kinds",
        channel="web",
        locale="sv",
        areas=("violence-public", "unsafe-places", "drugs-alcohol"),
        comment=None,
        answers={"safe-evening": "rather-safe", "when-unsafe": ["evening", "night"]},
    )
    save_response(db, one)
    used = usage(db, "kinds")
    assert {("when-unsafe", "evening"), ("when-unsafe", "night")} <= used.options
    multi = campaign.question("when-unsafe")
    fewer = replace(multi, options=tuple(o for o in multi.options if o.id != "evening"))
    changed = replace(
        campaign, questions=tuple(fewer if q.id == multi.id else q for q in campaign.questions)
    )
    with pytest.raises(ChangeRefused) as refused:
        save_checked(db, changed, actor="test", action="campaign.edit")
    assert [{"question": "when-unsafe", "option": "evening"}] == [
        p.params for p in refused.value.problems
    ]
    db.conn.close()


async def test_the_preview_shows_a_scale_and_a_multi(organiser):
    await create(organiser)
    await save(organiser, **QUESTIONS)
    _, soup = await page_of(organiser, "/staff/campaigns/kil-2026/preview?lang=en")
    messages = " ".join(m.get_text() for m in soup.select(".bot-message"))
    assert "How safe do you feel?" in messages and "When?" in messages
    buttons = {b.get_text().strip("⬜✅ ") for b in soup.select(".bot-buttons li")}
    assert {"Unsafe", "Don't know", "Day", "Night"} <= buttons
    for path in ("preview/web?lang=en", "preview/kiosk"):
        response = await organiser.get(f"/staff/campaigns/kil-2026/{path}")
        assert 200 == response.status, path
