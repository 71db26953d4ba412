"""The tally: areas ranked by votes, ties in campaign order, counts by channel and source.

Answers are stored the way every channel stores them (the submit path) and counted the way
the staff pages and exports count them (in SQL).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from storage.responses import count_tally
from storage.submit import submit
from survey import Response
from survey.timing import RECEIVED, Given

NOW = datetime(2025, 5, 1, 12, tzinfo=UTC)


def answer(areas: tuple[str, ...], channel="web", source=None, comment=None) -> Response:
    return Response(
        id=str(uuid.uuid4()),
        campaign="demo",
        channel=channel,
        locale="sv",
        areas=areas,
        comment=comment,
        source=source,
    )


async def test_ranked_by_votes_with_shares(store, campaigns):
    demo = campaigns["demo"]
    answers = [
        (answer(("violence-public", "unsafe-places", "traffic"), comment="Mer polis"), RECEIVED),
        (
            answer(("violence-public", "unsafe-places", "drugs-alcohol"), "kiosk", "mitt-i-city"),
            RECEIVED,
        ),
        (
            answer(("violence-public", "theft-burglary", "drugs-alcohol"), "kiosk", "mitt-i-city"),
            RECEIVED,
        ),
        (
            answer(("social-unrest", "unsafe-places", "traffic"), "paper", "Workshop KCCC"),
            Given(paper_date=date(2025, 4, 2)),
        ),
    ]
    for response, given in answers:
        assert (await submit(store, demo, response, now=NOW, given=given)).stored
    result = await store.read(count_tally, demo)
    assert (4, 1) == (result.participants, result.comments)
    top = [(c.area, c.votes, c.rank) for c in result.areas[:5]]
    assert [
        ("violence-public", 3, 1),
        ("unsafe-places", 3, 1),
        ("drugs-alcohol", 2, 3),
        ("traffic", 2, 3),
        ("theft-burglary", 1, 5),
    ] == top
    assert 0.75 == result.areas[0].share
    assert {"kiosk": 2, "paper": 1, "web": 1} == dict(result.by_channel)
    assert {"mitt-i-city": 2, "Workshop KCCC": 1} == dict(result.by_source)


async def test_no_answers_yet(store, campaigns):
    result = await store.read(count_tally, campaigns["demo"])
    assert (0, 0) == (result.participants, result.comments)
    assert all(c.votes == 0 and c.share == 0.0 and c.rank == 1 for c in result.areas)
    assert 8 == len(result.areas)
