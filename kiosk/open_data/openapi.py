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
from kiosk.open_data.openapi_parts import (
    ETAG,
    FROM_MEMORY,
    N_,
    READ,
    STATUS_TEXTS,
    WRITE,
    campaign_param,
    json_body,
    response,
    responses,
)
from kiosk.open_data.openapi_speech import speech_operations
from kiosk.open_data.openapi_walks import walk_operations
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
            "easy_read": campaign.offers_easy(campaign.default_language),
        },
        "stored": {"id": answer_id, "status": "created"},
        "results": results_json(data),
        "promise": promise_as_dict(promise),
        "health": {"status": "ok", "store": "writable"},
        "error": {"error": "campaign.unknown", "message": "Den enkäten finns inte."},
    }


def operations() -> dict[str, dict[str, dict]]:
    """Every public operation: path to method to its description (texts untranslated)."""
    ex = examples()
    campaign = [campaign_param()]
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

    def okjson_body(name: str, key: str | None = None) -> dict:
        return response("200", json_body(ref(name), ex.get(key) if key else None), ETAG)

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
                "responses": responses(FROM_MEMORY, okjson_body("Campaign", "campaign")),
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
                "requestBody": {
                    "required": True,
                    "content": json_body(ref("Answer"), ex["answer"]),
                },
                "responses": {
                    "201": response("201", json_body(ref("Stored"), ex["stored"])),
                    "200": response("200", json_body(ref("Stored"))),
                    **responses(("403", "409", "410", *WRITE), {}),
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
                    "content": json_body(
                        ref("CommentCheck"), {"comment": "Ring mig på 070-123 45 67"}
                    ),
                },
                "responses": responses(
                    ("200", *WRITE),
                    response("200", json_body(ref("CommentWarnings"))),
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
                "responses": responses(READ, okjson_body("Results", "results")),
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
                "responses": responses(
                    READ,
                    response("200", {"text/csv": {"schema": {"type": "string"}}}, ETAG),
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
                "responses": responses(
                    READ,
                    response(
                        "200",
                        {"application/geo+json": {"schema": ref("PlacesCollection")}},
                        ETAG,
                    ),
                ),
            }
        },
        **walk_operations(),
        **speech_operations(),
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
                "responses": responses(READ, okjson_body("Promise", "promise")),
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
                "responses": responses(
                    ("200", "304", "503"),
                    response(
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
                "responses": responses(
                    ("200", "304"), response("200", json_body({"type": "object"}), ETAG)
                ),
            }
        },
        "/api/": {
            "get": {
                "operationId": "getApiPage",
                "tags": ["open data"],
                "summary": N_("Samma beskrivning som en sida att läsa"),
                "responses": responses(
                    ("200", "304"),
                    response("200", {"text/html": {"schema": {"type": "string"}}}, ETAG),
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
                    "200": response("200", json_body(ref("Health"), ex["health"])),
                    "503": response("503", json_body(ref("Health"))),
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
