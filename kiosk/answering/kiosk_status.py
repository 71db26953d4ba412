"""The kiosk's status page: what this browser's outbox holds, for the venue's operator.

The outbox lives in the kiosk's browser, so the page is a shell that its script
(static/kiosk/status_page.js) fills from local storage. Behind the kiosk key when keys are
required, like the kiosk page itself.
"""

from __future__ import annotations

import aiohttp_jinja2
from aiohttp import web

from kiosk.answering.survey_context import api_url
from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, STORE
from kiosk.edge.errors import error_page
from kiosk.edge.language import use_language
from kiosk.i18n import gettext
from storage.kiosk_credentials import kiosk_key_source


def operator_texts(translations) -> dict[str, str]:
    """The status view's texts; `%(n)d` is filled in by the script."""
    _ = translations.gettext
    return {
        "heading": _("Kioskens status"),
        "waiting": _("Väntar på att skickas: %(n)d"),
        "refused": _("Togs inte emot av servern: %(n)d"),
        "unsaved": _(
            "Webbläsarens lagring är full: svaren finns bara i minnet tills de är skickade. "
            "Stäng inte webbläsaren och ladda inte om sidan."
        ),
        "refused_heading": _("Svar som servern inte tog emot"),
        "waiting_heading": _("Svar som väntar på att skickas"),
        "captured": _("Avslutat"),
        "answered": _("Servern svarade"),
        "reason": _("Orsak"),
        "attempts": _("Försök"),
        "last_error": _("Senaste fel"),
        "all_delivered": _("Alla svar från den här kiosken är sparade på servern."),
        "close": _("Stäng"),
    }


async def kiosk_status(request: web.Request) -> web.Response:
    """How many answers this kiosk holds, waiting or refused, and why."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        raise web.HTTPNotFound()
    use_language(request, campaign.default_language)
    key = request.query.get("key")
    if request.app[CONFIG].require_kiosk_key:
        source = await request.app[STORE].read(kiosk_key_source, campaign.id, key) if key else None
        if source is None:
            message = gettext("Kiosken saknar en giltig nyckel. Be personalen om en ny länk.")
            return error_page(request, 403, message)
    data = {
        "api": api_url(campaign),
        "text": operator_texts(request.app[CATALOGS].get(campaign.default_language)),
    }
    back = f"/kiosk/{campaign.id}/" + (f"?{request.query_string}" if request.query_string else "")
    context = {"data": data, "title": data["text"]["heading"], "back": back}
    return aiohttp_jinja2.render_template("kiosk_status.html", request, context)
