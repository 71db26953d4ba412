"""What every operation of the OpenAPI document is made of: statuses and why each is given,
the error body, JSON bodies, ETags, and `N_` that marks a text to translate when the document
is made."""

from __future__ import annotations

from typing import Any

from kiosk.open_data.schemas import ref

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


def response(status: str, content: dict | None = None, headers: dict | None = None) -> dict:
    found: dict[str, Any] = {"description": STATUS_TEXTS[status]}
    if content:
        found["content"] = content
    if headers:
        found["headers"] = headers
    return found


def json_body(schema: dict, example: Any = None) -> dict:
    media: dict[str, Any] = {"schema": schema}
    if example is not None:
        media["example"] = example
    return {JSON: media}


ETAG = {"ETag": {"schema": {"type": "string"}, "description": N_("Versionen av svaret")}}


def responses(statuses: tuple[str, ...], ok: dict, ok_status: str = "200") -> dict:
    """Each status with its body: `ok` for the success, the error body for every 4xx/5xx."""
    found = {}
    for status in statuses:
        if status == ok_status:
            found[status] = ok
        elif status == "304":
            found[status] = response("304", headers=ETAG)
        elif status in ("200", "201"):
            continue
        else:
            found[status] = response(status, json_body(ref("Error")))
    return found


def campaign_param() -> dict:
    return {
        "name": "campaign",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "example": "demo",
        "description": N_("Enkätens id"),
    }
