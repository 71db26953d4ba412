"""Validation of a whole answer set: each rule gives a structured problem."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from survey import Answers, Problem, validate
from survey.validation import clean_comment

AREAS = ("violence-public", "unsafe-places", "traffic")
DURING = datetime(2016, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def karlstad(campaigns):
    return campaigns["karlstad-2016"]


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def test_three_known_areas_and_a_comment_are_valid(karlstad):
    assert [] == validate(karlstad, Answers(AREAS, "Mer polis i city"), DURING)


@pytest.mark.parametrize(
    ("areas", "expected"),
    [
        (AREAS[:2], [Problem("areas.count", "areas", {"expected": 3, "given": 2})]),
        (
            (*AREAS, "graffiti-vandalism"),
            [Problem("areas.count", "areas", {"expected": 3, "given": 4})],
        ),
        (
            ("violence-public", "unsafe-places", "aliens"),
            [Problem("areas.unknown", "areas", {"area": "aliens"})],
        ),
        (
            ("traffic", "traffic", "unsafe-places"),
            [Problem("areas.repeated", "areas", {"area": "traffic"})],
        ),
    ],
)
def test_area_rules(karlstad, areas, expected):
    assert expected == validate(karlstad, Answers(areas), DURING)


def test_a_comment_over_the_limit_is_refused(karlstad):
    problems = validate(karlstad, Answers(AREAS, "x" * 50_000), DURING)
    assert [Problem("comment.too_long", "comment", {"max": 2000, "length": 50_000})] == problems


def test_a_required_comment_must_be_there(campaigns):
    from dataclasses import replace

    from survey import CommentRule

    strict = replace(campaigns["demo"], comment=CommentRule(required=True, max_length=100))
    assert ["comment.required"] == codes(validate(strict, Answers(AREAS, None)))


def test_unknown_questions_and_options(karlstad):
    answers = Answers(AREAS, None, {"age": "200-plus", "shoe-size": "42"})
    assert ["option.unknown", "question.unknown"] == codes(validate(karlstad, answers, DURING))


def test_prefer_not_to_say_is_an_answer(karlstad):
    assert [] == validate(karlstad, Answers(AREAS, None, {"age": "prefer-not-to-say"}), DURING)


def test_a_closed_campaign_refuses_answers(karlstad):
    after = datetime(2016, 3, 19, 0, 30, tzinfo=UTC)  # 01:30 in Karlstad, the day after closing
    assert [Problem("campaign.not_open", "campaign", {"status": "closed"})] == validate(
        karlstad, Answers(AREAS), after
    )


def test_the_closing_day_is_still_open(karlstad):
    last_evening = datetime(2016, 3, 18, 22, 0, tzinfo=UTC)  # 23:00 in Karlstad
    assert karlstad.is_open(last_evening)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, None),
        ("   ", None),
        ("  Hej\r\ndär  ", "Hej\ndär"),
        ("a\x00b\x07c", "abc"),
        ("Cafe\u0301", "Café"),
    ],
)
def test_comments_are_normalised(raw, clean):
    assert clean == clean_comment(raw)
