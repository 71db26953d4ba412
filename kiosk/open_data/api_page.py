"""`GET /api/`: the OpenAPI document as a page for people, rendered here from our own
templates (nothing is loaded from elsewhere), in the reader's language."""

from __future__ import annotations

import json
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from kiosk.app_keys import CATALOGS, CONFIG
from kiosk.i18n import gettext
from kiosk.information.pages import organisation
from kiosk.open_data.openapi import OPENAPI_PATH, openapi_document
from locales import language_name


def _where(location: str) -> str:
    names = {"path": gettext("sökväg"), "header": gettext("rubrik"), "query": gettext("fråga")}
    return names.get(location, location)


def _example(content: dict | None) -> str | None:
    for media in (content or {}).values():
        if "example" in media:
            return json.dumps(media["example"], ensure_ascii=False, indent=2)
    return None


def operations_view(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation as the page lists it: method, path, texts, parameters and statuses."""
    found = []
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            responses = []
            for status, answer in op["responses"].items():
                media = ", ".join(answer.get("content", {})) or "–"
                responses.append((status, answer["description"], media))
            ok = op["responses"].get("200") or op["responses"].get("201") or {}
            found.append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": _where(p["in"]),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _example(op.get("requestBody", {}).get("content")),
                    "responses": responses,
                    "example": _example(ok.get("content")),
                }
            )
    return found


async def api_page(request: web.Request) -> web.Response:
    """The API reference for people."""
    document = openapi_document()
    context = {
        "organisation": organisation(request),
        "languages": [(code, language_name(code)) for code in request.app[CATALOGS].languages],
        "description": document["info"]["description"],
        "operations": operations_view(document),
        "openapi_url": OPENAPI_PATH,
        "dcat_url": "/api/v1/dcat",
        "licence": request.app[CONFIG].data_licence,
    }
    return aiohttp_jinja2.render_template("open_data/api.html", request, context)
