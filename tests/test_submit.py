"""The one submit path: judged at the time given, then by content, stored once, one outcome."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime

from storage.submit import Status, submit
from survey import Response
from survey.timing import Given

OPEN = datetime(2016, 3, 1, 12, tzinfo=UTC)
CLOSED = datetime(2016, 3, 25, 12, tzinfo=UTC)


def answer(**changes) -> Response:
    base = Response(
        id=str(uuid.uuid4()),
        campaign="karlstad-2016",
        channel="kiosk",
        locale="sv",
        areas=("violence-public", "unsafe-places", "traffic"),
        comment="Mer belysning",
        answers={"age": "prefer-not-to-say"},
        source="bibliotek",
    )
    return dataclasses.replace(base, **changes)


async def test_an_answer_is_stored_once_and_a_resend_is_recognised(store, campaigns):
    karlstad, response = campaigns["karlstad-2016"], answer()
    first = await submit(store, karlstad, response, now=OPEN, signal="s1")
    again = await submit(store, karlstad, response, now=OPEN, signal="s1")
    other = await submit(store, karlstad, dataclasses.replace(response, comment="X"), now=OPEN)
    assert [Status.CREATED, Status.ALREADY_STORED, Status.CONFLICT] == [
        first.status,
        again.status,
        other.status,
    ]
    kept = await store.get_response(response.id)
    assert ("s1", "2016-03-01T12:00:00.000000Z", None) == (
        kept.signal,
        kept.submitted_at,
        kept.captured_at,
    )


async def test_the_open_check_comes_before_the_content(store, campaigns):
    karlstad = campaigns["karlstad-2016"]
    outcome = await submit(store, karlstad, answer(areas=("nowhere",)), now=CLOSED)
    assert (Status.NOT_OPEN, ["campaign.not_open"]) == (
        outcome.status,
        [p.code for p in outcome.problems],
    )
    invalid = await submit(store, karlstad, answer(areas=("nowhere",)), now=OPEN)
    assert Status.INVALID == invalid.status
    assert {"areas.unknown", "areas.count"} == {p.code for p in invalid.problems}
    assert not outcome.stored and not invalid.stored


async def test_a_late_kiosk_answer_keeps_when_it_was_captured_and_how_long_it_took(
    store, campaigns
):
    given = Given(
        captured_at=datetime(2016, 3, 18, 20, 40, tzinfo=UTC),
        started_at=datetime(2016, 3, 18, 20, 39, 5, tzinfo=UTC),
    )
    outcome = await submit(store, campaigns["karlstad-2016"], answer(), now=CLOSED, given=given)
    assert (Status.CREATED, True) == (outcome.status, outcome.late)
    kept = await store.get_response(outcome.response.id)
    assert (True, "2016-03-18T20:40:00.000000Z", 55) == (
        kept.late,
        kept.captured_at,
        kept.walk_seconds,
    )


async def test_a_paper_answer_is_judged_by_its_date_whenever_it_is_keyed_in(store, campaigns):
    karlstad = campaigns["karlstad-2016"]
    paper = answer(channel="paper", source="Workshop")
    on_paper = await submit(
        store, karlstad, paper, now=CLOSED, given=Given(paper_date=date(2016, 3, 18))
    )
    too_late = await submit(
        store,
        karlstad,
        answer(channel="paper"),
        now=CLOSED,
        given=Given(paper_date=date(2016, 3, 19)),
    )
    assert (Status.CREATED, "2016-03-18") == (on_paper.status, on_paper.response.paper_date)
    assert (Status.INVALID, "paper.date_outside") == (too_late.status, too_late.problems[0].code)
