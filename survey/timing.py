"""When an answer counts as given, and whether the campaign took answers then.

An answer is judged against the campaign at the time it was given, not when it reached the
server: a kiosk that was offline on the last evening delivers its answers later (they are
stored and marked late), and paper is keyed in after the workshop (judged by its paper date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from survey.campaign import Campaign
from survey.validation import Problem

# How long after closing an answer captured while the campaign was open is still taken.
LATE_DELIVERY = timedelta(days=14)
# How far ahead of the server a kiosk's clock may be before its times are not believed.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class Given:
    """When the resident gave the answer, as the channel knows it.

    `captured_at`: when a walk finished on a device that may deliver it later (the kiosk),
    `started_at`: when that walk began, `paper_date`: the day on a paper answer. None of
    them: the answer is given when it is received.
    """

    captured_at: datetime | None = None
    started_at: datetime | None = None
    paper_date: date | None = None


RECEIVED = Given()


@dataclass(frozen=True)
class Timing:
    """The verdict on when an answer was given: a problem, or whether it came late."""

    problem: Problem | None = None
    late: bool = False
    walk_seconds: int | None = None


ON_TIME = Timing()


def parse_instant(text: object) -> datetime | None:
    """An ISO 8601 time with an offset or `Z`, in UTC; None for anything else."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        return None
    if instant.tzinfo is None:
        return None
    return instant.astimezone(UTC)


def _closed(campaign: Campaign, status: str) -> Problem:
    return Problem("campaign.not_open", "campaign", {"status": status})


def judge_time(campaign: Campaign, given: Given, now: datetime) -> Timing:
    """Whether `campaign` takes an answer given as `given`, received at `now`."""
    if given.paper_date is not None:
        return Timing(judge_paper_date(campaign, given.paper_date, now))
    if given.captured_at is None:
        status = campaign.status(now)
        return ON_TIME if status == "open" else Timing(_closed(campaign, status))
    captured = given.captured_at
    if captured > now + CLOCK_SKEW:
        return Timing(Problem("captured_at.future", "captured_at"))
    status = campaign.status(captured)
    if status != "open":
        return Timing(_closed(campaign, status))
    late = campaign.status(now) == "closed"
    if late and now - campaign.closes_at > LATE_DELIVERY:
        return Timing(_closed(campaign, "closed"))
    return Timing(late=late, walk_seconds=walk_seconds(given))


def walk_seconds(given: Given) -> int | None:
    """How long the walk took, in whole seconds, when both ends are known and in order."""
    if given.started_at is None or given.captured_at is None:
        return None
    seconds = int((given.captured_at - given.started_at).total_seconds())
    return seconds if seconds >= 0 else None


def judge_paper_date(campaign: Campaign, day: date, now: datetime) -> Problem | None:
    """A paper answer is taken when its date lies in the campaign's period and is not
    later than today (in the campaign's time zone)."""
    today = campaign.today(now)
    last = min(campaign.closes, today) if campaign.closes else today
    if day > today:
        return Problem("paper.date_future", "date", {"today": today.isoformat()})
    if day < campaign.opens or day > last:
        params = {"opens": campaign.opens.isoformat(), "last": last.isoformat()}
        return Problem("paper.date_outside", "date", params)
    return None
