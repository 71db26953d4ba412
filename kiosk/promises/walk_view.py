"""A safety walk as the public sees it: JSON, GeoJSON and what the public page shows.

Notes and photos appear only once staff have approved them (a note with personal data
redacted all the same); a duplicate merged into another place is left out; the
participants' key never appears.
"""

from __future__ import annotations

from typing import Any

from survey.personal_data import redact
from survey.promises.promise import Promise
from survey.promises.walks import Walk, WalkPoint
from survey.promises.walks import category_labels as category_labels  # the pages' labels

# Shapes as well as words: a status never depends on colour alone.
WALK_STATUS_ICONS = {"new": "○", "planned": "◐", "fixed": "✓", "rejected": "✕"}


def walk_status_labels(gettext) -> dict[str, str]:
    _ = gettext
    return {
        "new": _("Ny"),
        "planned": _("Planerad åtgärd"),
        "fixed": _("Åtgärdad"),
        "rejected": _("Åtgärdas inte"),
    }


def photo_path(walk_id: str, point_id: str) -> str:
    return f"/api/v1/walks/{walk_id}/points/{point_id}/photo"


def public_points(points: list[WalkPoint]) -> list[WalkPoint]:
    return [p for p in points if p.merged_into is None]


def public_point(walk: Walk, point: WalkPoint) -> dict[str, Any]:
    return {
        "id": point.id,
        "lat": point.lat,
        "lon": point.lon,
        "category": point.category,
        "status": point.status,
        "responsible": point.responsible,
        "reason": point.reason,
        "note": redact(point.note) if point.note and point.note_approved else None,
        "photo": photo_path(walk.id, point.id) if point.photo and point.photo_approved else None,
        "updated_at": point.updated_at,
    }


def walk_as_dict(walk: Walk, points: list[WalkPoint]) -> dict[str, Any]:
    """`GET /api/v1/walks/{walk}`."""
    return {
        "id": walk.id,
        "title": walk.title,
        "date": walk.date.isoformat(),
        "promise": walk.promise,
        "activity": walk.activity,
        "points": [public_point(walk, p) for p in public_points(points)],
    }


def walk_geojson(walk: Walk, points: list[WalkPoint]) -> dict[str, Any]:
    """The walk's places as RFC 7946 GeoJSON: one Feature per place, `[lon, lat]`."""
    features = []
    for point in public_points(points):
        properties = public_point(walk, point)
        lat, lon = properties.pop("lat"), properties.pop("lon")
        features.append(
            {
                "type": "Feature",
                "id": point.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {**properties, "walk": walk.id},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def responsible_name(promise: Promise | None, responsible: str | None, lang: str) -> str:
    """A party of the promise by its name; another body as staff wrote it."""
    if not responsible:
        return ""
    party = promise.party(responsible) if promise else None
    return promise.text(party.name, lang) if party else responsible
