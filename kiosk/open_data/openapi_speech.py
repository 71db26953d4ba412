"""Lyssna in the OpenAPI document: the recorded speech of a step, of a promise's section and
of the published ranking. Ids in, WAV out: no operation takes a text to speak."""

from __future__ import annotations

from kiosk.open_data.openapi_parts import ETAG, N_, campaign_param, response, responses
from kiosk.speech_audio import VOICES, WAV
from survey.easy_read import easy_key
from survey.speech import PROMISE_SECTIONS

# Why a status is given here, where it differs from the rest of the API.
SPEECH_TEXTS = {
    "404": N_(
        "Enkäten, löftet, steget eller delen finns inte, resultatet är inte publicerat, "
        "eller servern gör ingen uppläsning (utan espeak-ng)"
    ),
    "422": N_("Språket är inte ett av enkätens eller löftets"),
    "503": N_("Uppläsningen kunde inte göras just nu"),
}
STATUSES = ("200", "304", "404", "422", "503")


def speech_responses() -> dict:
    audio = {WAV: {"schema": {"type": "string", "format": "binary"}}}
    found = responses(STATUSES, response("200", audio, ETAG))
    for status, text in SPEECH_TEXTS.items():
        found[status] = {**found[status], "description": text}
    return found


def path_param(name: str, description: str, schema: dict, example: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema,
        "example": example,
        "description": description,
    }


def speech_operations() -> dict[str, dict[str, dict]]:
    """The three recordings: a step of the walk, a section of a promise, the ranking."""
    lang = path_param("lang", N_("Språket som texten läses på"), {"enum": list(VOICES)}, "sv")
    # A campaign's or promise's texts may also be read in Lättläst: `sv-easy`.
    either = {"enum": [*VOICES, *(easy_key(code) for code in VOICES)]}
    lang_or_easy = path_param("lang", N_("Språket som texten läses på"), either, "sv")
    step = path_param(
        "step",
        N_("Stegets id, som i enkätens steps (t.ex. intro, areas, question:safety)"),
        {"type": "string"},
        "areas",
    )
    section = path_param(
        "section", N_("Delen av löftets sida"), {"enum": list(PROMISE_SECTIONS)}, "said"
    )
    promise = path_param("promise", N_("Medborgarlöftets id"), {"type": "string"}, "demo")
    return {
        "/api/v1/campaigns/{campaign}/speech/{lang}/{step}": {
            "get": {
                "operationId": "getStepSpeech",
                "tags": ["survey"],
                "summary": N_("Ett steg i enkäten uppläst"),
                "description": N_(
                    "Stegets rubrik, text och val som ljud (WAV), gjort av espeak-ng en gång "
                    "per text och språk. Texten byggs av servern ur enkäten."
                ),
                "parameters": [campaign_param(), lang_or_easy, step],
                "responses": speech_responses(),
            }
        },
        "/api/v1/promises/{promise}/speech/{lang}/{section}": {
            "get": {
                "operationId": "getPromiseSpeech",
                "tags": ["open data"],
                "summary": N_("En del av ett medborgarlöfte uppläst"),
                "description": N_(
                    "Det här sa ni, Det här lovar vi eller Så går det, som ljud (WAV). "
                    "404 tills löftet är publicerat."
                ),
                "parameters": [promise, lang_or_easy, section],
                "responses": speech_responses(),
            }
        },
        "/api/v1/campaigns/{campaign}/results/speech/{lang}": {
            "get": {
                "operationId": "getResultsSpeech",
                "tags": ["open data"],
                "summary": N_("Det publicerade resultatet uppläst"),
                "description": N_(
                    "Hur många som deltog och områdena i rangordning, som ljud (WAV). "
                    "404 tills resultatet är publicerat."
                ),
                "parameters": [campaign_param(), lang],
                "responses": speech_responses(),
            }
        },
    }
