"""The JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of what the public API sends and takes.

Every list of allowed values comes from the code that decides it (the channels the answer
API takes, the outcomes of a submit, the steps of the walk, the statuses of an activity,
the error codes of the error middleware), so the description cannot drift from them.
"""

from __future__ import annotations

from typing import Any

from kiosk.answering.answer_request import PUBLIC_CHANNELS, SOURCE_PATTERN
from locales import LANGUAGES
from storage.submit import STORED
from survey import walk
from survey.campaign import SECTIONS
from survey.kinds import KINDS
from survey.promises.promise import STATUSES as ACTIVITY_STATUSES
from survey.promises.walks import CATEGORIES as WALK_CATEGORIES
from survey.promises.walks import STATUSES as WALK_STATUSES

Schema = dict[str, Any]

STEP_TYPES = tuple(
    name.removesuffix("Step").lower()
    for name in dir(walk)
    if name.endswith("Step") and name != "Step" and isinstance(getattr(walk, name), type)
)
CAMPAIGN_STATUSES = ("upcoming", "open", "closed")


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict[str, Schema], required: list[str] | None = None) -> Schema:
    """An object with these properties, all required unless `required` says which."""
    return {
        "type": "object",
        "required": list(properties) if required is None else required,
        "properties": properties,
    }


STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer", "minimum": 0}
DAY: Schema = {"type": "string", "format": "date"}
INSTANT: Schema = {"type": "string", "format": "date-time"}
STRINGS: Schema = {"type": "array", "items": STRING}


