"""The public side of a promise's safety walks, once staff have published them:
`/p/{promise}/walks/{walk}`, `GET /api/v1/walks/{walk}` and its places as GeoJSON.

Before publishing each answers 404, as an unpublished result does.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from yarl import URL

from kiosk.app_keys import CAMPAIGNS, CONFIG, LANGUAGE, STORE
from kiosk.clock import app_clock
from kiosk.edge.headers import content_security_policy
from kiosk.i18n import gettext
from kiosk.promises.view import Dates
from kiosk.promises.walk_view import (
    WALK_STATUS_ICONS,
    category_labels,
    public_point,
    public_points,
    responsible_name,
    walk_as_dict,
    walk_geojson,
    walk_status_labels,
)
from storage.promises import get_promise
from storage.walks import get_walk, list_points
from survey import Campaign
from survey.promises.walks import Walk, WalkPoint

_dumps = functools.partial(json.dumps, ensure_ascii=False)


def map_data(campaigns: Mapping[str, Campaign], walk: Walk, lang: str) -> dict[str, Any] | None:
    """The campaign's map as the page's script draws it: bounds (latitude first), optional
    tiles, and the zones as GeoJSON with their names in `lang`."""
    campaign = campaigns.get(walk.campaign)
    area_map = campaign.map if campaign else None
    if area_map is None:
        return None
    zones = [
        {
            "type": "Feature",
            "id": zone.id,
            "properties": {"id": zone.id, "name": campaign.text(zone.name, lang)},
            "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in zone.polygon]]},
        }
        for zone in area_map.zones
    ]
    return {
        "bounds": [list(corner) for corner in area_map.bounds],
        "tiles": area_map.tiles,
        "attribution": area_map.attribution,
        "zones": {"type": "FeatureCollection", "features": zones},
    }


def zone_names(campaigns: Mapping[str, Campaign], walk: Walk, lang: str) -> dict[str, str]:
    campaign = campaigns.get(walk.campaign)
    if campaign is None or campaign.map is None:
        return {}
    return {zone.id: campaign.text(zone.name, lang) for zone in campaign.map.zones}


def with_tiles_policy(request: web.Request, response: web.StreamResponse, tiles: str | None):
    """Let the map's tiles load (the default policy allows images from this site only)."""
    if not tiles:
        return
    origin = URL(tiles.replace("{", "").replace("}", "")).origin()
    policy = content_security_policy(request.path, request.app[CONFIG].frame_ancestors)
    response.headers["Content-Security-Policy"] = policy.replace(
        "img-src 'self' data:", f"img-src 'self' data: {origin}"
    )


async def published_walk(request: web.Request) -> tuple[Walk, list[WalkPoint]]:
    """The walk named in the path and its places; 404 unless it is published."""
    store = request.app[STORE]
    walk = await store.read(get_walk, request.match_info["walk"])
    if walk is None or walk.published_at is None:
        raise web.HTTPNotFound()
    promise = request.match_info.get("promise")
    if promise is not None and promise != walk.promise:
        raise web.HTTPNotFound()
    return walk, await store.read(list_points, walk.id)


def point_rows(walk: Walk, points: list[WalkPoint], promise, zones, lang: str) -> list[dict]:
    """The places as the public page lists them, in the reader's language."""
    categories = category_labels(gettext)
    statuses = walk_status_labels(gettext)
    rows = []
    for number, point in enumerate(public_points(points), start=1):
        shown = public_point(walk, point)
        rows.append(
            {
                **shown,
                "number": number,
                "category_label": categories[point.category],
                "status_label": statuses[point.status],
                "icon": WALK_STATUS_ICONS[point.status],
                "responsible_name": responsible_name(promise, point.responsible, lang),
                "zone": zones.get(point.zone or "", ""),
            }
        )
    return rows


async def walk_page(request: web.Request) -> web.Response:
    """One published walk: its map, and every place with its category, status, who answers
    for it, the reason when it will not be fixed, and approved notes and photos."""
    walk, points = await published_walk(request)
    lang = request[LANGUAGE]
    stored = await request.app[STORE].read(get_promise, walk.promise)
    promise = stored.promise if stored else None
    if promise is None or not promise.is_public(app_clock(request).today()):
        raise web.HTTPNotFound()
    campaigns = request.app[CAMPAIGNS]
    shown_map = map_data(campaigns, walk, lang)
    context = {
        "walk": walk,
        "date": Dates(lang).day(walk.date),
        "promise": promise,
        "promise_title": promise.text(promise.title, promise.language(lang)),
        "points": point_rows(walk, points, promise, zone_names(campaigns, walk, lang), lang),
        "map_json": _dumps(shown_map) if shown_map else None,
        "points_json": _dumps(walk_as_dict(walk, points)["points"]),
        "category_labels": category_labels(gettext),
    }
    response = aiohttp_jinja2.render_template("promises/walk.html", request, context)
    with_tiles_policy(request, response, shown_map and shown_map["tiles"])
    return response


def public_json(value: Any, content_type: str = "application/json") -> web.Response:
    response = web.Response(body=_dumps(value).encode(), content_type=content_type, charset="utf-8")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


async def walk_json(request: web.Request) -> web.Response:
    """`GET /api/v1/walks/{walk}`: the published walk and its places."""
    walk, points = await published_walk(request)
    return public_json(walk_as_dict(walk, points))


async def walk_points_geojson(request: web.Request) -> web.Response:
    """`GET /api/v1/walks/{walk}/points.geojson`: the published places, RFC 7946."""
    walk, points = await published_walk(request)
    return public_json(walk_geojson(walk, points), "application/geo+json")


def setup_walk_pages(app: web.Application) -> None:
    app.router.add_get("/p/{promise}/walks/{walk}", walk_page)
    app.router.add_get("/api/v1/walks/{walk}", walk_json)
    app.router.add_get("/api/v1/walks/{walk}/points.geojson", walk_points_geojson)
