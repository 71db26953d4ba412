"""`/w/{walk}/?k={key}`: the page a safety walk's participants open on their phones.

The key in the address is the participants' key: the page is sent only with a valid one,
never cached, and with no referrer, so the key does not travel on to anyone (tiles
included). The page's script (`static/walks/walk.js`) keeps what is marked in an outbox
in the browser until it is stored.
"""

from __future__ import annotations

import functools
import json

import aiohttp_jinja2
from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, LANGUAGE, STORE
from kiosk.edge.trailing_slash import redirect_slash
from kiosk.i18n import gettext as _
from kiosk.promises.view import Dates
from kiosk.promises.walk_pages import map_data, with_tiles_policy
from kiosk.promises.walk_view import category_labels
from storage.walks import walk_for_key
from survey.contact_address import EMAIL
from survey.promises.walks import MAX_NOTE

_dumps = functools.partial(json.dumps, ensure_ascii=False)


async def walk_page(request: web.Request) -> web.Response:
    """The walk's map, "Här står jag", the zones as a list, the form for one place, and what
    still waits to be sent."""
    key = request.query.get("k", "")
    walk = await request.app[STORE].read(walk_for_key, request.match_info["walk"], key)
    if walk is None:
        message = _(
            "Länken till vandringen gäller inte längre. Be den som leder vandringen om en ny."
        )
        response = aiohttp_jinja2.render_template(
            "error.html", request, {"status": 403, "message": message}, status=403
        )
    else:
        lang = request[LANGUAGE]
        shown_map = map_data(request.app[CAMPAIGNS], walk, lang)
        context = {
            "walk": walk,
            "date": Dates(lang).day(walk.date),
            "categories": list(category_labels(_).items()),
            "max_note": MAX_NOTE,
            # The server's rule for an address, for the page to check before it sends.
            "email_pattern": EMAIL.pattern.removeprefix("^").removesuffix("$"),
            "map_json": _dumps(shown_map) if shown_map else None,
            "zones": [
                (f["id"], f["properties"]["name"], _zone_centre(f))
                for f in (shown_map["zones"]["features"] if shown_map else [])
            ],
        }
        response = aiohttp_jinja2.render_template("walks/walk.html", request, context)
        with_tiles_policy(request, response, shown_map and shown_map["tiles"])
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _zone_centre(feature: dict) -> str:
    """The middle of a zone's outline as "lat,lon": where a place marked by its zone lies."""
    ring = feature["geometry"]["coordinates"][0][:-1] or feature["geometry"]["coordinates"][0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    return f"{lat:.6f},{lon:.6f}"


def add_routes(app: web.Application) -> None:
    app.router.add_get("/w/{walk}", redirect_slash)
    app.router.add_get("/w/{walk}/", walk_page)
