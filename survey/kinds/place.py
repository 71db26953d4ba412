"""`place`: where, on the campaign's map: up to `max` places, each a point or a zone.

An answer is a list of places, each `{"lat", "lon"}` (a point, WGS84) or `{"zone"}` (a named
part of the map), with an optional `option` (why: one of the question's options) and `note`
(a short comment, at most 280 characters); a zone may also be given by its id alone, as the
list of zones (the map's text alternative) sends it. Stored, a point is rounded to the map's
grid and carries the zone it falls in (or none): a point near someone's home says who they
are.
"""

from __future__ import annotations

from math import isfinite
from typing import Any

from survey.campaign import Campaign, Question
from survey.kinds.base import Kind, Value
from survey.problem import Problem
from survey.text_cleaning import clean_comment

NOTE_MAX = 280
PLACE_KEYS = frozenset({"lat", "lon", "zone", "option", "note"})


NUMBERS = (int, float)  # as JSON decodes them: not a bool


class Place(Kind):
    """Up to `max` places on the campaign's map."""

    name = "place"
    keys = frozenset({"max"})
    needs_options = False  # why a place was marked is optional

    def read(self, reader: Any, table: dict[str, Any], path: str, options: list) -> dict:
        if "map" not in reader.data:
            raise reader.fail(path, "a place question needs the campaign's [map]")
        most = table.get("max", 1)
        if isinstance(most, bool) or not isinstance(most, int):
            raise reader.fail(f"{path}.max", "must be a whole number")
        if not 1 <= most <= 20:
            raise reader.fail(f"{path}.max", "must be between 1 and 20")
        return {"min": 1, "max": most}

    def problems(self, campaign: Campaign, question: Question, value: Any) -> list[Problem]:
        field = f"answers.{question.id}"
        params = {"question": question.id, "max": question.max}
        if type(value) is not list:
            return [Problem("answer.type", field, params)]
        if len(value) > question.max:
            return [Problem("place.too_many", field, {**params, "given": len(value)})]
        if not value:
            return [Problem("place.none", field, params)]
        for place in value:
            problem = self._place_problem(campaign, question, place)
            if problem is not None:
                return [Problem(problem[0], field, {**params, **problem[1]})]
        return []

    def _place_problem(self, campaign: Campaign, question: Question, place: Any):
        """(code, params) for what is wrong with one place, or None."""
        if type(place) is str:  # a zone by its id alone, as a list of zones sends it
            place = {"zone": place}
        if type(place) is not dict or not place.keys() <= PLACE_KEYS:
            return "answer.type", {}
        area_map = campaign.map
        has_point = "lat" in place or "lon" in place
        if has_point and "zone" in place:
            return "answer.type", {}
        if has_point:
            lat, lon = place.get("lat"), place.get("lon")
            numbers = type(lat) in NUMBERS and type(lon) in NUMBERS
            if not (numbers and isfinite(lat) and isfinite(lon)):
                return "place.not_a_point", {}
            if area_map is None or not area_map.contains(lat, lon):
                return "place.outside", {}
        elif "zone" in place:
            zone = place["zone"]
            if type(zone) is not str or area_map is None or area_map.zone(zone) is None:
                return "place.zone_unknown", {"zone": str(zone)[:40]}
        else:
            return "place.missing", {}
        option = place.get("option")
        if option is not None and (type(option) is not str or question.option(option) is None):
            return "option.unknown", {"option": str(option)[:40]}
        note = place.get("note")
        if note is not None and (type(note) is not str or len(note) > NOTE_MAX):
            return "place.note_too_long", {"max": NOTE_MAX}
        return None

    def normalised(self, campaign: Campaign, question: Question, value: Any) -> Any:
        """Each point rounded to the map's grid, with the zone it falls in; notes cleaned."""
        area_map = campaign.map
        stored = []
        for given in value:
            place = {"zone": given} if isinstance(given, str) else given
            kept: dict[str, Any] = {}
            if "zone" in place:
                kept["zone"] = place["zone"]
            elif area_map is not None:
                lat, lon, zone = area_map.placed(place["lat"], place["lon"])
                kept.update(lat=lat, lon=lon, zone=zone)
            if place.get("option") is not None:
                kept["option"] = place["option"]
            note = clean_comment(place.get("note"))
            if note is not None:
                kept["note"] = note
            stored.append(kept)
        return stored

    def picked(self, value: Value) -> tuple[str, ...]:
        """The zones the places fall in (a point outside every zone counts as none)."""
        return tuple(place["zone"] for place in value if place.get("zone"))

    def columns(self, question: Question) -> tuple[str, ...]:
        return tuple(
            f"{question.id}.{n}.{part}"
            for n in range(1, question.max + 1)
            for part in ("lat", "lon", "zone", "option", "note")
        )

    def cells(self, question: Question, value: Value | None) -> tuple[Any, ...]:
        places = list(value or ())[: question.max]
        cells: list[Any] = []
        for n in range(question.max):
            place = places[n] if n < len(places) else {}
            cells += [place.get(part) for part in ("lat", "lon", "zone", "option", "note")]
        return tuple(cells)

    def document(self, question: Question) -> dict[str, Any]:
        return {"max": question.max}

    def describe(self, question: Question) -> dict[str, Any]:
        return {"max": question.max, "note_max": NOTE_MAX}

    def choices(self, campaign: Campaign, question: Question) -> list[tuple[str, Any]]:
        """What a list of the question offers: the zones of the map (its text alternative)."""
        area_map = campaign.map
        return [(zone.id, zone.name) for zone in area_map.zones] if area_map else []


PLACE = Place()


def zones_marked(campaign: Campaign, answers: dict[str, Any]) -> tuple[str, ...]:
    """The zones of the map where an answer marked places, each once (a point outside every
    zone names none): what a subscription made from that answer hears about, with its areas.
    Works on an answer as given and as stored."""
    found: list[str] = []
    for question in campaign.questions:
        value = answers.get(question.id)
        if question.kind == PLACE.name and isinstance(value, list):
            found += PLACE.picked(PLACE.normalised(campaign, question, value))
    return tuple(dict.fromkeys(found))
