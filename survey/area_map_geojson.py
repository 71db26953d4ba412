"""A municipality's zones from its GIS: a GeoJSON FeatureCollection of named polygons read
into the zones of a campaign's `[map]`.

Each Feature is one zone. Its names come from its properties, per language: `name_sv`,
`name:sv` or `name-sv`, else `name`, else the name in another of the campaign's languages (a
place's name is mostly the same in every language);
its id from an `id` property or the Feature's `id`, else from its name made into an id
("Västra Hagen" becomes `vastra-hagen`). A Polygon is its outer ring; a MultiPolygon of one
part is that part. A zone is one ring in a campaign file, so a MultiPolygon of several
parts, or a polygon with holes, is refused rather than quietly changed: the GIS can split
it into zones of their own. Every zone is then checked as a campaign file's zone is
(`survey.area_map_loader.read_zone`): a closed ring of at least four positions on Earth,
not crossing itself, inside the map's bounds when the campaign has a map.

Without a map yet, the zones make one: the box around them, with a margin.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from survey.area_map_loader import read_zone
from survey.loader import CampaignError, part_reader

MAX_ZONES = 200
MAX_BYTES = 5 * 1024 * 1024
MARGIN = 0.1  # of the zones' extent, around them, when they make the map's bounds
POLYGON_TYPES = ("Polygon", "MultiPolygon")


class GeoJSONProblem(ValueError):
    """What is wrong with a GeoJSON file, as a code (`geojson.*`) and its values; `detail`
    is the campaign loader's own words for a zone's ring."""

    def __init__(self, code: str, params=None, detail: CampaignError | None = None):
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        self.detail = detail


def _id_of(text: str) -> str:
    """A name made into an id: ASCII letters and digits, lower case, joined by "-"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-")


def _names(properties: dict[str, Any], languages: list[str]) -> dict[str, str]:
    """The zone's name in each language, from `name_xx`, `name:xx` or `name-xx`, else `name`."""
    general = properties.get("name")
    names = {}
    for lang in languages:
        given = next(
            (
                properties[key]
                for key in (f"name_{lang}", f"name:{lang}", f"name-{lang}")
                if key in properties
            ),
            general,
        )
        if isinstance(given, str) and given.strip():
            names[lang] = " ".join(given.split())
    # A language without a name of its own takes the first one's: most places keep theirs.
    first = next((names[lang] for lang in languages if lang in names), None)
    return {lang: names.get(lang, first) for lang in languages} if first else {}


def _ring(geometry: Any, number: int) -> list:
    """The one outer ring of a Polygon, or of a MultiPolygon of one part."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in POLYGON_TYPES:
        raise GeoJSONProblem("geojson.not_polygon", {"n": number, "type": str(kind)[:40]})
    rings = geometry.get("coordinates")
    if kind == "MultiPolygon":
        if not isinstance(rings, list) or len(rings) != 1:
            parts = len(rings) if isinstance(rings, list) else 0
            raise GeoJSONProblem("geojson.parts", {"n": number, "parts": parts})
        rings = rings[0]
    if not isinstance(rings, list) or not rings:
        raise GeoJSONProblem("geojson.ring", {"n": number})
    if len(rings) > 1:
        raise GeoJSONProblem("geojson.holes", {"n": number})
    return rings[0]


def _zone_table(feature: Any, number: int, languages: list[str]) -> dict[str, Any]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise GeoJSONProblem("geojson.not_feature", {"n": number})
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        properties = {}
    ring = _ring(feature.get("geometry"), number)
    names = _names(properties, languages)
    if not names:
        raise GeoJSONProblem("geojson.name_missing", {"n": number})
    given_id = properties.get("id", feature.get("id"))
    zone_id = str(given_id).strip().lower() if given_id not in (None, "") else ""
    zone_id = zone_id if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", zone_id) else ""
    zone_id = zone_id or _id_of(names[languages[0]])
    if not zone_id:
        raise GeoJSONProblem("geojson.id", {"n": number, "name": names[languages[0]][:60]})
    # Positions beyond [longitude, latitude] (an altitude) say nothing about the zone.
    positions = [p[:2] if isinstance(p, list) else p for p in ring]
    return {"id": zone_id, "name": names, "polygon": positions}


def _bounds_around(tables: list[dict[str, Any]]) -> list[list[float]]:
    """[[south, west], [north, east]] around every zone, with a margin, on Earth."""
    lons = [p[0] for t in tables for p in t["polygon"]]
    lats = [p[1] for t in tables for p in t["polygon"]]
    d_lat = max((max(lats) - min(lats)) * MARGIN, 0.005)
    d_lon = max((max(lons) - min(lons)) * MARGIN, 0.005)
    return [
        [round(max(min(lats) - d_lat, -90.0), 6), round(max(min(lons) - d_lon, -180.0), 6)],
        [round(min(max(lats) + d_lat, 90.0), 6), round(min(max(lons) + d_lon, 180.0), 6)],
    ]


def _numbers(tables: list[dict[str, Any]]) -> bool:
    return all(
        isinstance(p, list)
        and len(p) == 2
        and all(type(v) in (int, float) and math.isfinite(v) for v in p)
        for t in tables
        for p in t["polygon"]
    )


def zones_from_geojson(
    data: bytes, languages: list[str], area_map: dict[str, Any] | None
) -> dict[str, Any]:
    """The campaign file's `[map]` with the zones of the GeoJSON `data`: the `area_map`
    given (its bounds, grid and tiles kept, its zones replaced), or a new one around them."""
    if len(data) > MAX_BYTES:
        raise GeoJSONProblem("geojson.too_large", {"mb": MAX_BYTES // (1024 * 1024)})
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise GeoJSONProblem("geojson.not_json") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise GeoJSONProblem("geojson.not_collection")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise GeoJSONProblem("geojson.empty")
    if len(features) > MAX_ZONES:
        raise GeoJSONProblem("geojson.too_many", {"max": MAX_ZONES})
    tables = [_zone_table(f, n, languages) for n, f in enumerate(features, start=1)]
    new_map = dict(area_map) if isinstance(area_map, dict) else {}
    if "bounds" not in new_map and _numbers(tables):
        new_map["bounds"] = _bounds_around(tables)
    new_map["zones"] = tables
    _check(new_map, tables, languages)
    return new_map


def _check(new_map: dict[str, Any], tables: list[dict[str, Any]], languages: list[str]) -> None:
    """Each zone as a campaign file's zone is checked, inside the map's bounds; ids once."""
    reader = part_reader("geojson", {"map": new_map}, languages)
    box = None
    try:
        (south, west), (north, east) = new_map["bounds"]
        box = (float(south), float(west), float(north), float(east))
    except (TypeError, ValueError, KeyError):
        box = None
    seen: dict[str, int] = {}
    for number, table in enumerate(tables, start=1):
        try:
            read_zone(reader, table, f"zone {number}", box)
        except CampaignError as error:
            params = {"n": number, "name": table["name"][languages[0]][:60]}
            raise GeoJSONProblem("geojson.zone", params, error) from None
        if table["id"] in seen:
            params = {"n": number, "id": table["id"], "first": seen[table["id"]]}
            raise GeoJSONProblem("geojson.id_twice", params)
        seen[table["id"]] = number
