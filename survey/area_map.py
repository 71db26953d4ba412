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

import shapely

Text = Mapping[str, str]

METRES_PER_DEGREE = 111_320.0  # of latitude, and of longitude at the equator
DEFAULT_PRECISION_M = 50


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
        lat_step, lon_step = self._steps
        return (
            round(round(lat / lat_step) * lat_step, 6),
            round(round(lon / lon_step) * lon_step, 6),
        )

    def zone_at(self, lat: float, lon: float) -> str | None:
        """The first zone the point falls in (on its edge counts as in), or None. Each zone's
        box is looked at first: one call into shapely costs more than the whole box test."""
        for zone in self.zones:
            west, south, east, north = zone.box
            in_box = west <= lon <= east and south <= lat <= north
            if in_box and shapely.intersects_xy(zone.shape, lon, lat):
                return zone.id
        return None
