"""Reading a campaign file's `[map]`: bounds, grid, tiles and zones, each checked by name."""

from __future__ import annotations

import math
from typing import Any

from survey.area_map import DEFAULT_PRECISION_M, AreaMap, Zone

MAP_KEYS = {"bounds", "precision_m", "tiles", "attribution", "zones"}
ZONE_KEYS = {"id", "name", "polygon"}
MAX_PRECISION_M = 1_000
MAX_RING = 10_000  # positions in one zone's ring


def _number(reader: Any, value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise reader.fail(path, "must be a finite number")
    return float(value)


def _position(reader: Any, value: Any, path: str, order: str) -> tuple[float, float]:
    """A pair of numbers in the order `order` names ("latitude, longitude" or the other)."""
    if not isinstance(value, list) or len(value) != 2:
        raise reader.fail(path, f"must be a pair [{order}]")
    first, second = (_number(reader, v, f"{path}[{i}]") for i, v in enumerate(value))
    lat, lon = (first, second) if order.startswith("latitude") else (second, first)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise reader.fail(path, f"is not a point on Earth [{order}]")
    return first, second


def read_map(reader: Any) -> AreaMap | None:
    """The campaign's map, or None when it has none."""
    raw = reader.data.get("map")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise reader.fail("map", "must be a table")
    reader.unknown_keys(raw, MAP_KEYS, "map")
    corners = reader.require(raw, "bounds", "map.bounds", list)
    if len(corners) != 2:
        raise reader.fail("map.bounds", "must be two corners: [[south, west], [north, east]]")
    order = "latitude, longitude"
    (south, west), (north, east) = (
        _position(reader, c, f"map.bounds[{i}]", order) for i, c in enumerate(corners)
    )
    if not (south < north and west < east):
        raise reader.fail("map.bounds", "the south-west corner comes first, then the north-east")
    precision = raw.get("precision_m", DEFAULT_PRECISION_M)
    if isinstance(precision, bool) or not isinstance(precision, int):
        raise reader.fail("map.precision_m", "must be a whole number of metres")
    if not 1 <= precision <= MAX_PRECISION_M:
        raise reader.fail("map.precision_m", f"must be between 1 and {MAX_PRECISION_M}")
    tiles = raw.get("tiles")
    if tiles is not None and not (
        isinstance(tiles, str) and all(part in tiles for part in ("{z}", "{x}", "{y}"))
    ):
        raise reader.fail("map.tiles", "must be a URL template with {z}, {x} and {y}")
    attribution = raw.get("attribution")
    if attribution is not None and not isinstance(attribution, str):
        raise reader.fail("map.attribution", "must be a string")
    box = (south, west, north, east)
    zones = tuple(
        read_zone(reader, zone, f"map.zones[{i}]", box)
        for i, zone in enumerate(raw.get("zones", []))
    )
    reader.unique(list(zones), "map.zones")
    return AreaMap(south, west, north, east, precision, tiles, attribution, zones)


def read_zone(
    reader: Any, raw: Any, path: str, box: tuple[float, float, float, float] | None = None
) -> Zone:
    """One zone: its id, names and ring, checked; inside `box` (south, west, north, east),
    the map's bounds, when given. A file's zone and one read from GeoJSON pass here alike."""
    if not isinstance(raw, dict):
        raise reader.fail(path, "must be a table")
    reader.unknown_keys(raw, ZONE_KEYS, path)
    zone_id = reader.ident(reader.require(raw, "id", f"{path}.id", str), f"{path}.id")
    ring = reader.require(raw, "polygon", f"{path}.polygon", list)
    if not 4 <= len(ring) <= MAX_RING:
        raise reader.fail(f"{path}.polygon", "a ring needs at least four positions")
    order = "longitude, latitude"
    positions = tuple(
        _position(reader, p, f"{path}.polygon[{i}]", order) for i, p in enumerate(ring)
    )
    if positions[0] != positions[-1]:
        raise reader.fail(
            f"{path}.polygon", "a ring must be closed: its last position is its first"
        )
    if box is not None:
        south, west, north, east = box
        for i, (lon, lat) in enumerate(positions):
            if not (south <= lat <= north and west <= lon <= east):
                raise reader.fail(f"{path}.polygon[{i}]", "lies outside the map's bounds")
    zone = Zone(zone_id, reader.text(raw, "name", f"{path}.name"), positions)
    if not zone.shape.is_valid:
        raise reader.fail(f"{path}.polygon", "a ring must not cross itself")
    return zone
