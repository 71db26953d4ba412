"""The tally: votes per area ranked, participants, comments, by channel and by source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.campaign import Campaign


@dataclass(frozen=True)
class AreaCount:
    """Votes for one area, its rank, and its share of participants (0..1)."""

    area: str
    votes: int
    share: float
    rank: int


@dataclass(frozen=True)
class Tally:
    """The result of a campaign so far."""

    participants: int
    comments: int
    areas: tuple[AreaCount, ...]
    by_channel: Mapping[str, int]
    by_source: Mapping[str, int]


def tally_from_counts(
    campaign: Campaign,
    participants: int,
    comments: int,
    votes: Mapping[str, int],
    by_channel: Mapping[str, int] | None = None,
    by_source: Mapping[str, int] | None = None,
) -> Tally:
    """Rank counted votes: most votes first, ties in the campaign's order, sharing a rank."""
    order = {area.id: index for index, area in enumerate(campaign.areas)}
    ranked = sorted(order, key=lambda area_id: (-votes.get(area_id, 0), order[area_id]))
    counts = []
    previous, rank = None, 0
    for position, area_id in enumerate(ranked, start=1):
        n = votes.get(area_id, 0)
        if n != previous:
            rank, previous = position, n
        counts.append(AreaCount(area_id, n, n / participants if participants else 0.0, rank))
    return Tally(
        participants=participants,
        comments=comments,
        areas=tuple(counts),
        by_channel=dict(sorted((by_channel or {}).items(), key=lambda kv: (-kv[1], kv[0]))),
        by_source=dict(sorted((by_source or {}).items(), key=lambda kv: (-kv[1], kv[0]))),
    )
