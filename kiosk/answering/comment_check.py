"""The personal-data check for channels that walk in a browser (the kiosk, the web survey).

`POST /api/v1/campaigns/{campaign}/comment-check` with `{"comment": str, "locale": lang}`
answers `{"warnings": [kinds], "message": text or null}`: what `survey.personal_data` finds
in the comment, said in the resident's language. It only warns; nothing is stored.
"""

from __future__ import annotations

from aiohttp import web
from babel.lists import format_list

from kiosk.answering.answer_request import BadPayload
from kiosk.answering.api import read_json, unknown_campaign
from kiosk.answering.comment_warning import scan_comment
from kiosk.app_keys import CAMPAIGNS, CATALOGS
from kiosk.edge.errors import json_error
from locales.problems import problem_message
from survey.validation import check_comment, clean_comment

# The longest comment a campaign may allow (10,000 characters), even \u-escaped, and no more.
MAX_BODY_BYTES = 64 * 1024


def warning_message(kinds: tuple[str, ...], translations, lang: str) -> str | None:
    """One sentence that names what was found and asks to change it or send it anyway."""
    if not kinds:
        return None
    gettext = translations.gettext
    names = {
        "name": gettext("ett namn"),
        "personnummer": gettext("ett personnummer"),
        "phone": gettext("ett telefonnummer"),
        "email": gettext("en e-postadress"),
    }
    found = format_list([names[kind] for kind in kinds if kind in names], locale=lang)
    return gettext(
        "Din synpunkt verkar innehålla %(found)s. Skriv inga namn eller andra personuppgifter: "
        "ändra texten, eller skicka den ändå."
    ) % {"found": found}


def read_check(data, languages: tuple[str, ...]) -> tuple[str, str]:
    """The comment and the language of a decoded body; BadPayload names the first bad field."""
    if not isinstance(data, dict):
        raise BadPayload("body.type")
    if "comment" not in data:
        raise BadPayload("field.missing", "comment")
    comment, locale = data["comment"], data.get("locale", languages[0])
    if not isinstance(comment, str):
        raise BadPayload("field.type", "comment")
    if not isinstance(locale, str):
        raise BadPayload("field.type", "locale")
    if locale not in languages:
        raise BadPayload("locale.invalid", "locale")
    return comment, locale


async def comment_check(request: web.Request) -> web.Response:
    """What personal data a comment seems to hold, and the warning to show for it."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        return unknown_campaign()
    data, refused = await read_json(request, campaign, MAX_BODY_BYTES)
    if refused is not None:
        return refused
    try:
        comment, locale = read_check(data, campaign.languages)
    except BadPayload as error:
        return json_error(422, error.code, error.message(), field=error.field)
    # A comment longer than the campaign keeps is refused before it is scanned.
    too_long = check_comment(campaign, clean_comment(comment))
    if too_long:
        problem = too_long[0]
        translations = request.app[CATALOGS].get(locale)
        return json_error(422, problem.code, problem_message(problem, translations))
    kinds = await scan_comment(comment)
    message = warning_message(kinds, request.app[CATALOGS].get(locale), locale)
    return web.json_response({"warnings": list(kinds), "message": message})


def setup_comment_check(app: web.Application) -> None:
    app.router.add_post("/api/v1/campaigns/{campaign}/comment-check", comment_check)
