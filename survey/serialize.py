"""A campaign as plain JSON-ready data: what the API serves and what the store records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from survey.area_map import AreaMap
from survey.campaign import Campaign, Question
from survey.kinds import kind_of
from survey.walk import step_as_dict, steps


def campaign_as_dict(campaign: Campaign, now: datetime | None = None) -> dict[str, Any]:
    """The campaign as the channels need it (the shape of `GET /api/v1/campaigns/{id}`)."""
    return {
        "id": campaign.id,
        "title": dict(campaign.title),
        "intro": dict(campaign.intro),
        "next_steps": dict(campaign.next_steps),
        "organisers": list(campaign.organisers),
        "organiser_names": [dict(name) for name in campaign.organiser_names],
        "pick": campaign.pick,
        "opens": campaign.opens.isoformat(),
        "closes": campaign.closes.isoformat() if campaign.closes else None,
        "status": campaign.status(now),
        "languages": list(campaign.languages),
        # Lättläst: in these languages some texts also carry `{lang}-easy`, their easy version.
        "easy_languages": list(campaign.easy_languages),
        "areas": [{"id": a.id, "label": dict(a.label)} for a in campaign.areas],
        "comment": {
            "required": campaign.comment.required,
            "max_length": campaign.comment.max_length,
        },
        "questions": [question_as_dict(question) for question in campaign.questions],
        "steps": [step_as_dict(step) for step in steps(campaign)],
        "map": map_as_dict(campaign.map) if campaign.map else None,
    }


def question_as_dict(question: Question) -> dict[str, Any]:
    """A question with its kind and rules, as the API describes it."""
    return {
        "id": question.id,
        "kind": question.kind,
        "section": question.section,
        "required": question.required,
        "public": question.public,
        "text": dict(question.text),
        "options": [
            {"id": o.id, "label": dict(o.label), **({} if o.scored else {"scored": False})}
            for o in question.options
        ],
        **kind_of(question).describe(question),
    }


def map_as_dict(area_map: AreaMap) -> dict[str, Any]:
    """The campaign's map for the channels that draw it: bounds as `[[lat, lon], [lat, lon]]`
    (south-west, north-east), zones as GeoJSON rings of `[lon, lat]`."""
    return {
        "bounds": [list(corner) for corner in area_map.bounds],
        "precision_m": area_map.precision_m,
        "tiles": area_map.tiles,
        "attribution": area_map.attribution,
        "zones": [
            {"id": z.id, "name": dict(z.name), "polygon": [list(p) for p in z.polygon]}
            for z in area_map.zones
        ],
    }
