"""`GET /api/v1/openapi.json`: the public API written down (OpenAPI 3.1).

The operations below are every public route under /api/ and /healthz; a test compares
them with the app's router, so a route added without its description fails. Schemas come
from `kiosk.open_data.schemas`; the examples are made from the demo campaign and the demo
promise by the same code that serves them. Summaries and descriptions are in the
request's language (Swedish ids, translated like every other text).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from typing import Any

import campaigns as sample_campaigns
import promises as sample_promises
from kiosk.edge.errors import STATUS_CODES
from kiosk.i18n import gettext
from kiosk.open_data.schemas import component_schemas, ref
from storage.publication import Publication
from storage.published_results import PublicComment, ResultsData, results_json
from survey import load_campaigns
from survey.promises.loader import load_promise
from survey.promises.serialize import promise_as_dict
from survey.serialize import campaign_as_dict
from survey.tally import tally_from_counts

OPENAPI_PATH = "/api/v1/openapi.json"
VERSION = "1.0.0"
JSON = "application/json"


def N_(message: str) -> str:
    """Mark a text for translation; it is translated when the document is made."""
    return message


# Why each status is given; an operation lists the ones it can give.
STATUS_TEXTS = {
    "200": N_("Svaret"),
    "201": N_("Sparat"),
    "304": N_("Oförändrat sedan den version som If-None-Match nämner"),
    "400": N_("Begäran kunde inte läsas (t.ex. en kropp som bröts av)"),
    "403": N_("Kioskens nyckel saknas eller gäller inte längre"),
    "404": N_("Finns inte, eller är inte publicerat"),
    "408": N_("Kroppen tog för lång tid att skicka"),
    "409": N_("Ett annat svar med samma id finns redan"),
    "410": N_("Enkäten tog inte emot svar när svaret gavs"),
    "413": N_("Kroppen är för stor"),
    "415": N_("Kroppen är komprimerad"),
    "422": N_("Innehållet går inte att godta; `error` säger varför"),
    "429": N_("För många på kort tid; försök igen efter Retry-After"),
    "503": N_("Lagringen är inte tillgänglig just nu; försök igen efter Retry-After"),
}
READ = ("200", "304", "404", "503")
IMAGES = ("image/jpeg", "image/png")
# The campaign is served from memory: it never waits for the store.
FROM_MEMORY = ("200", "304", "404")
WRITE = ("400", "404", "408", "413", "415", "422", "503")


@cache
def _demo():
    """The demo campaign and promise as shipped: the examples are made from them."""
    campaign = load_campaigns(sample_campaigns.SAMPLE_DIR)["demo"]
    promise = load_promise(sample_promises.SAMPLE_DIR / "demo.toml")
    return campaign, promise


@cache
def examples() -> dict[str, Any]:
    """An example of each body, made by the code that makes the real ones."""
    campaign, promise = _demo()
    areas = [area.id for area in campaign.areas]
    votes = {area: 40 * (len(areas) - i) for i, area in enumerate(areas)}
    participants = sum(votes.values()) // campaign.pick
    tally = tally_from_counts(campaign, participants, 12, votes, {"web": participants})
    published = Publication(campaign.id, "2025-03-01T09:00:00Z", "")
    comment = PublicComment("Bättre belysning vid busshållplatsen.", (areas[1],), ())
    data = ResultsData(
        campaign,
        published,
        tally,
        0,
        tally,
        {},
        [],
        {},
        [comment],
        representativeness=None,
        questions=[],
    )
    answer_id = "1f0c6a1e-4b7d-4f3a-9a57-1f2d3c4b5a69"
    return {
        "campaign": campaign_as_dict(campaign, datetime(2025, 1, 1, tzinfo=UTC)),
        "answer": {
            "id": answer_id,
            "areas": areas[: campaign.pick],
            "comment": "Bättre belysning vid busshållplatsen.",
            "locale": campaign.default_language,
            "channel": "web",
            "answers": {},
        },
        "stored": {"id": answer_id, "status": "created"},
        "results": results_json(data),
        "promise": promise_as_dict(promise),
        "health": {"status": "ok", "store": "writable"},
        "error": {"error": "campaign.unknown", "message": "Den enkäten finns inte."},
    }


def _response(status: str, content: dict | None = None, headers: dict | None = None) -> dict:
    found: dict[str, Any] = {"description": STATUS_TEXTS[status]}
    if content:
        found["content"] = content
    if headers:
        found["headers"] = headers
    return found


def _json(schema: dict, example: Any = None) -> dict:
    media: dict[str, Any] = {"schema": schema}
    if example is not None:
        media["example"] = example
    return {JSON: media}


ETAG = {"ETag": {"schema": {"type": "string"}, "description": N_("Versionen av svaret")}}


def _responses(statuses: tuple[str, ...], ok: dict, ok_status: str = "200") -> dict:
    """Each status with its body: `ok` for the success, the error body for every 4xx/5xx."""
    found = {}
    for status in statuses:
        if status == ok_status:
            found[status] = ok
        elif status == "304":
            found[status] = _response("304", headers=ETAG)
        elif status in ("200", "201"):
            continue
        else:
            found[status] = _response(status, _json(ref("Error")))
    return found


def _campaign_param() -> dict:
    return {
        "name": "campaign",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "example": "demo",
        "description": N_("Enkätens id"),
    }


def operations() -> dict[str, dict[str, dict]]:
    """Every public operation: path to method to its description (texts untranslated)."""
    ex = examples()
    campaign = [_campaign_param()]
    promise_param = [
        {
            "name": "promise",
            "in": "path",
            "required": True,
            "schema": {"type": "string"},
            "example": "demo",
            "description": N_("Medborgarlöftets id"),
        }
    ]

    def ok_json(name: str, key: str | None = None) -> dict:
        return _response("200", _json(ref(name), ex.get(key) if key else None), ETAG)

    return {
        "/api/v1/campaigns/{campaign}": {
            "get": {
                "operationId": "getCampaign",
                "tags": ["survey"],
                "summary": N_("Enkäten som kanalerna behöver den"),
                "description": N_(
                    "Texter på alla språk, områdena, frågorna och stegen i enkäten. "
                    "Fältet status säger om enkäten tar emot svar."
                ),
                "parameters": campaign,
                "responses": _responses(FROM_MEMORY, ok_json("Campaign", "campaign")),
            }
        },
        "/api/v1/campaigns/{campaign}/responses": {
            "post": {
                "operationId": "postResponse",
                "tags": ["survey"],
                "summary": N_("Spara ett svar"),
                "description": N_(
                    "Sparas en gång per id: samma svar igen ger 200, annat innehåll under "
                    "samma id 409. Svaret bedöms mot enkäten när det gavs (captured_at från "
                    "en kiosk). Kvitteras först när det är sparat."
                ),
                "parameters": [
                    *campaign,
                    {
                        "name": "X-Kiosk-Key",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": N_("Kioskens nyckel, där kiosker måste ha en"),
                    },
                ],
                "requestBody": {"required": True, "content": _json(ref("Answer"), ex["answer"])},
                "responses": {
                    "201": _response("201", _json(ref("Stored"), ex["stored"])),
                    "200": _response("200", _json(ref("Stored"))),
                    **_responses(("403", "409", "410", *WRITE), {}),
                },
            }
        },
        "/api/v1/campaigns/{campaign}/comment-check": {
            "post": {
                "operationId": "checkComment",
                "tags": ["survey"],
                "summary": N_("Granska en synpunkt efter personuppgifter"),
                "description": N_(
                    "Säger vad i synpunkten som ser ut som personuppgifter, och varningen "
                    "att visa. Ingenting sparas."
                ),
                "parameters": campaign,
                "requestBody": {
                    "required": True,
                    "content": _json(ref("CommentCheck"), {"comment": "Ring mig på 070-123 45 67"}),
                },
                "responses": _responses(
                    ("200", *WRITE),
                    _response("200", _json(ref("CommentWarnings"))),
                ),
            }
        },
        "/api/v1/campaigns/{campaign}/results": {
            "get": {
                "operationId": "getResults",
                "tags": ["open data"],
                "summary": N_("Det publicerade resultatet"),
                "description": N_(
                    "Deltagare, kanaler, områdena i rangordning, teman och godkända "
                    "synpunkter. 404 tills personalen har publicerat resultatet."
                ),
                "parameters": campaign,
                "responses": _responses(READ, ok_json("Results", "results")),
            }
        },
        "/api/v1/campaigns/{campaign}/results.csv": {
            "get": {
                "operationId": "getResultsCsv",
                "tags": ["open data"],
                "summary": N_("Det publicerade resultatet som CSV"),
                "description": N_(
                    "UTF-8, en rubrikrad med maskinnamn, en rad per område. Antal under fem "
                    "visas inte. 404 tills resultatet är publicerat."
                ),
                "parameters": campaign,
                "responses": _responses(
                    READ,
                    _response("200", {"text/csv": {"schema": {"type": "string"}}}, ETAG),
                ),
            }
        },
        "/api/v1/campaigns/{campaign}/results/places.geojson": {
            "get": {
                "operationId": "getResultsPlaces",
                "tags": ["open data"],
                "summary": N_("Var de svarande markerade platser, som GeoJSON"),
                "description": N_(
                    "Kartans områden med hur många som markerade en plats i dem, och utanför "
                    "områdena rutor där minst fem gjorde det; aldrig en enskild persons punkt. "
                    "404 tills resultatet är publicerat."
                ),
                "parameters": campaign,
                "responses": _responses(
                    READ,
                    _response(
                        "200",
                        {"application/geo+json": {"schema": ref("PlacesCollection")}},
                        ETAG,
                    ),
                ),
            }
        },
        **walk_operations(),
        "/api/v1/promises/{promise}": {
            "get": {
                "operationId": "getPromise",
                "tags": ["open data"],
                "summary": N_("Ett publicerat medborgarlöfte"),
                "description": N_(
                    "Aktiviteterna med ansvariga, status och offentliga lägesuppdateringar, "
                    "giltigheten och uppföljningen. 404 tills löftet är publicerat."
                ),
                "parameters": promise_param,
                "responses": _responses(READ, ok_json("Promise", "promise")),
            }
        },
        "/api/v1/dcat": {
            "get": {
                "operationId": "getCatalogue",
                "tags": ["open data"],
                "summary": N_("Katalog över öppna data (DCAT-AP-SE)"),
                "description": N_(
                    "En datamängd per publicerat resultat och per publicerat medborgarlöfte. "
                    "Turtle, eller RDF/XML eller JSON-LD enligt Accept."
                ),
                "responses": _responses(
                    ("200", "304", "503"),
                    _response(
                        "200",
                        {
                            media: {"schema": {"type": "string"}}
                            for media in (
                                "text/turtle",
                                "application/rdf+xml",
                                "application/ld+json",
                            )
                        },
                        ETAG,
                    ),
                ),
            }
        },
        OPENAPI_PATH: {
            "get": {
                "operationId": "getOpenApi",
                "tags": ["open data"],
                "summary": N_("Den här beskrivningen av API:et (OpenAPI 3.1)"),
                "responses": _responses(
                    ("200", "304"), _response("200", _json({"type": "object"}), ETAG)
                ),
            }
        },
        "/api/": {
            "get": {
                "operationId": "getApiPage",
                "tags": ["open data"],
                "summary": N_("Samma beskrivning som en sida att läsa"),
                "responses": _responses(
                    ("200", "304"),
                    _response("200", {"text/html": {"schema": {"type": "string"}}}, ETAG),
                ),
            }
        },
        "/healthz": {
            "get": {
                "operationId": "getHealth",
                "tags": ["operations"],
                "summary": N_("Hälsa, för övervakning"),
                "description": N_(
                    "200 när lagringen går att skriva till (och boten är ansluten, där det "
                    "finns en), annars 503 med den del som fallerar."
                ),
                "responses": {
                    "200": _response("200", _json(ref("Health"), ex["health"])),
                    "503": _response("503", _json(ref("Health"))),
                },
            }
        },
    }


TRANSLATED = frozenset({"summary", "description"})


def _translate(node: Any, gettext) -> Any:
    """The document with its summaries and descriptions in the request's language."""
    if isinstance(node, dict):
        return {
            key: gettext(value)
            if key in TRANSLATED and isinstance(value, str)
            else _translate(value, gettext)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_translate(value, gettext) for value in node]
    return node


