"""The tally: areas ranked by votes, ties in campaign order, counts by channel and source."""

from __future__ import annotations

from survey import Response, tally


def answer(n: int, areas: tuple[str, ...], channel="web", source=None, comment=None) -> Response:
    return Response(
        id=f"r{n}",
        campaign="demo",
        channel=channel,
        locale="sv",
        areas=areas,
        comment=comment,
        source=source,
    )


def test_ranked_by_votes_with_shares(campaigns):
    result = tally(
        campaigns["demo"],
        [
            answer(1, ("violence-public", "unsafe-places", "traffic"), comment="Mer polis"),
            answer(
                2, ("violence-public", "unsafe-places", "drugs-alcohol"), "kiosk", "mitt-i-city"
            ),
            answer(
                3, ("violence-public", "theft-burglary", "drugs-alcohol"), "kiosk", "mitt-i-city"
            ),
            answer(4, ("social-unrest", "unsafe-places", "traffic"), "paper", "Workshop KCCC"),
        ],
    )
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


def test_no_answers_yet(campaigns):
    result = tally(campaigns["demo"], [])
    assert (0, 0) == (result.participants, result.comments)
    assert all(c.votes == 0 and c.share == 0.0 and c.rank == 1 for c in result.areas)
    assert 8 == len(result.areas)
