"""The open API and open data: what other sites, scripts and data portals read.

- `openapi` (with `openapi_parts` and `openapi_walks`), `schemas`: `GET /api/v1/openapi.json`,
  the public API written down (OpenAPI 3.1), made from the code's own models; `api_page`:
  the same at `GET /api/` for people.
- `results_csv`: `GET /api/v1/campaigns/{campaign}/results.csv`, the published figures.
- `dcat`: `GET /api/v1/dcat`, a DCAT-AP-SE catalogue of the published results, promises and
  safety walks.
- `http_cache`: ETags (304 on `If-None-Match`), `Cache-Control` and CORS
  (`Access-Control-Allow-Origin: *`) on the public read-only routes, and only there.

`add_routes(app)` mounts it all; it runs after every other route is registered.
"""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import CONFIG
from kiosk.edge.headers import content_security_policy
from kiosk.i18n import current_language
from kiosk.open_data.api_page import api_page
from kiosk.open_data.dcat import CATALOGUE_CACHE, CatalogueCache, dcat_view
from kiosk.open_data.http_cache import DESCRIPTION, PUBLIC_DATA, PUBLIC_PAGE, share_route
from kiosk.open_data.openapi import OPENAPI_PATH, document_body
from kiosk.open_data.results_csv import results_csv_view

# What does not change while the server runs, made once per language.
DOCUMENTS = web.AppKey("open_data_documents", dict)

# Public read-only JSON, CSV and RDF: any site may read them (CORS), with an ETag.
OPEN_DATA = (
    "/api/v1/campaigns/{campaign}",
    "/api/v1/campaigns/{campaign}/results",
    "/api/v1/campaigns/{campaign}/results.csv",
    "/api/v1/campaigns/{campaign}/results/places.geojson",
    "/api/v1/promises/{promise}",
    "/api/v1/walks/{walk}",
    "/api/v1/walks/{walk}/points.geojson",
    "/api/v1/dcat",
)
# Public pages: an ETag and a 304, no CORS. Kiosk pages, the web survey's form and staff
# pages are not here: they stay `no-store`.
PUBLIC_PAGES = (
    "/",
    "/c/{campaign}/results",
    "/p/",
    "/p/{promise}/",
    "/p/{promise}/walks/{walk}",
    "/tillganglighet",
    "/integritet",
)


async def openapi_json(request: web.Request) -> web.Response:
    """The OpenAPI document, in the request's language."""
    made = request.app[DOCUMENTS]
    key = ("openapi", current_language())
    if key not in made:
        made[key] = document_body()
    return web.Response(body=made[key], content_type="application/json", charset="utf-8")


async def api_reference(request: web.Request) -> web.Response:
    """The API reference page, rendered once per language."""
    made = request.app[DOCUMENTS]
    key = ("page", current_language())
    if key not in made:
        made[key] = (await api_page(request)).body
    # A page, although under /api/: the site's own policy, not the API's "load nothing".
    policy = content_security_policy(request.path, request.app[CONFIG].frame_ancestors)
    headers = {
        "Content-Security-Policy": policy,
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }
    return web.Response(body=made[key], content_type="text/html", charset="utf-8", headers=headers)


def add_routes(app: web.Application) -> None:
    """Mount the open API and open data; call after every other route is registered."""
    app[DOCUMENTS] = {}
    app[CATALOGUE_CACHE] = CatalogueCache({})
    app.router.add_get(OPENAPI_PATH, openapi_json, name="open_data.openapi")
    app.router.add_get("/api/", api_reference, name="open_data.api_page")
    app.router.add_get("/api/v1/dcat", dcat_view, name="open_data.dcat")
    app.router.add_get(
        "/api/v1/campaigns/{campaign}/results.csv", results_csv_view, name="open_data.results_csv"
    )
    share_route(app, OPENAPI_PATH, DESCRIPTION)
    for path in OPEN_DATA:
        share_route(app, path, PUBLIC_DATA)
    share_route(app, "/api/", PUBLIC_PAGE, cors=False)
    for path in PUBLIC_PAGES:
        share_route(app, path, PUBLIC_PAGE, cors=False)
