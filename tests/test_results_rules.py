"""The analysis rules of survey/, on their own: theme suggestions and place counts on Swedish
comments, the flags against stuffing, and a ranking weighted by a reference population."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from campaigns import SAMPLE_DIR
from survey.analysis import Reference
from survey.flags import Trace, counted_as_flagged, flag_reasons
from survey.loader import CampaignError, parse_campaign
from survey.themes import count_places, suggest_themes
from survey.weighting import compare

AREAS = [
    "violence-public",
    "unsafe-places",
    "drugs-alcohol",
    "theft-burglary",
    "domestic-violence",
    "social-unrest",
    "traffic",
    "graffiti-vandalism",
]


@pytest.mark.parametrize(
    ("comment", "themes"),
    [
        ("Vi vill se fler patrullerande poliser i centrum", ("police-visibility",)),
        ("Polisbilar syns aldrig i Kronoparken", ("police-visibility",)),
        ("Oväsen från bilar nattetid vid Nobelplan på Norrstrand", ("traffic",)),
        ("Mörkt och otryggt i gångtunneln, dålig belysning", ("unsafe-places",)),
        ("Cyklister på trottoarerna och höga hastigheter", ("traffic",)),
        ("Polisen borde synas mer där bilarna kör för fort", ("police-visibility", "traffic")),
        ("Tack för en bra enkät", ()),
    ],
)
def test_themes_are_suggested_from_swedish_stems(campaigns, comment, themes):
    assert themes == suggest_themes(comment, campaigns["karlstad-2016"].analysis.themes)


def test_places_are_counted_with_the_areas_their_comments_chose(campaigns):
    comments = [
        ("Oväsen vid Nobelplan varje natt", ["traffic", "unsafe-places", "social-unrest"]),
        ("Bilar kör för fort på Norrstrand", ["traffic", "violence-public", "drugs-alcohol"]),
        (
            "Nobelplan på Norrstrand: buskörning",
            ["traffic", "graffiti-vandalism", "theft-burglary"],
        ),
        ("Mörkt på nobelplan", ["traffic", "violence-public", "drugs-alcohol"]),
        ("Nobelplanering saknas", ["traffic", "violence-public", "drugs-alcohol"]),
    ]
    counted = count_places(comments, campaigns["karlstad-2016"].analysis.places, AREAS)
    assert [("Nobelplan", 3), ("Norrstrand", 2)] == [(p.place, p.comments) for p in counted]
    nobelplan, norrstrand = counted
    assert ("traffic", 3) == nobelplan.areas[0]
    assert "traffic" == nobelplan.mostly
    assert "traffic" == norrstrand.mostly


START = datetime(2026, 3, 1, 12, tzinfo=UTC)


def web(key: int, minutes: float, signal: str = "s1", comment: str | None = None) -> Trace:
    return Trace(key, "web", START + timedelta(minutes=minutes), signal=signal, comment=comment)


def test_more_than_five_answers_from_one_web_signal_in_ten_minutes_are_a_burst():
    traces = [web(i, i * 1.5) for i in range(6)]  # six within 7.5 minutes
    traces += [web(10 + i, 60 + i * 3) for i in range(6)]  # six, but 15 minutes apart in all
    traces += [web(20 + i, i, signal="s2") for i in range(5)]  # five: not more than five
    reasons = flag_reasons(traces)
    assert set(range(6)) == set(reasons)
    assert all(("burst",) == reasons[key] for key in range(6))


def test_a_kiosk_walk_under_eight_seconds_and_a_repeated_comment_are_flagged():
    same = "Mer poliser på stan, nu genast!"
    traces = [
        Trace(1, "kiosk", START, walk_seconds=7),
        Trace(2, "kiosk", START, walk_seconds=8),
        Trace(3, "telegram", START, comment=same),
        Trace(4, "web", START, signal="a", comment=same.upper()),
        Trace(5, "kiosk", START, comment=f"  {same} "),
        Trace(6, "web", START, signal="b", comment="Bra"),
        Trace(7, "web", START, signal="c", comment="Bra"),
        Trace(8, "web", START, signal="d", comment="Bra"),
    ]
    reasons = flag_reasons(traces)
    assert {1: ("fast_walk",), 3: ("repeated_comment",), 4: ("repeated_comment",)} == {
        k: reasons[k] for k in (1, 3, 4)
    }
    assert 5 in reasons and 2 not in reasons and 6 not in reasons
    assert {3, 4, 5} == counted_as_flagged(reasons, {1: "cleared"})


def test_the_weighted_ranking_computed_by_hand():
    reference = Reference(
        "age",
        {"under-20": 0.22, "20-34": 0.22, "35-49": 0.19, "50-64": 0.17, "65-plus": 0.20},
        "illustrative",
        2024,
        illustrative=True,
    )
    respondents = {"under-20": 20, "20-34": 20, "65-plus": 60, "50-64": 3}
    votes = {
        "under-20": {"traffic": 20, "unsafe-places": 20, "social-unrest": 20},
        "20-34": {"traffic": 20, "drugs-alcohol": 20, "graffiti-vandalism": 20},
        "65-plus": {"violence-public": 60, "theft-burglary": 60, "domestic-violence": 60},
        "50-64": {"violence-public": 3, "theft-burglary": 3, "domestic-violence": 3},
    }
    found = compare(reference, respondents, votes, AREAS)
    # 35-49 (nobody) and 50-64 (three people) are too small to weigh: the population shares
    # of the groups kept are 0.22 + 0.22 + 0.20 = 0.64 of the whole, so rescaled.
    assert ("35-49", "50-64") == found.left_out
    young = (0.22 / 0.64) / (20 / 100)  # 1.71875 for each of the two young groups
    old = (0.20 / 0.64) / (60 / 100)  # 0.5208…
    people = 20 * young + 20 * young + 60 * old  # 100 weighted people
    expected = {
        "traffic": (20 * young + 20 * young) / people,  # 0.6875
        "unsafe-places": 20 * young / people,  # 0.34375
        "social-unrest": 20 * young / people,
        "drugs-alcohol": 20 * young / people,
        "graffiti-vandalism": 20 * young / people,
        "violence-public": 60 * old / people,  # 0.3125
        "theft-burglary": 60 * old / people,
        "domestic-violence": 60 * old / people,
    }
    assert {a: round(s, 6) for a, s in expected.items()} == {
        w.area: w.share for w in found.weighted
    }
    ranks = {w.area: w.rank for w in found.weighted}
    assert 1 == ranks["traffic"]
    assert {2} == {ranks[a] for a in ("unsafe-places", "drugs-alcohol", "social-unrest")}
    assert {6} == {ranks[a] for a in ("violence-public", "theft-burglary", "domestic-violence")}
    # Respondents against the population, small cells suppressed as everywhere: the three,
    # and (a lone hidden cell would be the total less the others) the smallest other one.
    groups = {g.option: g for g in found.groups}
    assert groups["50-64"].respondents is None
    assert groups["under-20"].respondents is None
    assert 20 == groups["20-34"].respondents
    assert 0 == groups["35-49"].respondents
    assert pytest.approx(60 / 103) == groups["65-plus"].respondents_share
    assert 0.20 == groups["65-plus"].population_share


def test_a_reference_must_name_a_question_and_add_up_to_one(campaigns):
    text = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8")
    text = text.replace("65-plus = 0.20", "65-plus = 0.30")
    with pytest.raises(CampaignError, match=r"reference\.shares: must add up to 1"):
        parse_campaign(text, "demo.toml")
    assert campaigns["demo"].analysis.reference.illustrative
    assert campaigns["karlstad-2016"].analysis.reference is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('keywords = ["trafik"', "keywords = [1"), "themes[2].keywords: must be a list of words"),
        (('id = "traffic"\nkeywords', 'id = "Traffic"\nkeywords'), "themes[2].id: 'Traffic'"),
        (('"Skåre"]', '"Skåre", "skåre"]'), "places: lists a place twice"),
        (('question = "age"', 'question = "height"'), "reference.question: 'height'"),
        (("under-20 = 0.22", "nobody = 0.22"), "reference.shares.nobody: is not an option"),
        (("year = 2024", 'year = "2024"'), "reference.year: must be a int"),
    ],
)
def test_a_campaign_files_analysis_is_checked_on_load(change, problem):
    text = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8")
    assert change[0] in text
    with pytest.raises(CampaignError) as raised:
        parse_campaign(text.replace(change[0], change[1], 1), "demo.toml")
    assert problem in str(raised.value)