def feature_collection(geometry: str) -> Schema:
    """A GeoJSON FeatureCollection (RFC 7946) whose features all have one kind of geometry."""
    feature = obj(
        {
            "type": {"const": "Feature"},
            "geometry": obj({"type": {"const": geometry}, "coordinates": {"type": "array"}}),
            "properties": {"type": "object"},
        },
        ["type", "geometry", "properties"],
    )
    return obj(
        {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": feature}}
    )


def component_schemas() -> dict[str, Schema]:
    """Every named schema of the document."""
    text = {
        "type": "object",
        "description": "A text in each language it has: language code to text. A key "
        "`{lang}-easy` (`sv-easy`) holds its easy-to-read version (Lättläst) in that language.",
        "additionalProperties": STRING,
    }
    tally_row = obj(
        {
            "area": STRING,
            "label": ref("Text"),
            "votes": INTEGER,
            "share": {"type": "number", "minimum": 0},
            "rank": {"type": "integer", "minimum": 1},
        }
    )
    step = obj(
        {
            "id": STRING,
            "type": {"enum": list(STEP_TYPES)},
            "required": {"type": "boolean"},
            "returns_to": nullable(STRING),
            "pick": {"type": "integer", "minimum": 1},
            "max_length": {"type": "integer", "minimum": 1},
            "question": STRING,
            "kind": {"enum": list(KINDS)},
            "section": {"enum": list(SECTIONS)},
            "options": STRINGS,
            "prefer_not_to_say": nullable(STRING),
            "min": INTEGER,
            "max": INTEGER,
            "scored": STRINGS,
            "note_max": INTEGER,
        },
        ["id", "type", "required", "returns_to"],
    )
    question = obj(
        {
            "id": STRING,
            "kind": {"enum": list(KINDS)},
            "section": {"enum": list(SECTIONS)},
            "required": {"type": "boolean"},
            "public": {"type": "boolean"},
            "text": ref("Text"),
            "options": {
                "type": "array",
                "items": obj(
                    {"id": STRING, "label": ref("Text"), "scored": {"type": "boolean"}},
                    ["id", "label"],
                ),
            },
            "min": INTEGER,
            "max": INTEGER,
            "scored": STRINGS,
            "note_max": INTEGER,
        },
        ["id", "kind", "section", "required", "public", "text", "options"],
    )
    position = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    area_map = obj(
        {
            "bounds": {
                "type": "array",
                "description": "[[south, west], [north, east]], latitude first",
                "items": position,
                "minItems": 2,
                "maxItems": 2,
            },
            "precision_m": {"type": "integer", "minimum": 1},
            "tiles": nullable(STRING),
            "attribution": nullable(STRING),
            "zones": {
                "type": "array",
                "items": obj(
                    {
                        "id": STRING,
                        "name": ref("Text"),
                        "polygon": {
                            "type": "array",
                            "description": "A closed ring of [longitude, latitude]",
                            "items": position,
                        },
                    }
                ),
            },
        }
    )
    place = {
        "type": "object",
        "description": "A point (lat, lon: WGS84) or a zone of the campaign's map, with why",
        "properties": {
            "lat": {"type": "number"},
            "lon": {"type": "number"},
            "zone": STRING,
            "option": STRING,
            "note": {"type": "string", "maxLength": 280},
        },
        "additionalProperties": False,
    }
    counted = obj(
        {
            "id": STRING,
            "kind": {"enum": list(KINDS)},
            "answered": nullable(INTEGER),
            "counts": {
                "type": "array",
                "items": obj({"option": STRING, "label": ref("Text"), "count": nullable(INTEGER)}),
            },
            "mean": nullable({"type": "number"}),
        }
    )
    return {
        "Text": text,
        "Error": obj(
            {
                "error": {"type": "string", "description": "A stable code, e.g. campaign.unknown"},
                "message": {"type": "string", "description": "In the request's language"},
                "field": nullable(STRING),
                "problems": {"type": "array", "items": ref("Problem")},
            },
            ["error", "message"],
        ),
        "Problem": obj(
            {"code": STRING, "field": STRING, "params": {"type": "object"}, "message": STRING}
        ),
        "Campaign": obj(
            {
                "id": STRING,
                "title": ref("Text"),
                "intro": ref("Text"),
                "next_steps": ref("Text"),
                "organisers": STRINGS,
                "organiser_names": {"type": "array", "items": ref("Text")},
                "pick": {"type": "integer", "minimum": 1},
                "opens": DAY,
                "closes": nullable(DAY),
                "status": {"enum": list(CAMPAIGN_STATUSES)},
                "languages": STRINGS,
                "easy_languages": {
                    **STRINGS,
                    "description": "The languages in which texts have an easy-to-read version",
                },
                "areas": {"type": "array", "items": obj({"id": STRING, "label": ref("Text")})},
                "comment": obj({"required": {"type": "boolean"}, "max_length": INTEGER}),
                "questions": {"type": "array", "items": question},
                "steps": {"type": "array", "items": step},
                "map": nullable(ref("Map")),
            }
        ),
        "Answer": {
            **obj(
                {
                    "id": {
                        "type": "string",
                        "format": "uuid",
                        "description": "Made by the client; sending it again stores nothing twice",
                    },
                    "areas": {
                        "type": "array",
                        "items": STRING,
                        "description": "Exactly `pick` different area ids of the campaign",
                    },
                    "comment": nullable(STRING),
                    "locale": {
                        "enum": list(LANGUAGES),
                        "description": "One of the campaign's languages",
                    },
                    "channel": {"enum": list(PUBLIC_CHANNELS)},
                    "answers": nullable(
                        {
                            "type": "object",
                            "description": "Question id to its answer, by the question's kind: "
                            "an option id (choice, scale), a list of option ids (multi) or a "
                            "list of places (place); a skipped question is left out (null: "
                            "none answered)",
                            "additionalProperties": {
                                "anyOf": [
                                    STRING,
                                    STRINGS,
                                    {"type": "array", "items": ref("Place")},
                                ]
                            },
                        }
                    ),
                    "source": nullable({"type": "string", "pattern": SOURCE_PATTERN.pattern}),
                    "captured_at": nullable(INSTANT),
                    "started_at": nullable(INSTANT),
                    "easy_read": {
                        "type": "boolean",
                        "default": False,
                        "description": "Given in Lättläst (the easy-to-read texts); recorded "
                        "when the campaign has them in `locale`",
                    },
                },
                ["id", "areas", "locale", "channel"],
            ),
        },
        "Stored": obj(
            {
                "id": {"type": "string", "format": "uuid"},
                "status": {"enum": sorted(status.value for status in STORED)},
                "late": {"const": True},
            },
            ["id", "status"],
        ),
        "CommentCheck": obj({"comment": STRING, "locale": {"enum": list(LANGUAGES)}}, ["comment"]),
        "CommentWarnings": obj(
            {
                "warnings": {
                    "type": "array",
                    "items": {"enum": ["name", "personnummer", "phone", "email"]},
                },
                "message": nullable(STRING),
            }
        ),
        "TallyRow": tally_row,
        "Map": area_map,
        "WalkPoint": obj(
            {
                "id": {"type": "string", "format": "uuid"},
                "lat": {"type": "number"},
                "lon": {"type": "number"},
                "category": {"enum": list(WALK_CATEGORIES)},
                "note": nullable({"type": "string", "maxLength": 280}),
                "captured_at": nullable(INSTANT),
                # "Berätta när det är åtgärdat": told once, by e-mail, when staff decide.
                "contact": nullable(
                    obj(
                        {
                            "email": {"type": "string", "format": "email"},
                            "consent": {"const": True},
                            "locale": STRING,
                        },
                        ["email", "consent"],
                    )
                ),
            },
            ["id", "lat", "lon", "category"],
        ),
        "WalkPointStored": obj(
            {"id": STRING, "status": STRING, "warnings": STRINGS}, ["id", "status"]
        ),
        "Walk": obj(
            {
                "id": STRING,
                "title": STRING,
                "date": DAY,
                "promise": STRING,
                "activity": STRING,
                "points": {
                    "type": "array",
                    "items": obj(
                        {
                            "id": STRING,
                            "lat": {"type": "number"},
                            "lon": {"type": "number"},
                            "category": {"enum": list(WALK_CATEGORIES)},
                            "status": {"enum": list(WALK_STATUSES)},
                            "responsible": nullable(STRING),
                            "reason": nullable(STRING),
                            "note": nullable(STRING),
                            "photo": nullable(STRING),
                            "updated_at": nullable(STRING),
                        }
                    ),
                },
            }
        ),
        "PointsCollection": feature_collection("Point"),
        "PlacesCollection": feature_collection("Polygon"),
        "Place": place,
        "Results": obj(
            {
                "campaign": STRING,
                "published_at": INSTANT,
                "participants": INTEGER,
                "channels": {"type": "object", "additionalProperties": INTEGER},
                "venues": {
                    "type": "object",
                    "additionalProperties": {"type": "object", "additionalProperties": INTEGER},
                },
                "tally": {"type": "array", "items": ref("TallyRow")},
                "flagged": INTEGER,
                "tally_unflagged": {"type": "array", "items": ref("TallyRow")},
                "themes": {"type": "array", "items": obj({"theme": STRING, "count": INTEGER})},
                "summary": ref("Text"),
                "comments": {
                    "type": "array",
                    "items": obj({"text": STRING, "areas": STRINGS, "themes": STRINGS}),
                },
                "representativeness": {"type": "object"},
                "questions": {
                    "type": "array",
                    "description": "The public questions: counts per option (null: fewer "
                    "than five), and a scale's mean",
                    "items": counted,
                },
            },
            [
                "campaign",
                "published_at",
                "participants",
                "channels",
                "tally",
                "flagged",
                "tally_unflagged",
                "themes",
                "summary",
                "comments",
            ],
        ),
        "Promise": promise_schema(),
        "Health": {
            **obj({"status": {"enum": ["ok", "failing"]}}),
            "additionalProperties": STRING,
        },
    }


def promise_schema() -> Schema:
    update = obj({"date": DAY, "status": {"enum": list(ACTIVITY_STATUSES)}, "text": ref("Text")})
    activity = obj(
        {
            "id": STRING,
            "text": ref("Text"),
            "responsible": STRINGS,
            "roles": {"type": "object", "additionalProperties": ref("Text")},
            "areas": STRINGS,
            "zones": STRINGS,
            "status": {"enum": list(ACTIVITY_STATUSES)},
            "starts": nullable(DAY),
            "ends": nullable(DAY),
            "updates": {"type": "array", "items": update},
        },
        ["id", "text", "responsible", "areas", "zones", "status", "updates"],
    )
    followup = obj(
        {
            "planned": DAY,
            "channels": ref("Text"),
            "published_at": nullable(STRING),
            "text": nullable(ref("Text")),
            "done": {"type": "object", "additionalProperties": ref("Text")},
        },
        ["planned", "channels", "published_at", "text"],
    )
    return obj(
        {
            "id": STRING,
            "title": ref("Text"),
            "languages": STRINGS,
            "parties": {"type": "array", "items": obj({"id": STRING, "name": ref("Text")})},
            "valid_from": DAY,
            "valid_until": nullable(DAY),
            "until_replaced": {"type": "boolean"},
            "replaces": STRINGS,
            "published": nullable(DAY),
            "campaigns": STRINGS,
            "situation": nullable(ref("Text")),
            "focus": {
                "type": "array",
                "items": obj(
                    {
                        "campaign": STRING,
                        "area": STRING,
                        "rank": INTEGER,
                        "votes": nullable(INTEGER),
                    }
                ),
            },
            "goals": {"type": "array", "items": ref("Text")},
            "activities": {"type": "array", "items": activity},
            "followup": nullable(followup),
        },
        [
            "id",
            "title",
            "parties",
            "valid_from",
            "valid_until",
            "until_replaced",
            "campaigns",
            "focus",
            "goals",
            "activities",
            "followup",
        ],
    )
