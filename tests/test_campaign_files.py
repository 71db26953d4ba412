"""Campaign files load, and a broken one fails with a message naming file, key and problem."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from campaigns import SAMPLE_DIR
from survey import CampaignError, load_campaign, load_campaigns
from survey.loader import parse_campaign

KARLSTAD_AREAS = [
    "Våld i offentlig miljö",
    "Otrygga miljöer",
    "Narkotika- och alkoholrelaterad brottslighet",
    "Stölder och inbrott",
    "Våld i nära relationer",
    "Social oro",
    "Trafikbrott",
    "Klotter och vandalisering",
]


def test_the_three_sample_campaigns_load():
    found = load_campaigns(SAMPLE_DIR)
    assert {"demo", "karlstad-2016", "filipstad-2016"} == set(found)


def test_karlstad_is_the_real_dialogue():
    karlstad = load_campaign(SAMPLE_DIR / "karlstad-2016.toml")
    assert (date(2016, 2, 22), date(2016, 3, 18)) == (karlstad.opens, karlstad.closes)
    assert KARLSTAD_AREAS == [area.label["sv"] for area in karlstad.areas]
    assert ("Polisen i Karlstad", "Karlstads kommun") == karlstad.organisers
    assert 3 == karlstad.pick
    assert not karlstad.comment.required


def test_demo_is_always_open_with_the_karlstad_areas():
    found = load_campaigns(SAMPLE_DIR)
    assert found["demo"].closes is None
    assert found["demo"].is_open()
    assert [a.id for a in found["karlstad-2016"].areas] == [a.id for a in found["demo"].areas]


def minimal(**changes: str) -> str:
    parts = {
        "head": 'id = "test"\nlanguages = ["sv", "en"]\nopens = 2026-01-01\npick = 2\n'
        'organisers = ["Polisen"]\n',
        "title": '[title]\nsv = "Titel"\nen = "Title"\n',
        "intro": '[intro]\nsv = "Intro"\nen = "Intro"\n',
        "next": '[next_steps]\nsv = "Sedan"\nen = "Then"\n',
        "areas": "".join(
            f'[[areas]]\nid = "{a}"\n[areas.label]\nsv = "{a} sv"\nen = "{a} en"\n'
            for a in ("one", "two", "three")
        ),
    }
    parts.update(changes)
    return "\n".join(parts.values())


def test_a_minimal_campaign_parses():
    campaign = parse_campaign(minimal(), "test.toml")
    assert ("one", "two", "three") == tuple(a.id for a in campaign.areas)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": '[title]\nsv = "Titel"\n'}, "test.toml: title: missing language 'en'"),
        (
            {
                "areas": '[[areas]]\nid = "one"\n[areas.label]\nsv = "a"\nen = "a"\n'
                '[[areas]]\nid = "one"\n[areas.label]\nsv = "b"\nen = "b"\n'
            },
            "test.toml: areas[1].id: duplicate id 'one'",
        ),
        (
            {"head": minimal().split("[title]")[0].replace("pick = 2", "pick = 9")},
            "test.toml: pick: must be between 1 and the number of areas (3)",
        ),
        ({"head": minimal().split("[title]")[0] + "colour = 1\n"}, "test.toml: colour: is not a "),
        (
            {"intro": '[intro]\nsv = "Intro"\nen = "Intro"\nde = "Einführung"\n'},
            "test.toml: intro.de: is not one of the campaign's languages",
        ),
        ({"head": 'id = "Bad Id"\n'}, "test.toml: id: 'Bad Id' is not an id"),
        ({"head": "id = [\n"}, "test.toml: not valid TOML"),
    ],
)
def test_a_broken_campaign_names_file_key_and_problem(change, message):
    with pytest.raises(CampaignError) as raised:
        parse_campaign(minimal(**change), "test.toml")
    assert str(raised.value).startswith(message)


def test_a_question_must_offer_prefer_not_to_say():
    question = (
        '[[questions]]\nid = "age"\n[questions.text]\nsv = "Ålder"\nen = "Age"\n'
        '[[questions.options]]\nid = "young"\n[questions.options.label]\nsv = "Ung"\nen = "Young"\n'
        '[[questions.options]]\nid = "old"\n[questions.options.label]\nsv = "Äldre"\nen = "Older"\n'
    )
    with pytest.raises(
        CampaignError,
        match=re.escape("questions[0].options: must end with the option 'prefer-not-to-say'"),
    ):
        parse_campaign(minimal(questions=question), "test.toml")


def test_two_files_with_one_id_are_refused(tmp_path: Path):
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(minimal(), encoding="utf-8")
    with pytest.raises(
        CampaignError, match=re.escape("b.toml: id: 'test' is used by another file")
    ):
        load_campaigns(tmp_path)


def test_organisers_may_be_named_per_language_and_plain_names_still_work():
    head = minimal().split("[title]")[0]
    plain = parse_campaign(minimal(), "test.toml")
    assert (("Polisen",), ("Polisen",)) == (plain.organisers, plain.organisers_in("en"))
    tables = head.replace(
        'organisers = ["Polisen"]',
        'organisers = [{ sv = "Polisen i Karlstad", en = "Karlstad Police" }, { sv = "Kommunen" }]',
    )
    campaign = parse_campaign(minimal(head=tables), "test.toml")
    assert ("Polisen i Karlstad", "Kommunen") == campaign.organisers
    assert ("Karlstad Police", "Kommunen") == campaign.organisers_in("en")
    assert ("Polisen i Karlstad", "Kommunen") == campaign.organisers_in("fi")  # not offered
    karlstad = load_campaign(SAMPLE_DIR / "karlstad-2016.toml")
    assert ("Karlstad Police", "Karlstad Municipality") == karlstad.organisers_in("en")


@pytest.mark.parametrize(
    ("organisers", "message"),
    [
        ('[{ en = "Police" }]', "test.toml: organisers[0]: missing language 'sv'"),
        ('[{ sv = "Polisen", de = "Polizei" }]', "test.toml: organisers[0].de: is not one of"),
        ('[{ sv = " " }]', "test.toml: organisers[0].sv: must be a non-empty string"),
        ("[]", "test.toml: organisers: must be a list of names"),
        ("[1]", "test.toml: organisers: must be a list of names"),
    ],
)
def test_a_broken_organiser_is_named(organisers, message):
    head = minimal().split("[title]")[0].replace('["Polisen"]', organisers)
    with pytest.raises(CampaignError) as raised:
        parse_campaign(minimal(head=head), "test.toml")
    assert str(raised.value).startswith(message)
