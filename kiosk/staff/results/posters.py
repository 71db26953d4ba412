"""Printable A4 posters, one per campaign and venue: the bot's deep link and the web survey
with the same source, each as a QR code made here (SVG, no outside service)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import segno
from aiohttp import web
from markupsafe import Markup

from kiosk.app_keys import CATALOGS, CONFIG
from kiosk.edge.language import use_language
from kiosk.i18n import gettext
from kiosk.staff.layout import campaign_of, render, title_of
from locales import isolate_numbers, language_name, text_direction
from survey.start_links import payload_for

# A venue is a source as both the bot's start links and the web survey's `?source=` take it.
VENUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


@dataclass
class BotUsername:
    """The bot's username: from the settings, or learnt from the Bot API when the bot starts."""

    value: str | None = None


BOT_USERNAME = web.AppKey("bot_username", BotUsername)


def qr_svg(url: str, label: str) -> Markup:
    """A QR code of `url` as inline SVG, named `label` for screen readers."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", xmldecl=False, scale=8, border=2, title=label, svgclass="qr"
    )
    # segno writes only paths and the title, which it escapes: safe to put in the page as is.
    return Markup(buffer.getvalue().decode())  # noqa: S704


def public_base(request: web.Request) -> str:
    """The address residents reach: MEDBORGARDIALOG_PUBLIC_URL, else this request's host."""
    configured = request.app[CONFIG].public_url
    return (configured or f"{request.scheme}://{request.host}").rstrip("/")


def bot_username(request: web.Request) -> str | None:
    return request.app[CONFIG].bot_username or request.app[BOT_USERNAME].value


async def poster(request: web.Request) -> web.Response:
    """A poster for a campaign at a venue (`?venue=`), in any of its languages (`?lang=`)."""
    campaign = campaign_of(request)
    catalogs = request.app[CATALOGS]
    lang = campaign.language(request.query.get("lang"))
    if lang not in catalogs.languages:
        lang = campaign.default_language
    use_language(request, lang)
    venue = request.query.get("venue") or None
    if venue is not None and not VENUE.fullmatch(venue):
        raise web.HTTPBadRequest(
            text=gettext("En plats skrivs med högst 40 bokstäver a–z, siffror, - och _.")
        )
    web_url = f"{public_base(request)}/c/{campaign.id}/" + (f"?source={venue}" if venue else "")
    username = bot_username(request)
    bot_url = (
        f"https://t.me/{username}?start={payload_for(campaign.id, venue)}" if username else None
    )
    context = {
        "campaign": campaign,
        "lang": lang,
        "dir": text_direction(lang),
        "title": title_of(campaign, lang),
        "organisers": campaign.organisers_in(lang),
        "intro": isolate_numbers(campaign.text(campaign.intro, lang), lang),
        "venue": venue or "",
        "web_url": web_url,
        "bot_url": bot_url,
        "web_qr": qr_svg(web_url, gettext("QR-kod till webbenkäten")),
        "bot_qr": qr_svg(bot_url, gettext("QR-kod till Telegram-boten")) if bot_url else None,
        "poster_languages": [
            (code, language_name(code)) for code in campaign.languages if code in catalogs.languages
        ],
    }
    return render(request, "staff/poster.html", context)
