"""What the kiosk's attract screen shows between invitations: "Så går det med löftet" for
the promise that follows its campaign, with a QR code to the public page (made here, so the
kiosk needs no other network)."""

from __future__ import annotations

import functools
import json

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, CATALOGS, STORE
from kiosk.clock import app_clock
from kiosk.promises.cache import PROMISE_CACHE
from kiosk.promises.qr import public_address, qr_svg
from kiosk.promises.view import STATUS_ICONS, status_labels
from storage.promises import current_promises

ALTERNATE_SECONDS = 8
_dumps = functools.partial(json.dumps, ensure_ascii=False)


async def attract_promise(request: web.Request) -> web.Response:
    """The promise that follows this kiosk's campaign, as the attract screen shows it."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        raise web.HTTPNotFound()

    async def make() -> bytes:
        today = app_clock(request).today()
        current = await request.app[STORE].read(current_promises, today)
        found = [promise for promise in current if promise.campaign == campaign.id]
        if not found:
            return b""
        promise = max(found, key=lambda p: p.published)
        address = public_address(request, f"/p/{promise.id}/")
        texts = {}
        for lang in campaign.languages:
            translations = request.app[CATALOGS].get(lang)
            _ = translations.gettext
            labels = status_labels(_)
            texts[lang] = {
                "heading": _("Så går det med löftet"),
                "title": promise.text(promise.title, promise.language(lang)),
                "scan": _("Skanna koden och läs hela medborgarlöftet"),
                "counts": [
                    {"status": s, "icon": STATUS_ICONS[s], "label": labels[s], "n": n}
                    for s, n in promise.status_counts().items()
                ],
            }
        body = {
            "promise": promise.id,
            "url": address,
            "qr": qr_svg(address, promise.text(promise.title, campaign.default_language)).decode(),
            "alternate_seconds": ALTERNATE_SECONDS,
            "languages": texts,
        }
        return _dumps(body).encode()

    body = await request.app[PROMISE_CACHE].get(("attract", campaign.id), make)
    if not body:
        raise web.HTTPNotFound()
    return web.Response(body=body, content_type="application/json", charset="utf-8")


def setup_promise_attract(app: web.Application) -> None:
    app.router.add_get("/kiosk/{campaign}/promise", attract_promise)
