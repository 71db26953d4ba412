"""The campaign's zones from a GeoJSON file of the municipality's GIS, read in the editor and
shown on its map before anything is saved (`survey.area_map_geojson` reads and checks the
file); the map the editor draws of them."""

from __future__ import annotations

import json
import math
from typing import Any

from aiohttp import web

from kiosk.i18n import gettext, ngettext
from kiosk.staff.campaigns.problems import FieldProblem, says
from survey.area_map_geojson import GeoJSONProblem, zones_from_geojson

FIELD = "zones_file"


def _message(problem: GeoJSONProblem) -> str:
    """What is wrong with the file, in the staff member's language."""
    messages = {
        "geojson.no_file": gettext("Välj en GeoJSON-fil först."),
        "geojson.too_large": gettext("Filen är för stor (högst %(mb)s MB)."),
        "geojson.not_json": gettext("Filen är inte JSON. Välj en GeoJSON-fil."),
        "geojson.not_collection": gettext("Filen är inte en GeoJSON FeatureCollection."),
        "geojson.empty": gettext("Filen har inga zoner."),
        "geojson.too_many": gettext("Filen har fler än %(max)s zoner."),
        "geojson.not_feature": gettext("Del %(n)s i filen är inte en Feature."),
        "geojson.not_polygon": gettext("Zon %(n)s är inte en polygon utan %(type)s."),
        "geojson.parts": gettext(
            "Zon %(n)s är en MultiPolygon med %(parts)s delar: dela upp den i en zon per del."
        ),
        "geojson.holes": gettext("Zon %(n)s har hål: en zon är en enda yta utan hål."),
        "geojson.ring": gettext("Zon %(n)s saknar koordinater."),
        "geojson.name_missing": gettext(
            "Zon %(n)s saknar namn (egenskapen name, name_sv eller name:sv)."
        ),
        "geojson.id": gettext("Zon %(n)s (%(name)s) får inget id: ge den egenskapen id."),
        "geojson.id_twice": gettext("Zon %(n)s har samma id (%(id)s) som zon %(first)s."),
    }
    if problem.code == "geojson.zone" and problem.detail is not None:
        where = gettext("Zon %(n)s (%(name)s):") % problem.params
        return f"{where} {says(problem.detail.problem)}"
    return messages[problem.code] % problem.params


async def import_zones(
    form, document: dict[str, Any]
) -> tuple[dict[str, Any], list[FieldProblem], str | None]:
    """The document with the file's zones on its map (not saved), the problems, and what
    to tell the staff member when it went well."""
    upload = form.get(FIELD)
    data = upload.file.read() if isinstance(upload, web.FileField) else b""
    try:
        if not data:
            raise GeoJSONProblem("geojson.no_file")
        new_map = zones_from_geojson(data, list(document.get("languages", [])), document.get("map"))
    except GeoJSONProblem as problem:
        return document, [FieldProblem(FIELD, _message(problem))], None
    count = len(new_map["zones"])
    told = ngettext(
        "%(num)d zon är inläst. Se den på kartan och tryck Spara för att behålla den.",
        "%(num)d zoner är inlästa. Se dem på kartan och tryck Spara för att behålla dem.",
        count,
    ) % {"num": count}
    return document | {"map": new_map}, [], told


def _pairs(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list)
        and len(p) == 2
        and all(type(v) in (int, float) and math.isfinite(v) for v in p)
        for p in value
    )


def zones_map_json(document: dict[str, Any]) -> str | None:
    """The map of the document's zones as the editor's script draws it (names in the first
    language), or None when there is no map to draw."""
    area_map = document.get("map")
    if not isinstance(area_map, dict) or not _pairs(area_map.get("bounds")):
        return None
    languages = document.get("languages") or [""]
    zones = [
        {
            "id": str(zone.get("id", "")),
            "name": str((zone.get("name") or {}).get(languages[0], zone.get("id", ""))),
            "polygon": zone["polygon"],
        }
        for zone in area_map.get("zones", [])
        if isinstance(zone, dict) and _pairs(zone.get("polygon")) and len(zone["polygon"]) >= 4
    ]
    # The zones on a plain background: the staff pages load nothing from other sites.
    shown = {"bounds": area_map["bounds"], "tiles": None, "zones": zones}
    return json.dumps(shown, ensure_ascii=False)
