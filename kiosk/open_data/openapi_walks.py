"""The safety walks in the OpenAPI document: participants' points and photos (with the walk's
key), and the published walk and its places."""

from __future__ import annotations

from kiosk.open_data.openapi_parts import (
    ETAG,
    IMAGES,
    N_,
    READ,
    WRITE,
    json_body,
    response,
    responses,
)
from kiosk.open_data.schemas import ref

# What a status means for a walk's participant, where it differs from the answers API.
WALK_TEXTS = {
    "403": N_("Vandringens nyckel saknas eller gäller inte längre"),
    "409": N_("En annan punkt, eller ett annat foto, med samma id finns redan"),
    "410": N_("Vandringen är avslutad och tar inte emot fler"),
    "415": N_("Inte en bild i JPEG eller PNG"),
}


def walk_responses(statuses: tuple[str, ...], ok: dict, ok_status: str = "200") -> dict:
    found = responses(statuses, ok, ok_status)
    for status, text in WALK_TEXTS.items():
        if status in found:
            found[status] = {**found[status], "description": text}
    return found


def walk_operations() -> dict[str, dict[str, dict]]:
    """The safety walks: participants' points and photos (with the walk's key), and the
    published walk."""
    walk = {
        "name": "walk",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "description": N_("Trygghetsvandringens id"),
    }
    point = {
        "name": "point",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "format": "uuid"},
        "description": N_("Punktens id, som deltagarens telefon gav den"),
    }
    key = {
        "name": "X-Walk-Key",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": N_("Deltagarnas nyckel, från länken till vandringen"),
    }
    image = {media: {"schema": {"type": "string", "format": "binary"}} for media in IMAGES}
    writes = ("403", "409", "410", "413", "429", *WRITE)
    return {
        "/api/v1/walks/{walk}": {
            "get": {
                "operationId": "getWalk",
                "tags": ["open data"],
                "summary": N_("En publicerad trygghetsvandring"),
                "description": N_(
                    "Platserna som markerades, med kategori, status, ansvarig och skäl; "
                    "anteckningar och foton först när personalen har godkänt dem. 404 tills "
                    "vandringen är publicerad."
                ),
                "parameters": [walk],
                "responses": walk_responses(READ, response("200", json_body(ref("Walk")), ETAG)),
            }
        },
        "/api/v1/walks/{walk}/points.geojson": {
            "get": {
                "operationId": "getWalkPoints",
                "tags": ["open data"],
                "summary": N_("En publicerad trygghetsvandrings platser, som GeoJSON"),
                "parameters": [walk],
                "responses": walk_responses(
                    READ,
                    response(
                        "200",
                        {"application/geo+json": {"schema": ref("PointsCollection")}},
                        ETAG,
                    ),
                ),
            }
        },
        "/api/v1/walks/{walk}/points": {
            "post": {
                "operationId": "postWalkPoint",
                "tags": ["walks"],
                "summary": N_("Spara en plats som markerades under vandringen"),
                "description": N_(
                    "Sparas en gång per id: samma punkt igen ger 200, annat innehåll under "
                    "samma id 409. Med `contact` (en e-postadress och `consent: true`) får "
                    "deltagaren ett enda meddelande när platsen åtgärdas eller inte ska "
                    "åtgärdas; adressen sparas krypterad och raderas sedan. En ogiltig adress, "
                    "eller en adress utan samtycke, ger 422."
                ),
                "parameters": [walk, key],
                "requestBody": {"required": True, "content": json_body(ref("WalkPoint"))},
                "responses": {
                    "201": response("201", json_body(ref("WalkPointStored"))),
                    "200": response("200", json_body(ref("WalkPointStored"))),
                    **walk_responses(writes, {}),
                },
            }
        },
        "/api/v1/walks/{walk}/points/{point}/photo": {
            "post": {
                "operationId": "postWalkPhoto",
                "tags": ["walks"],
                "summary": N_("Ett foto av en markerad plats"),
                "description": N_(
                    "Bilden avkodas och sparas på nytt utan EXIF (ingen GPS-position), "
                    "upprätt och högst 2 048 bildpunkter på längden. Privat tills personalen "
                    "har godkänt den."
                ),
                "parameters": [walk, point, key],
                "requestBody": {"required": True, "content": image},
                "responses": {
                    "201": response("201", json_body(ref("WalkPointStored"))),
                    "200": response("200", json_body(ref("WalkPointStored"))),
                    **walk_responses(writes, {}),
                },
            },
            "get": {
                "operationId": "getWalkPhoto",
                "tags": ["walks"],
                "summary": N_("Fotot av en plats"),
                "description": N_(
                    "Med nyckeln, eller utan den när vandringen är publicerad och fotot godkänt."
                ),
                "parameters": [walk, point, {**key, "required": False}],
                "responses": walk_responses(("200", "403", "404", "503"), response("200", image)),
            },
        },
    }
