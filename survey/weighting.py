"""Representativeness: respondents against the population, and a post-stratified ranking.

Each respondent who gave an option of the reference question counts with the weight
population share / respondents' share of that option, so the weighted ranking is the one
a group of respondents shaped like the population would give. Respondents without such an
answer ("prefer not to say", none) are not in it, and neither is any group smaller than
the suppression threshold: its few people would carry a weight no count should rest on,
and the population shares of the groups kept are scaled up to add up to 1 again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from survey.analysis import Reference
from survey.suppression import THRESHOLD, suppress


@dataclass(frozen=True)
class GroupRow:
    """One option: how many answered it (None where suppressed), and both shares (0..1)."""

    option: str
    respondents: int | None
    respondents_share: float | None
    population_share: float


@dataclass(frozen=True)
class WeightedArea:
    """An area's weighted share of the weighted respondents, and its rank (ties share one)."""

    area: str
    share: float
    rank: int


@dataclass(frozen=True)
class Representativeness:
    """The comparison with the population and the ranking weighted by it."""

    reference: Reference
    groups: tuple[GroupRow, ...]
    weighted: tuple[WeightedArea, ...]
    left_out: tuple[str, ...]  # options too small to weigh


def compare(
    reference: Reference,
    respondents: Mapping[str, int],
    votes_by_option: Mapping[str, Mapping[str, int]],
    area_order: Sequence[str],
) -> Representativeness:
    """Compare the respondents per option with `reference` and rank the areas weighted."""
    options = list(reference.shares)
    counts = [respondents.get(o, 0) for o in options]
    answered = sum(counts)
    visible = suppress(counts)
    groups = tuple(
        GroupRow(
            option,
            shown,
            shown / answered if shown is not None and answered else None,
            reference.shares[option],
        )
        for option, shown in zip(options, visible, strict=True)
    )
    kept = [o for o, n in zip(options, counts, strict=True) if n >= THRESHOLD]
    kept_total = sum(respondents[o] for o in kept)
    population = sum(reference.shares[o] for o in kept)
    weighted_votes = dict.fromkeys(area_order, 0.0)
    for option in kept:
        # weight = (population share, rescaled) / (respondents' share among those kept)
        weight = (reference.shares[option] / population) / (respondents[option] / kept_total)
        for area, n in votes_by_option.get(option, {}).items():
            if area in weighted_votes:
                weighted_votes[area] += n * weight
    return Representativeness(
        reference=reference,
        groups=groups,
        weighted=_ranked(weighted_votes, kept_total, area_order),
        left_out=tuple(o for o in options if o not in kept),
    )


def _ranked(
    votes: Mapping[str, float], people: int, area_order: Sequence[str]
) -> tuple[WeightedArea, ...]:
    order = {area: index for index, area in enumerate(area_order)}
    # Rounded before comparing: weights of a few people per mille are no real difference.
    shares = {area: round(votes[area] / people, 6) if people else 0.0 for area in area_order}
    ranked = sorted(area_order, key=lambda a: (-shares[a], order[a]))
    found, previous, rank = [], None, 0
    for position, area in enumerate(ranked, start=1):
        if shares[area] != previous:
            rank, previous = position, shares[area]
        found.append(WeightedArea(area, shares[area], rank))
    return tuple(found)
