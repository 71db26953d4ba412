"""Kiosk mode: one page that carries the whole walk in every language of the campaign.

Once loaded, the kiosk needs the server only to deliver answers (static/kiosk/outbox.js
keeps them in an outbox until they are stored), so it goes on working while the server is
away; its service worker (static/kiosk/sw.js) keeps the page itself, so a reload while the
server is away opens it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from kiosk.answering.answer_request import SOURCE_PATTERN
from kiosk.answering.kiosk_status import kiosk_status, operator_texts
from kiosk.answering.survey_context import (
    api_url,
    area_messages,
    asks_where,
    chosen_counts,
    map_texts,
    question_texts,
)
from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, STORE
from kiosk.edge.errors import error_page
from kiosk.edge.language import use_language
from kiosk.edge.trailing_slash import redirect_slash
from kiosk.i18n import gettext
from kiosk.promises.walk_pages import with_tiles_policy
from kiosk.speech_audio import SPEECH_LANGS, campaign_audio_url, speech_audio
from locales import format_period, language_name, text_direction
from locales.problems import problem_message
from locales.shared_texts import police_notice
from storage.kiosk_credentials import kiosk_key_source
from survey import Campaign, Problem
from survey.serialize import campaign_as_dict
from survey.speech import easy_reader, walk_speech

# Served from /kiosk/ rather than /static/ so that its scope, the folder it is served from,
# covers the kiosk pages without a Service-Worker-Allowed header.
SERVICE_WORKER = Path(__file__).parent.parent / "static" / "kiosk" / "sw.js"


def kiosk_texts(campaign: Campaign, translations, lang: str) -> dict[str, Any]:
    """Every UI text of the kiosk in one language; `%(n)d` is filled in by the script."""
    _ = translations.gettext
    pgettext = translations.pgettext
    return {
        # Lättläst: the easy-to-read versions of the instructions (shown when chosen).
        "easy": {
            "anonymous": pgettext("lättläst", "Vi vet inte vem du är. Vi sparar inte ditt namn."),
            "areas_heading": pgettext(
                "lättläst", "Vilka problem ska polisen och kommunen arbeta mest med?"
            ),
            "comment_heading": pgettext(
                "lättläst", "Vill du skriva något till polisen och kommunen?"
            ),
        },
        # The language's Lättläst on the language screen, named in that language.
        "easy_language": _("Lättläst"),
        "attract": _("Tyck till!"),
        "listen": _("Lyssna"),
        "tap_to_start": _("Tryck för att börja"),
        "choose_language": _("Välj språk"),
        "next": _("Nästa"),
        "back": _("Tillbaka"),
        "start_over": _("Börja om"),
        "larger_text": _("Större text"),
        "to_summary": _("Till sammanfattningen"),
        "step": _("Steg %(n)d av %(total)d"),
        "anonymous": _("Ditt svar är anonymt. Vi sparar inte vem du är."),
        "areas_heading": _("Vad ska polisen och kommunen prioritera?"),
        "chosen": chosen_counts(campaign.pick, translations),
        "comment_heading": _("Vill du lämna en synpunkt eller ett förslag?"),
        "comment_optional": _("Frivilligt. Högst %(max)d tecken."),
        "comment_required": _("Skriv en synpunkt. Högst %(max)d tecken."),
        "comment_missing": problem_message(Problem("comment.required", "comment"), translations),
        "crime_notice": police_notice(translations.gettext, lang),
        "personal_data_heading": _("Står det personuppgifter i din synpunkt?"),
        "send_anyway": _("Skicka ändå"),
        "space": _("Mellanslag"),
        "backspace": _("Radera"),
        "shift": _("Versaler"),
        "question_optional": _("Frivillig fråga"),
        "question_required": _("Välj ett svar för att gå vidare."),
        "answer_missing": _("Välj ett av svaren först."),
        "confirm_heading": _("Stämmer det här?"),
        "your_areas": _("Dina områden"),
        "your_comment": _("Din synpunkt"),
        "no_comment": _("Ingen synpunkt"),
        "no_answer": _("Inget svar"),
        "change": _("Ändra"),
        "send": _("Skicka"),
        "thanks_heading": _("Tack för ditt svar!"),
        "follow_caption": _(
            "Vill du få veta vad som händer? Skanna koden med din mobil, eller gå till"
        ),
        "follow_alt": _("QR-kod till sidan där du kan få veta vad som händer"),
        "next_steps_heading": _("Vad händer nu?"),
        "done": _("Klar"),
        "still_there": _("Är du kvar?"),
        "still_there_body": _(
            "Om ingen rör skärmen börjar enkäten snart om, och det du har valt försvinner."
        ),
        "continue": _("Ja, jag är kvar"),
        "countdown": _("Enkäten börjar om om %(n)d s."),
        "waiting": _("Svar som väntar på att skickas: %(n)d"),
        "refused": _("Svar som servern inte tog emot: %(n)d"),
        "kiosk_status": _("Kioskens status"),
        **area_messages(campaign, translations),
        **map_texts(translations),
        "questions": {q.id: question_texts(q, translations) for q in campaign.questions},
    }


def kiosk_data(
    request: web.Request, campaign: Campaign, source: str | None, *, recorded: bool = True
) -> dict[str, Any]:
    """Everything the kiosk script needs, in every language of the campaign; `recorded`
    False leaves out the server's recordings (a draft's preview has none of its own)."""
    config = request.app[CONFIG]
    catalogs = request.app[CATALOGS]
    audio = speech_audio(request)

    def recordings(lang: str, easy: bool = False) -> str | None:
        return campaign_audio_url(audio, campaign.id, lang, easy) if recorded else None

    def speech(lang: str) -> dict[str, Any]:
        """ "Lyssna": each step's text, a voice's language, the server's recordings; the
        same in Lättläst where the campaign has easy texts in `lang`."""
        said = {
            "speech": walk_speech(campaign, lang, catalogs.get(lang)),
            "speech_lang": SPEECH_LANGS.get(lang, lang),
            "speech_audio": recordings(lang),
        }
        if campaign.offers_easy(lang):
            read = easy_reader(campaign, lang, True)
            said["speech_easy"] = walk_speech(campaign, lang, catalogs.get(lang), read=read)
            said["speech_audio_easy"] = recordings(lang, True)
        return said

    return {
        "campaign": campaign_as_dict(campaign),
        "draws_map": asks_where(campaign),  # Leaflet is loaded only for a place question
        "api": api_url(campaign),
        "comment_check": f"/api/v1/campaigns/{campaign.id}/comment-check",
        "status_text": operator_texts(catalogs.get(campaign.default_language)),
        "source": source,
        "key": request.query.get("key"),
        "idle_warning": config.idle_warning_seconds,
        "idle_reset": config.idle_reset_seconds,
        "thanks_seconds": config.thanks_seconds,
        "max_backoff": config.outbox_max_backoff_seconds,
        "languages": [
            {
                "code": lang,
                "name": language_name(lang),
                "dir": text_direction(lang),
                "period": format_period(campaign.opens, campaign.closes, lang),
                "easy": campaign.offers_easy(lang),
                "text": kiosk_texts(campaign, catalogs.get(lang), lang),
                **speech(lang),
            }
            for lang in campaign.languages
        ],
    }


async def kiosk(request: web.Request) -> web.Response:
    """The kiosk page for one venue: `?source=` names it, or `?key=` when keys are required."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        raise web.HTTPNotFound()
    source = request.query.get("source")
    source = source if source and SOURCE_PATTERN.fullmatch(source) else None
    key = request.query.get("key")
    if request.app[CONFIG].require_kiosk_key:
        source = await request.app[STORE].read(kiosk_key_source, campaign.id, key) if key else None
        if source is None:
            message = gettext("Kiosken saknar en giltig nyckel. Be personalen om en ny länk.")
            return error_page(request, 403, message)
    # Every walk starts on the attract screen, in the campaign's first language.
    use_language(request, campaign.default_language)
    context = {"data": kiosk_data(request, campaign, source)}
    response = aiohttp_jinja2.render_template("kiosk.html", request, context)
    # A place question's map loads the campaign's tiles, when it has them.
    with_tiles_policy(request, response, campaign.map and campaign.map.tiles)
    return response


async def service_worker(request: web.Request) -> web.FileResponse:
    """The script that keeps the kiosk page and its files for a reload while offline."""
    return web.FileResponse(SERVICE_WORKER)


def setup_kiosk(app: web.Application) -> None:
    # Before `/kiosk/{campaign}`, whose pattern matches it too; it hides no campaign, as
    # campaign ids never hold a dot.
    app.router.add_get("/kiosk/sw.js", service_worker)
    app.router.add_get("/kiosk/{campaign}", redirect_slash)
    app.router.add_get("/kiosk/{campaign}/", kiosk)
    app.router.add_get("/kiosk/{campaign}/status", kiosk_status)
