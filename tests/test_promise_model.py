"""The promise's rules in `survey/`: when it is public and in force, what counts as a
reason, how long an activity has been quiet, which parties still have to approve."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from survey.promises.promise import (
    Activity,
    Party,
    Promise,
    Update,
    missing_approvals,
    quiet_days,
    replaced_promises,
)
from survey.promises.serialize import promise_as_dict, promise_from_dict
from tests.promise_support import samples

FILIPSTAD = samples()["filipstad-2017"]
DEMO = samples()["demo"]


def test_public_from_the_day_it_was_published_and_in_force_until_replaced():
    assert not FILIPSTAD.is_public(date(2016, 12, 31))
    assert FILIPSTAD.is_public(date(2017, 1, 1))
    assert FILIPSTAD.is_current(date(2026, 12, 1))  # "fram tills nya medborgarlöften"
    ended = replace(FILIPSTAD, until_replaced=False)
    assert ended.is_current(date(2018, 12, 31))
    assert not ended.is_current(date(2019, 1, 1))
    assert not replace(FILIPSTAD, published=None).is_current(date(2017, 6, 1))


def test_a_changed_or_cancelled_status_needs_a_public_reason():
    activity = Activity("a", {"sv": "x"}, ("polisen",), status="cancelled")
    assert activity.lacks_reason()
    internal = Update(date(2026, 1, 1), "cancelled", {"sv": "Budget"}, public=False)
    assert replace(activity, updates=(internal,)).lacks_reason()
    empty = Update(date(2026, 1, 1), "cancelled", {"sv": " "})
    assert replace(activity, updates=(empty,)).lacks_reason()
    reason = Update(date(2026, 1, 1), "cancelled", {"sv": "Budget"})
    assert not replace(activity, updates=(reason,)).lacks_reason()
    assert not replace(activity, status="delayed").lacks_reason()


def test_quiet_days_count_from_the_latest_public_news():
    drugs = DEMO.activity("narkotika-och-alkohol")
    assert 294 == quiet_days(DEMO, drugs, date(2026, 12, 1), after=90)
    assert quiet_days(DEMO, drugs, date(2026, 12, 1), after=300) is None
    # Without any update, the promise's publication is the last news.
    walk = FILIPSTAD.activities[1]
    assert (date(2017, 4, 11) - date(2017, 1, 1)).days == quiet_days(
        FILIPSTAD, walk, date(2017, 4, 11), after=90
    )


def test_status_counts_and_missing_approvals():
    assert {"ongoing": 1, "done": 1, "delayed": 1, "changed": 1} == DEMO.status_counts()
    assert ("polisen", "kommunen") == missing_approvals(DEMO, set())
    assert ("kommunen",) == missing_approvals(DEMO, {"polisen", "skolan"})
    assert () == missing_approvals(DEMO, {"polisen", "kommunen"})


def test_a_promise_survives_the_round_trip_through_json():
    for promise in (FILIPSTAD, DEMO):
        assert promise == promise_from_dict(promise_as_dict(promise, public=False))


def test_texts_fall_back_to_the_first_language():
    promise = Promise(
        id="p",
        languages=("sv", "en"),
        campaigns=("demo",),
        title={"sv": "Löfte"},
        parties=(Party("polisen", {"sv": "Polisen"}),),
        goals=(),
        activities=(),
        valid_from=date(2026, 1, 1),
        valid_until=None,
    )
    assert "Löfte" == promise.text(promise.title, "en")
    assert "sv" == promise.language("fi")


def test_a_promise_until_replaced_is_current_until_a_newer_one_in_force_replaces_it():
    newer = replace(
        FILIPSTAD,
        id="filipstad-2019",
        valid_from=date(2019, 3, 1),
        valid_until=date(2020, 12, 31),
        published=date(2019, 2, 1),
        replaces=("filipstad-2017",),
    )
    promises = [FILIPSTAD, newer]
    # Signed but not yet in force: the earlier promise still holds.
    assert {} == replaced_promises(promises, date(2019, 2, 15))
    assert FILIPSTAD.is_current(date(2019, 2, 15), frozenset())
    replaced = replaced_promises(promises, date(2019, 3, 1))
    assert {"filipstad-2017": newer} == replaced
    assert not FILIPSTAD.is_current(date(2019, 3, 1), frozenset(replaced))
    assert newer.is_current(date(2019, 3, 1), frozenset(replaced))
