"""Promise files: the samples load, and a broken file names its file, key and problem."""

from __future__ import annotations

from datetime import date

import pytest

from promises import SAMPLE_DIR
from survey.promises.loader import PromiseError, check_links, load_promises, parse_promise

FILIPSTAD = (SAMPLE_DIR / "filipstad-2017.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def samples():
    return load_promises(SAMPLE_DIR)


def test_the_samples_load_and_link_to_their_campaigns(samples, campaigns):
    assert {"filipstad-2017", "demo"} == set(samples)
    for promise in samples.values():
        check_links(promise, campaigns, promise.id)


def test_filipstad_is_the_seed(samples):
    promise = samples["filipstad-2017"]
    assert ("filipstad-2016",) == promise.campaigns
    assert (date(2017, 1, 1), date(2018, 12, 31), True) == (
        promise.valid_from,
        promise.valid_until,
        promise.until_replaced,
    )
    assert ["polisen", "kommunen"] == [p.id for p in promise.parties]
    assert 4 == len(promise.activities)
    assert [("polisen",), ("kommunen",), ("polisen",), ("polisen", "kommunen")] == [
        a.responsible for a in promise.activities
    ]
    drugs = promise.activities[3]
    assert "upptäckt och lagföring" == drugs.roles["polisen"]["sv"]
    assert "uppföljning och vård" == drugs.roles["kommunen"]["sv"]
    assert 2 == len(promise.goals)
    assert date(2019, 3, 31) == promise.followup.planned
    assert "lokalmedia och kommunens hemsida" == promise.followup.channels["sv"]


def broken(old: str, new: str) -> str:
    assert old in FILIPSTAD
    return FILIPSTAD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (
            broken('responsible = ["kommunen"]', 'responsible = ["skolan"]'),
            "activities[1].responsible[0]",
            "'skolan' is not a party",
        ),
        (broken('status = "planned"', 'status = "started"'), "activities[0].status", "must be one"),
        (
            broken('status = "planned"', 'status = "cancelled"'),
            "activities[0].status",
            "needs a public update",
        ),
        (
            broken("valid_until = 2018-12-31", "valid_until = 2016-12-31"),
            "valid_until",
            "is before valid_from",
        ),
        (broken('fi = "Filipstad – asukaslupaukset"\n', ""), "title", "missing language 'fi'"),
        (
            broken("planned = 2019-03-31", "planned = 2019-03-31\nwhen = 1"),
            "followup.when",
            "is not a known key",
        ),
        (
            broken("until_replaced = true", 'until_replaced = true\nreplaces = ["filipstad-2017"]'),
            "replaces",
            "names the promise itself",
        ),
    ],
)
def test_a_broken_file_names_file_key_and_problem(text, key, problem):
    with pytest.raises(PromiseError) as error:
        parse_promise(text, "filipstad-2017.toml")
    assert ("filipstad-2017.toml", key) == (error.value.source, error.value.key)
    assert problem in error.value.problem


def test_a_cancelled_activity_with_a_public_reason_loads():
    text = broken(
        'id = "trygghetsvandringar"\nresponsible = ["kommunen"]\nareas = ["unsafe-town-centre"]\n'
        'status = "planned"',
        'id = "trygghetsvandringar"\nresponsible = ["kommunen"]\nareas = ["unsafe-town-centre"]\n'
        'status = "cancelled"\n'
        '[[activities.updates]]\ndate = 2017-06-01\nstatus = "cancelled"\n'
        'text = { sv = "Ersatt av", en = "Replaced", ar = "استُبدل", fi = "Korvattu" }',
    )
    promise = parse_promise(text, "x.toml")
    assert promise.activities[1].reason().text["sv"] == "Ersatt av"


def test_links_to_an_unknown_area_are_refused(samples, campaigns):
    text = broken('areas = ["unsafe-town-centre"]', 'areas = ["unsafe-places"]')
    with pytest.raises(PromiseError) as error:
        check_links(parse_promise(text, "f.toml"), campaigns, "f.toml")
    assert "activities[1].areas[0]" == error.value.key
