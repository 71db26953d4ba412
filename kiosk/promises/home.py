"""The current promises, as `/p/` and the home page list them."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import LANGUAGE, STORE
from kiosk.clock import CLOCK
from kiosk.i18n import gettext
from kiosk.promises.view import STATUS_ICONS, status_labels
from storage.promises import current_promises as promises_in_force
from survey.promises.promise import Promise


async def current_promises(app: web.Application, lang: str) -> list[dict]:
    """Public promises still in force (and not replaced), as the list and the home page show
    them."""
    today = app[CLOCK].today()
    found = []
    for promise in await app[STORE].read(promises_in_force, today):
        lang_of = promise.language(lang)
        found.append(
            {
                "id": promise.id,
                "title": promise.text(promise.title, lang_of),
                "parties": [promise.text(p.name, lang_of) for p in promise.parties],
                "counts": status_counts(promise),
            }
        )
    return found


def status_counts(promise: Promise) -> list[dict]:
    labels = status_labels(gettext)
    return [
        {"status": s, "label": labels[s], "icon": STATUS_ICONS[s], "n": n}
        for s, n in promise.status_counts().items()
    ]


async def home_promises(request: web.Request) -> dict:
    """The promises section of the home page."""
    return {"promises": await current_promises(request.app, request[LANGUAGE])}
