"""The one submit path: every channel stores an answer through here.

The API, the web form, the bot, paper entry and the CSV import only read their input into
a `Response` and show the `Submitted` outcome. Here, in this order: judge the answer against
the campaign at the time it was given (`survey.timing`), check its content
(`survey.validation`), both in `survey.acceptance`; then store it idempotently. Only this
module stores responses.
See docs/architecture.md, "The one submit path".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlite_utils import Database

from storage import responses
from storage.responses import Outcome
from survey import Campaign, Problem, Response, acceptance
from survey.acceptance import Refusal
from survey.timing import RECEIVED, Given


class Status(StrEnum):
    """What became of a submitted answer."""

    CREATED = "created"
    ALREADY_STORED = "already_stored"
    REPLACED = "replaced"
    CONFLICT = "conflict"  # the same id with other content, or a participant's second answer
    NOT_OPEN = "not_open"  # the campaign did not take answers when it was given
    INVALID = "invalid"  # the content breaks the campaign's rules (or a time is not believed)


STORED = frozenset({Status.CREATED, Status.ALREADY_STORED, Status.REPLACED})


@dataclass(frozen=True)
class Submitted:
    """The one outcome every channel shows: stored or not, why not, and the stored answer."""

    status: Status
    response: Response | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def stored(self) -> bool:
        return self.status in STORED

    @property
    def late(self) -> bool:
        return self.response is not None and self.response.late


def ready_or_outcome(
    campaign: Campaign,
    response: Response,
    *,
    now: datetime,
    given: Given = RECEIVED,
    signal: str | None = None,
) -> Submitted | Response:
    """The answer ready to store (`survey.acceptance.stamped_or_refusal`), or the refusal as
    an outcome."""
    ready = acceptance.stamped_or_refusal(campaign, response, now=now, given=given, signal=signal)
    if isinstance(ready, Refusal):
        return Submitted(Status.NOT_OPEN if ready.closed else Status.INVALID, None, ready.problems)
    return ready


STATUS_OF = {outcome: Status(outcome.value) for outcome in Outcome}


def _outcome(outcome: Outcome, response: Response) -> Submitted:
    return Submitted(STATUS_OF[outcome], response)


async def submit(
    store,
    campaign: Campaign,
    response: Response,
    *,
    now: datetime,
    given: Given = RECEIVED,
    signal: str | None = None,
    entered_by: str | None = None,
) -> Submitted:
    """Judge, validate and store one answer; the outcome is final once this returns."""
    ready = ready_or_outcome(campaign, response, now=now, given=given, signal=signal)
    if isinstance(ready, Submitted):
        return ready
    outcome = await store.save_response(ready, entered_by=entered_by)
    return _outcome(outcome, ready)


def store_accepted(
    db: Database, response: Response, *, replace: bool = False, entered_by: str | None = None
) -> Submitted:
    """Store an answer `ready_or_outcome` let through, inside the caller's write transaction
    (the bot writes it with the resident's draft; a paper batch stores all its rows or none)."""
    outcome = responses.save_response(db, response, replace=replace, entered_by=entered_by)
    return _outcome(outcome, response)