def openapi_document(gettext=gettext) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document, in the language `gettext` translates to."""
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Medborgardialog",
            "version": VERSION,
            "description": N_(
                "Det öppna API:et för en medborgardialog: enkäten, svaren, det publicerade "
                "resultatet och medborgarlöftena. Offentliga läsningar skickar ETag och "
                'Access-Control-Allow-Origin: *. Fel är JSON: {"error", "message"}.'
            ),
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "servers": [{"url": "/"}],
        "paths": operations(),
        "components": {"schemas": component_schemas()},
        "x-error-codes": sorted(set(STATUS_CODES.values())),
    }
    return _translate(document, gettext)


def status_text(status: str) -> str:
    return gettext(STATUS_TEXTS.get(status, ""))


def document_body() -> bytes:
    """The document as JSON bytes, in the request's language."""
    return json.dumps(openapi_document(), ensure_ascii=False, indent=1).encode()


# What a status means for a walk's participant, where it differs from the answers API.
WALK_TEXTS = {
    "403": N_("Vandringens nyckel saknas eller gäller inte längre"),
    "409": N_("En annan punkt, eller ett annat foto, med samma id finns redan"),
    "410": N_("Vandringen är avslutad och tar inte emot fler"),
    "415": N_("Inte en bild i JPEG eller PNG"),
}


def _walk_responses(statuses: tuple[str, ...], ok: dict, ok_status: str = "200") -> dict:
    found = _responses(statuses, ok, ok_status)
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
                "responses": _walk_responses(READ, _response("200", _json(ref("Walk")), ETAG)),
            }
        },
        "/api/v1/walks/{walk}/points.geojson": {
            "get": {
                "operationId": "getWalkPoints",
                "tags": ["open data"],
                "summary": N_("En publicerad trygghetsvandrings platser, som GeoJSON"),
                "parameters": [walk],
                "responses": _walk_responses(
                    READ,
                    _response(
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
                    "samma id 409."
                ),
                "parameters": [walk, key],
                "requestBody": {"required": True, "content": _json(ref("WalkPoint"))},
                "responses": {
                    "201": _response("201", _json(ref("WalkPointStored"))),
                    "200": _response("200", _json(ref("WalkPointStored"))),
                    **_walk_responses(writes, {}),
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
                    "201": _response("201", _json(ref("WalkPointStored"))),
                    "200": _response("200", _json(ref("WalkPointStored"))),
                    **_walk_responses(writes, {}),
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
                "responses": _walk_responses(("200", "403", "404", "503"), _response("200", image)),
            },
        },
    }
