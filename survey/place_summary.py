"""Where residents marked places, as staff see it: residents and places per zone, places per
reason, and the points gathered into clusters for a map at every zoom.

The published counts (`survey.place_counts`) hide small numbers; staff see them all, since
staff also export every stored point. Points are gathered on the server into the cells of a
grid whose size follows the map's zoom (`CLUSTER_SIZES_M`): what the page receives grows with
the places in the town, not with the answers, so 100,000 answers of three places each give
a map of a few thousand cells at most. A cell holding one place is that place (already on
the map's grid, `precision_m`); a cell holding more is a cluster at the middle of its places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from survey.campaign import Campaign, Question
from survey.place_counts import Grid

# Cluster cells from the whole town down to single places; a page takes the size that
# keeps clusters about 60 pixels apart at its zoom.
CLUSTER_SIZES_M = (4000, 2000, 1000, 500, 250, 125)
TOP_CELLS = 20
NO_REASON = ""


@dataclass
class ClusterLevel:
    """Places gathered into cells of `size_m` metres: (latitude, longitude) of the middle
    of each cell's places, and how many."""

    size_m: int
    sums: dict[tuple[int, int], list[float]] = field(default_factory=dict)

    def add(self, grid: Grid, lat: float, lon: float) -> None:
        found = self.sums.setdefault(grid.cell(lat, lon), [0.0, 0.0, 0])
        found[0] += lat
        found[1] += lon
        found[2] += 1

    def clusters(self) -> list[tuple[float, float, int]]:
        """[(latitude, longitude, places)], most places first."""
        made = [
            (round(s[0] / s[2], 6), round(s[1] / s[2], 6), int(s[2])) for s in self.sums.values()
        ]
        return sorted(made, key=lambda c: (-c[2], c[0], c[1]))


@dataclass
class PlaceSummary:
    """One place question's places, as a filter of staff chose them."""

    question: str
    residents: int = 0
    places: int = 0
    points: int = 0
    zone_residents: dict[str, int] = field(default_factory=dict)
    zone_places: dict[str, int] = field(default_factory=dict)
    outside_residents: int = 0
    outside_places: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # NO_REASON: none given
    levels: list[ClusterLevel] = field(default_factory=list)

    def as_map(self) -> dict[str, Any]:
        """The clusters for the page's script: per cell size, [[lat, lon, places], …]."""
        return {
            "levels": [
                {"size_m": level.size_m, "clusters": [list(c) for c in level.clusters()]}
                for level in self.levels
            ]
        }

    def busiest(self, count: int = TOP_CELLS) -> list[tuple[float, float, int]]:
        """The cells of 250 m with the most places: the map's clusters as a table."""
        level = next((lv for lv in self.levels if lv.size_m == 250), None)
        return level.clusters()[:count] if level else []


def summarise_places(
    campaign: Campaign, question: Question, answers: Iterable[dict[str, Any]]
) -> PlaceSummary:
    """Count the places of `question` in `answers` (the stored answers' JSON, read)."""
    summary = PlaceSummary(question.id)
    area_map = campaign.map
    if area_map is None:
        return summary
    grids = [(ClusterLevel(size), Grid.over(area_map, size)) for size in CLUSTER_SIZES_M]
    summary.levels = [level for level, _ in grids]
    for given in answers:
        places = given.get(question.id)
        if not places:
            continue
        summary.residents += 1
        zones: set[str] = set()
        outside = False
        for place in places:
            summary.places += 1
            reason = place.get("option") or NO_REASON
            summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
            zone = place.get("zone")
            if zone:
                zones.add(zone)
                summary.zone_places[zone] = summary.zone_places.get(zone, 0) + 1
            else:
                outside = True
                summary.outside_places += 1
            lat, lon = place.get("lat"), place.get("lon")
            if lat is not None and lon is not None:
                summary.points += 1
                for level, grid in grids:
                    level.add(grid, lat, lon)
        for zone in zones:
            summary.zone_residents[zone] = summary.zone_residents.get(zone, 0) + 1
        summary.outside_residents += outside
    return summary
