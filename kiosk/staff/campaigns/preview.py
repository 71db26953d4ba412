"""The preview of a campaign before it opens: the walk as the web survey, the kiosk and the
bot show it, each drawn by that channel's own templates and renderers from the same steps
(`survey.walk`). Answers given in a preview go nowhere: the campaign is not served yet."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import aiohttp_jinja2
from aiohttp import web

from kiosk.answering.kiosk_page import kiosk_data
from kiosk.answering.survey_context import survey_context
from kiosk.app_keys import CATALOGS
from kiosk.edge.language import use_language
from kiosk.i18n import gettext
from kiosk.staff.campaigns.editor import checked, document_of, stored_or_404
from kiosk.staff.layout import render
from survey import Campaign

# The bot's messages for a campaign in a language (text, rows of button labels); set by
# the wiring in `medborgardialog`, since the web app does not import the bot.
BotPreview = Callable[[Campaign, str], list[tuple[str, list[list[str]]]]]
BOT_PREVIEW = web.AppKey("bot_preview", BotPreview)


async def previewed(request: web.Request) -> tuple[Campaign, str]:
    """The campaign to preview, and the language asked for (its first by default)."""
    stored = await stored_or_404(request)
    campaign, problem = checked(document_of(stored))
    if campaign is None:
        raise web.HTTPUnprocessableEntity(
            text=gettext("Förhandsvisningen visas när medborgardialogen är komplett: %(p)s")
            % {"p": problem.message}
        )
    lang = request.query.get("lang", "")
    return campaign, lang if lang in campaign.languages else campaign.default_language


async def preview_page(request: web.Request) -> web.Response:
    """The bot's messages, step by step, and the ways to the web and kiosk previews."""
    campaign, lang = await previewed(request)
    make = request.app.get(BOT_PREVIEW)
    context = {
        "active": "editor",
        "previewed": campaign,
        "preview_lang": lang,
        "messages": make(campaign, lang) if make is not None else None,
    }
    return render(request, "staff/campaign_preview.html", context)


async def preview_web(request: web.Request) -> web.Response:
    """The web survey of the campaign, as residents will see it."""
    campaign, lang = await previewed(request)
    use_language(request, lang)
    context = survey_context(
        campaign,
        lang,
        request.app[CATALOGS].get(lang),
        answer_id=str(uuid.uuid4()),
        source=None,
    )
    return aiohttp_jinja2.render_template("survey.html", request, context)


async def preview_kiosk(request: web.Request) -> web.Response:
    """The kiosk page of the campaign, as a screen in a library will show it."""
    campaign, _ = await previewed(request)
    use_language(request, campaign.default_language)
    context = {"data": kiosk_data(request, campaign, "preview", recorded=False)}
    return aiohttp_jinja2.render_template("kiosk.html", request, context)
