"""Validation of a whole answer set, returning structured problems for the channel to translate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any, Protocol

from survey.campaign import Campaign
from survey.kinds import kind_of
from survey.problem import Problem
from survey.text_cleaning import clean_comment

__all__ = [
    "CHANNELS",
    "Answers",
    "Problem",
    "check_content",
    "clean_comment",
    "stored_answers",
    "validate",
]

CHANNELS = ("telegram", "kiosk", "web", "paper")


@dataclass(frozen=True)
class Answers:
    """What a resident chose: the areas, a comment and background answers."""

    areas: tuple[str, ...]
    comment: str | None = None
    answers: Mapping[str, Any] = field(default_factory=dict)


def check_areas(campaign: Campaign, areas: tuple[str, ...] | list[str]) -> list[Problem]:
    # As nearly every answer is: looked at without building anything.
    fits = len(areas) == campaign.pick and campaign.area_ids.issuperset(areas)
    if fits and len(set(areas)) == len(areas):
        return []
    problems = []
    seen: set[str] = set()
    for area_id in areas:
        if campaign.area(area_id) is None:
            problems.append(Problem("areas.unknown", "areas", {"area": area_id}))
        elif area_id in seen:
            problems.append(Problem("areas.repeated", "areas", {"area": area_id}))
        seen.add(area_id)
    if len(areas) != campaign.pick:
        problems.append(
            Problem("areas.count", "areas", {"expected": campaign.pick, "given": len(areas)})
        )
    return problems


def check_comment(campaign: Campaign, comment: str | None) -> list[Problem]:
    if comment is None:
        if campaign.comment.required:
            return [Problem("comment.required", "comment")]
        return []
    if len(comment) > campaign.comment.max_length:
        return [
            Problem(
                "comment.too_long",
                "comment",
                {"max": campaign.comment.max_length, "length": len(comment)},
            )
        ]
    return []


def check_answers(campaign: Campaign, answers: Mapping[str, Any]) -> list[Problem]:
    """Each answer as its question's kind allows, and no required question left out.

    Counted first: more answers than the campaign has questions hold an unknown one, and
    only as many are looked at as it takes to say which."""
    problems = []
    for question_id, value in islice(answers.items(), len(campaign.questions) + 1):
        question = campaign.question(question_id)
        if question is None:
            problems.append(Problem("question.unknown", "answers", {"question": question_id}))
        else:
            problems += kind_of(question).problems(campaign, question, value)
    if not campaign.required_questions.issubset(answers):
        for question in campaign.questions:
            if question.required and question.id not in answers:
                field = f"answers.{question.id}"
                problems.append(Problem("question.required", field, {"question": question.id}))
    return problems


class Chosen(Protocol):
    """What a resident chose, wherever it is held: an `Answers`, or a whole response."""

    areas: tuple[str, ...]
    comment: str | None
    answers: Mapping[str, Any]


def check_content(campaign: Campaign, answers: Chosen) -> list[Problem]:
    """Every problem with what was answered, whenever it was given; empty means acceptable.

    Whether the campaign took answers at that time is judged apart (`survey.timing`).
    """
    problems = check_areas(campaign, answers.areas)
    problems += check_comment(campaign, answers.comment)
    problems += check_answers(campaign, answers.answers)
    return problems


def validate(campaign: Campaign, answers: Answers, now: datetime | None = None) -> list[Problem]:
    """Every problem with `answers` for `campaign` given at `now`, the open check first."""
    problems = []
    if not campaign.is_open(now):
        problems.append(Problem("campaign.not_open", "campaign", {"status": campaign.status(now)}))
    return problems + check_content(campaign, answers)


def stored_answers(campaign: Campaign, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Valid answers as they are kept (a place's point rounded, with its zone)."""
    changed = campaign.questions_stored_changed
    return {
        question_id: kind_of(question).normalised(campaign, question, value)
        if question_id in changed and (question := campaign.question(question_id)) is not None
        else value
        for question_id, value in answers.items()
    }
