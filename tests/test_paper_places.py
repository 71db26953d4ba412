"""Places on paper: a batch file names zones by id or by name in any of the campaign's
languages, several separated by ";"; a name that is no zone is refused, naming it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from survey.paper import places_from_text, read_batch
from tests.place_campaign import place_campaign

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
HEADER = "source;date;area_1;area_2;area_3;comment;unsafe-places;locale"
AREAS = "violence-public;unsafe-places;drugs-alcohol"


def batch(*cells: str):
    lines = [HEADER, *(f"Biblioteket;2026-03-01;{AREAS};;{cell};sv" for cell in cells)]
    return read_batch(
        place_campaign(),
        "\n".join(lines).encode("utf-8"),
        new_id=lambda: str(uuid.uuid4()),
        default_source="Biblioteket",
        default_day=date(2026, 3, 1),
        now=NOW,
    )


def test_zones_by_id_or_name_in_any_language_several_with_semicolons():
    rows = batch("centrum", '"Town centre; KRONOPARKEN"', '"وسط المدينة ;Keskusta"', "")
    answers = [row.response.answers.get("unsafe-places") for row in rows]
    assert [
        [{"zone": "centrum"}],
        [{"zone": "centrum"}, {"zone": "kronoparken"}],
        [{"zone": "centrum"}],  # one zone named twice counts once
        None,  # left empty: not answered
    ] == answers
    assert all(row.problems == [] for row in rows)


def test_a_name_that_is_no_zone_is_refused_naming_it():
    [row] = batch('"Centrum; Hagfors"')
    assert row.response is None
    [problem] = row.problems
    assert ("paper.option", "unsafe-places", {"value": "Hagfors"}) == (
        problem.code,
        problem.field,
        dict(problem.params),
    )


def test_a_zone_named_twice_is_one_place_and_every_unknown_name_is_named():
    [row] = batch('"centrum;norrstrand;kronoparken;Town centre"')
    assert 3 == len(row.response.answers["unsafe-places"])  # within the question's max
    places, problems = places_from_text(place_campaign(), "unsafe-places", "a;b;c;d")
    assert [] == places and 4 == len(problems)
