"""The published places on a map: `GET /api/v1/campaigns/{campaign}/results/places.geojson`.

Zones as polygons with how many residents marked a place in each, and beyond the zones the
grid cells where at least five did (`storage.published_results.places_geojson`); never a
resident's point. Rendered once from the counted results and served from memory, like the
results JSON (`kiosk.results.cache`); 404 until the results are published.
"""

from __future__ import annotations

import json

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.edge.errors import json_error
from kiosk.i18n import gettext as _
from kiosk.results.cache import RESULTS_CACHE
from kiosk.results.pages import bodies_of, campaign_in, send_body
from storage.published_results import ResultsData, places_geojson

MEDIA_TYPE = "application/geo+json"


async def places_api(request: web.Request) -> web.Response:
    """The published places as a GeoJSON FeatureCollection (RFC 7946)."""
    campaign = campaign_in(request)
    if campaign is None:
        return json_error(404, "campaign.unknown", _("Den enkäten finns inte."))

    def render(data: ResultsData) -> tuple[bytes, bytes]:
        return bodies_of(json.dumps(places_geojson(data), ensure_ascii=False))

    data, bodies = await request.app[RESULTS_CACHE].rendered(
        request.app[STORE], campaign, "places.geojson", render
    )
    if data.publication is None:
        return json_error(404, "results.not_published", _("Resultatet är inte publicerat."))
    return send_body(request, bodies, MEDIA_TYPE)


def add_places_routes(app: web.Application) -> None:
    app.router.add_get(
        "/api/v1/campaigns/{campaign}/results/places.geojson", places_api, name="results.places"
    )
