"""A campaign's map: the part of the world it asks about, its named zones, and how finely a
resident's point is kept.

Coordinates are named at every boundary, since people say latitude first and GeoJSON and
shapely say longitude first: `bounds` are `[latitude, longitude]` corners (south-west,
north-east), a zone's `polygon` is a GeoJSON ring of `[longitude, latitude]` positions.
A point is kept only on a grid of `precision_m` metres (a point near someone's home says
who they are), and carries the zone it falls in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely

Text = Mapping[str, str]

METRES_PER_DEGREE = 111_320.0  # of latitude, and of longitude at the equator
DEFAULT_PRECISION_M = 50
# The zone of every grid point in some zone's box is looked up in a table made once, rather
# than asked of shapely for each point stored; a map whose zones' boxes hold more grid
# points than this asks shapely point by point.
MAX_TABLE_POINTS = 250_000


def grid_line(n: int, step: float) -> float:
    """The latitude (or longitude) of the grid's `n`th row (or column) of `step` degrees:
    where the points on it are kept."""
    return round(n * step, 6)


@dataclass(frozen=True)
class Zone:
    """A named part of the map: a district, the square, the station."""

    id: str
    name: Text
    polygon: tuple[tuple[float, float], ...]  # [longitude, latitude], a closed ring

    @cached_property
    def shape(self) -> shapely.Polygon:
        polygon = shapely.Polygon(self.polygon)
        shapely.prepare(polygon)
        return polygon

    @cached_property
    def box(self) -> tuple[float, float, float, float]:
        """West, south, east, north: a point beyond them is outside without asking shapely."""
        lons = [lon for lon, _ in self.polygon]
        lats = [lat for _, lat in self.polygon]
        return min(lons), min(lats), max(lons), max(lats)


@dataclass(frozen=True)
class AreaMap:
    """The bounds (latitude, longitude), the grid points are kept on, the optional tiles,
    and the zones."""

    south: float
    west: float
    north: float
    east: float
    precision_m: int = DEFAULT_PRECISION_M
    tiles: str | None = None
    attribution: str | None = None
    zones: tuple[Zone, ...] = ()

    @property
    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """`[[south, west], [north, east]]`: latitude first, as the campaign file says it."""
        return ((self.south, self.west), (self.north, self.east))

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def zone(self, zone_id: str) -> Zone | None:
        return self._zones.get(zone_id)

    @cached_property
    def _zones(self) -> dict[str, Zone]:
        return {zone.id: zone for zone in self.zones}

    @cached_property
    def _steps(self) -> tuple[float, float]:
        """The grid's steps in degrees of latitude and of longitude (at the map's middle)."""
        middle = math.radians((self.south + self.north) / 2)
        lat_step = self.precision_m / METRES_PER_DEGREE
        return lat_step, lat_step / max(math.cos(middle), 0.01)

    def rounded(self, lat: float, lon: float) -> tuple[float, float]:
        """The point on the map's grid nearest to (lat, lon)."""
        point_lat, point_lon, _ = self.placed(lat, lon)
        return point_lat, point_lon

    def placed(self, lat: float, lon: float) -> tuple[float, float, str | None]:
        """The point on the map's grid nearest to (lat, lon), and the zone it falls in (as
        `zone_at` says it, looked up)."""
        lat_step, lon_step = self._steps
        row, column = round(lat / lat_step), round(lon / lon_step)
        (first_row, lats), (first_column, lons) = self._grid_lines
        if 0 <= row - first_row < len(lats) and 0 <= column - first_column < len(lons):
            point_lat, point_lon = lats[row - first_row], lons[column - first_column]
        else:  # off the map (the bot rounds before it asks whether a point is on it)
            point_lat, point_lon = grid_line(row, lat_step), grid_line(column, lon_step)
        table = self._zone_table
        if table is None:
            return point_lat, point_lon, self.zone_at(point_lat, point_lon)
        return point_lat, point_lon, table.get((row, column))

    def zone_at(self, lat: float, lon: float) -> str | None:
        """The first zone the point falls in (on its edge counts as in), or None. Each zone's
        box is looked at first: one call into shapely costs more than the whole box test."""
        for zone in self.zones:
            west, south, east, north = zone.box
            in_box = west <= lon <= east and south <= lat <= north
            if in_box and shapely.intersects_xy(zone.shape, lon, lat):
                return zone.id
        return None

    @cached_property
    def _grid_lines(self) -> tuple[tuple[int, tuple[float, ...]], tuple[int, tuple[float, ...]]]:
        """The latitudes of the grid's rows and the longitudes of its columns over the map
        (each with the number of the first), written once: `round(x, 6)` costs more than
        the rest of `placed`."""
        lat_step, lon_step = self._steps
        lines = []
        for low, high, step in (
            (self.south, self.north, lat_step),
            (self.west, self.east, lon_step),
        ):
            first, last = math.floor(low / step) - 1, math.ceil(high / step) + 1
            lines.append((first, tuple(grid_line(n, step) for n in range(first, last + 1))))
        return lines[0], lines[1]

    @cached_property
    def _zone_table(self) -> dict[tuple[int, int], str] | None:
        """The zone of each grid point (row, column) that falls in one, as `zone_at` finds it
        for the point; None when the zones' boxes hold more than `MAX_TABLE_POINTS`. Made
        the first time it is needed (`warm` makes it ahead)."""
        lat_step, lon_step = self._steps
        spans = []
        for zone in self.zones:
            west, south, east, north = zone.box
            rows = range(math.floor(south / lat_step) - 1, math.ceil(north / lat_step) + 2)
            columns = range(math.floor(west / lon_step) - 1, math.ceil(east / lon_step) + 2)
            spans.append((zone, rows, columns))
        if sum(len(rows) * len(columns) for _, rows, columns in spans) > MAX_TABLE_POINTS:
            return None
        table: dict[tuple[int, int], str] = {}
        for zone, rows, columns in spans:
            # The grid points as `placed` makes them, and zone_at's box test and shapely's.
            lats = np.array([grid_line(row, lat_step) for row in rows])
            lons = np.array([grid_line(column, lon_step) for column in columns])
            lat_grid, lon_grid = np.meshgrid(lats, lons, indexing="ij")
            west, south, east, north = zone.box
            inside = (west <= lon_grid) & (lon_grid <= east)
            inside &= (south <= lat_grid) & (lat_grid <= north)
            inside &= shapely.intersects_xy(zone.shape, lon_grid, lat_grid)
            for row, column in zip(*np.nonzero(inside), strict=True):
                table.setdefault((rows[row], columns[column]), zone.id)  # the first zone's
        return table

    def warm(self) -> None:
        """Make the grid's lines and the zones' table now (a server does, off its event
        loop)."""
        _ = self._grid_lines, self._zone_table
