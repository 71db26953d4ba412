"""Whether an answer is taken: judged at the time it was given, then by its content.

Pure, and the one place this is decided: the submit path (`storage/submit.py`) calls it
for every channel, and a paper batch calls it for every row before storing any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from survey.campaign import Campaign
from survey.response import Response
from survey.timing import RECEIVED, Given, judge_time
from survey.validation import Problem, check_content, stored_answers


@dataclass(frozen=True)
class Refusal:
    """Why an answer is not taken: the campaign did not take answers then, or the problems."""

    problems: tuple[Problem, ...]
    closed: bool = False


def stamp(now: datetime) -> str:
    """A time as the store writes it: UTC, microseconds, `Z` ("2016-03-01T09:00:00.000000Z")."""
    utc = now if now.tzinfo is UTC else now.astimezone(UTC)
    second = _second(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    return f"{second}.{utc.microsecond:06d}Z"


@lru_cache(maxsize=8)  # every answer is stamped: the second is written once, not each time
def _second(year: int, month: int, day: int, hour: int, minute: int, second: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"


def stamped_or_refusal(
    campaign: Campaign,
    response: Response,
    *,
    now: datetime,
    given: Given = RECEIVED,
    signal: str | None = None,
) -> Response | Refusal:
    """The answer stamped and ready to store, or the refusal.

    The open check comes first and apart from the content: a closed campaign is closed
    whatever was answered.
    """
    timing = judge_time(campaign, given, now)
    if timing.problem is not None:
        return Refusal((timing.problem,), closed=timing.problem.code == "campaign.not_open")
    problems = check_content(campaign, response)  # a response holds what was chosen
    if problems:
        return Refusal(tuple(problems))
    if not campaign.questions_stored_changed.isdisjoint(response.answers):
        response = response.stamped(answers=stored_answers(campaign, response.answers))
    return response.stamped(
        campaign=campaign.id,
        submitted_at=response.submitted_at or stamp(now),
        captured_at=stamp(given.captured_at) if given.captured_at else None,
        late=timing.late,
        walk_seconds=timing.walk_seconds,
        signal=signal,
        paper_date=given.paper_date.isoformat() if given.paper_date else None,
    )
