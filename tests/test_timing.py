"""When an answer counts as given: the rules of survey.timing, without any channel."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from survey.timing import Given, judge_paper_date, judge_time, parse_instant


def at(text: str) -> datetime:
    return parse_instant(text)


@pytest.fixture
def karlstad(campaigns):
    return campaigns["karlstad-2016"]


def test_an_answer_without_times_is_judged_when_received(karlstad):
    assert judge_time(karlstad, Given(), at("2016-03-18T23:59:00+01:00")).problem is None
    closed = judge_time(karlstad, Given(), at("2016-03-19T00:00:00+01:00")).problem
    assert ("campaign.not_open", {"status": "closed"}) == (closed.code, dict(closed.params))


def test_a_walk_finished_while_open_is_late_after_closing(karlstad):
    given = Given(captured_at=at("2016-03-18T21:40:00+01:00"))
    on_time = judge_time(karlstad, given, at("2016-03-18T21:41:00+01:00"))
    late = judge_time(karlstad, given, at("2016-03-20T08:00:00+01:00"))
    assert (None, False) == (on_time.problem, on_time.late)
    assert (None, True) == (late.problem, late.late)


def test_the_walk_takes_whole_seconds_from_start_to_finish(karlstad):
    given = Given(
        captured_at=at("2016-03-01T10:01:05.900+01:00"),
        started_at=at("2016-03-01T10:00:00+01:00"),
    )
    assert 65 == judge_time(karlstad, given, at("2016-03-01T10:02:00+01:00")).walk_seconds
    backwards = Given(captured_at=given.started_at, started_at=given.captured_at)
    assert judge_time(karlstad, backwards, at("2016-03-01T10:02:00+01:00")).walk_seconds is None


def test_a_walk_before_opening_is_upcoming_even_if_delivered_while_open(karlstad):
    given = Given(captured_at=at("2016-02-21T23:00:00+01:00"))
    problem = judge_time(karlstad, given, at("2016-02-23T12:00:00+01:00")).problem
    assert {"status": "upcoming"} == dict(problem.params)


def test_paper_dates_from_opening_to_closing_day_are_taken(karlstad):
    later = at("2016-06-01T12:00:00+02:00")
    assert judge_paper_date(karlstad, date(2016, 2, 22), later) is None
    assert judge_paper_date(karlstad, date(2016, 3, 18), later) is None
    assert "paper.date_outside" == judge_paper_date(karlstad, date(2016, 3, 19), later).code
    assert "paper.date_outside" == judge_paper_date(karlstad, date(2016, 2, 21), later).code


def test_a_paper_date_is_today_at_the_latest_where_the_campaign_is_held(karlstad):
    # 00:30 in Stockholm is still the day before in UTC.
    now = at("2016-03-10T00:30:00+01:00")
    assert judge_paper_date(karlstad, date(2016, 3, 10), now) is None
    assert "paper.date_future" == judge_paper_date(karlstad, date(2016, 3, 11), now).code


@pytest.mark.parametrize(
    "text", ["2016-03-18T21:40:00", "2016-03-18", "soon", "", 12, None, "2016-03-18T21:40Z" * 3]
)
def test_only_iso_times_with_an_offset_are_read(text):
    assert parse_instant(text) is None


def test_z_and_offsets_read_as_the_same_instant():
    assert parse_instant("2016-03-18T20:40:00Z") == parse_instant("2016-03-18T21:40:00+01:00")
