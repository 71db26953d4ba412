"""Where residents marked places, counted so that no one resident can be found in the counts.

Each resident counts once per zone (a resident who marked three places in the town centre is
one resident there), once for "outside the zones", and once per cell of a grid laid over the
map from its south-west corner (`CELL_M` metres square) for the points outside the zones.
The published results show a count only from five residents up (`survey.suppression`) and
a grid cell only from five residents up: never a single resident's point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from survey.area_map import METRES_PER_DEGREE, AreaMap
from survey.campaign import Campaign, Question

CELL_M = 250

Cell = tuple[int, int]  # (row from the south, column from the west)


@dataclass
class PlaceCounts:
    """For one place question: residents per zone, outside every zone, and per grid cell
    (of points outside the zones)."""

    question: str
    zones: dict[str, int] = field(default_factory=dict)
    outside_zones: int = 0
    cells: dict[Cell, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Grid:
    """Square cells of about `size_m` metres over the map, from its south-west corner."""

    south: float
    west: float
    lat_step: float
    lon_step: float

    @classmethod
    def over(cls, area_map: AreaMap, size_m: int = CELL_M) -> Grid:
        middle = math.radians((area_map.south + area_map.north) / 2)
        lat_step = size_m / METRES_PER_DEGREE
        return cls(area_map.south, area_map.west, lat_step, lat_step / max(math.cos(middle), 0.01))

    def cell(self, lat: float, lon: float) -> Cell:
        return (
            math.floor((lat - self.south) / self.lat_step),
            math.floor((lon - self.west) / self.lon_step),
        )

    def ring(self, cell: Cell) -> list[list[float]]:
        """The cell as a closed GeoJSON ring: `[longitude, latitude]`, counter-clockwise."""
        row, column = cell
        south, west = self.south + row * self.lat_step, self.west + column * self.lon_step
        north, east = south + self.lat_step, west + self.lon_step
        corners = [(west, south), (east, south), (east, north), (west, north), (west, south)]
        return [[round(lon, 6), round(lat, 6)] for lon, lat in corners]


def place_questions(campaign: Campaign) -> list[Question]:
    return [q for q in campaign.questions if q.kind == "place"]


def count_places(
    campaign: Campaign, answers: Iterable[tuple[dict[str, Any], int]]
) -> list[PlaceCounts]:
    """Count (answers, how many residents gave exactly them) for each place question."""
    questions = place_questions(campaign)
    counted = {q.id: PlaceCounts(q.id) for q in questions}
    if campaign.map is None or not questions:
        return list(counted.values())
    grid = Grid.over(campaign.map)
    for given, n in answers:
        for question_id, found in counted.items():
            places = given.get(question_id)
            if not places:
                continue
            zones: set[str] = set()
            cells: set[Cell] = set()
            for place in places:
                zone = place.get("zone")
                if zone:
                    zones.add(zone)
                elif place.get("lat") is not None and place.get("lon") is not None:
                    cells.add(grid.cell(place["lat"], place["lon"]))
            for zone in zones:
                found.zones[zone] = found.zones.get(zone, 0) + n
            if cells:
                found.outside_zones += n
            for cell in cells:
                found.cells[cell] = found.cells.get(cell, 0) + n
    return list(counted.values())
