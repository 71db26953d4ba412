"""The public web survey: one accessible form that works without JavaScript.

GET shows every step of the walk on one page; POST validates on the server and answers
with the form and its errors, or with the thank-you page. A hidden UUID makes a double
submit store once. With JavaScript, static/survey.js walks the same markup step by step.

The language switch on the form is a row of submit buttons of that form, so a resident who
changes language (perhaps to read an error) keeps everything entered: such a post only
shows the form again in the chosen language, and stores nothing.
"""

from __future__ import annotations

import asyncio
import uuid
from functools import partial

import aiohttp_jinja2
from aiohttp import web

from kiosk.answering.answer_request import SOURCE_PATTERN, BadPayload, Submission, response_id
from kiosk.answering.answer_signals import web_signal
from kiosk.answering.comment_warning import scan_comment, warning_message
from kiosk.answering.survey_context import SEVERAL, closed_context, survey_context, thanks_context
from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, LANGUAGE, STORE
from kiosk.clock import app_clock
from kiosk.edge.easy_read import use_easy, wants_easy
from kiosk.edge.errors import error_page
from kiosk.edge.language import base_language, use_language
from kiosk.edge.trailing_slash import redirect_slash
from kiosk.i18n import gettext as _
from kiosk.promises.home import home_promises
from kiosk.promises.walk_pages import with_tiles_policy
from kiosk.results.pages import published_results
from kiosk.speech_audio import campaign_audio_url, speech_audio
from locales import language_name
from locales.problems import problem_message
from storage.submit import Status, submit
from survey import Campaign, Problem, steps
from survey.personal_data import LONG_TEXT
from survey.validation import check_content, clean_comment


def campaign_or_404(request: web.Request) -> Campaign:
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        raise web.HTTPNotFound()
    return campaign


def with_map_tiles(request: web.Request, response: web.Response, campaign: Campaign):
    """Let a place question's map load the campaign's tiles, when it has them."""
    with_tiles_policy(request, response, campaign.map and campaign.map.tiles)
    return response


def venue(request: web.Request, given: str | None) -> str | None:
    """A `?source=` on a survey link (the municipality's own tracking), unless keys rule."""
    if request.app[CONFIG].require_kiosk_key or not given or not SOURCE_PATTERN.fullmatch(given):
        return None
    return given


@aiohttp_jinja2.template("index.html")
async def index(request: web.Request) -> dict:
    """The campaigns open right now, each with its web survey."""
    lang = request[LANGUAGE]
    now = app_clock(request).now()
    open_now = [c for c in request.app[CAMPAIGNS].values() if c.is_open(now)]
    return {
        "campaigns": [(c.id, c.text(c.title, lang)) for c in open_now],
        **await home_promises(request),
        "published_results": await published_results(request),
        "languages": [(code, language_name(code)) for code in request.app[CATALOGS].languages],
    }


def closed_page(request: web.Request, campaign: Campaign, lang: str) -> web.Response:
    """A campaign that takes no answers now: 410, with its dates."""
    now = app_clock(request).now()
    context = closed_context(campaign, lang, request.app[CATALOGS].get(lang), now)
    return aiohttp_jinja2.render_template("closed.html", request, context, status=410)


async def survey_form(request: web.Request) -> web.Response:
    """The whole survey as one form, with a fresh answer id."""
    campaign = campaign_or_404(request)
    lang = request[LANGUAGE]
    if not campaign.is_open(app_clock(request).now()):
        return closed_page(request, campaign, lang)
    source = venue(request, request.query.get("source"))
    easy = wants_easy(request, campaign.offers_easy(lang))
    context = survey_context(
        campaign,
        lang,
        request.app[CATALOGS].get(lang),
        answer_id=str(uuid.uuid4()),
        source=source,
        speech_audio=campaign_audio_url(speech_audio(request), campaign.id, lang, easy),
        easy=easy,
    )
    response = aiohttp_jinja2.render_template("survey.html", request, context)
    return with_map_tiles(request, response, campaign)


def read_form(
    campaign: Campaign, form, lang: str, source: str | None, easy: bool = False
) -> Submission:
    """The posted form as a submission, shown in Lättläst when `easy`; a missing or tampered
    id gets a fresh one."""

    def text(name: str) -> str | None:
        value = form.get(name)
        return value if isinstance(value, str) else None

    try:
        answer_id = response_id(text("id"))
    except BadPayload:
        answer_id = str(uuid.uuid4())
    areas = tuple(a for a in form.getall("areas", []) if isinstance(a, str))
    answers: dict[str, str | list[str]] = {}
    for q in campaign.questions:
        name = f"q-{q.id}"
        if q.kind in SEVERAL:  # a list of the ticked; none ticked is the question skipped
            ticked = [v for v in form.getall(name, []) if isinstance(v, str) and v]
            if ticked:
                answers[q.id] = ticked
        elif text(name):
            answers[q.id] = text(name)
    return Submission(
        id=answer_id,
        locale=lang,
        channel="web",
        areas=areas,
        comment=clean_comment(text("comment")),
        answers=answers,
        source=source,
        easy_read=easy,
    )


def follow_language_button(request: web.Request, campaign: Campaign, form) -> bool:
    """Whether the post came from a language button rather than from sending the answer.

    The language chosen is remembered like a `?lang=` link. One the campaign does not offer
    (a forged value) leaves the page in the language it was shown in.
    """
    wanted = form.get("switch_language")
    if wanted is None:
        return False
    code = base_language(wanted) if isinstance(wanted, str) else ""
    if code in campaign.languages:
        use_language(request, code, chosen=True)
    return True


def follow_easy_button(request: web.Request, form) -> bool:
    """Whether the post came from the Lättläst button (on or off), remembered like `?easy=`."""
    wanted = form.get("switch_easy")
    if wanted not in ("1", "0"):
        return False
    use_easy(request, wanted == "1")
    return True


def resumed_step(campaign: Campaign, form) -> str | None:
    """The step survey.js showed when a language button was pressed, so the walk goes on there."""
    wanted = form.get("step")
    known = {step.id for step in steps(campaign)}
    return wanted if isinstance(wanted, str) and wanted in known else None


async def comment_warning(campaign: Campaign, submission: Submission) -> str | None:
    """The warning owed before an otherwise acceptable answer whose comment seems to hold
    personal data; the resident then changes it or sends it anyway."""
    # The cheap checks first: a comment over the length limit is refused before any scan.
    if check_content(campaign, submission.as_answers()):
        return None
    kinds = await scan_comment(submission.comment)
    return warning_message(kinds) if kinds else None


async def form_page(
    request: web.Request,
    campaign: Campaign,
    submission: Submission,
    problems: list[Problem],
    step: str | None = None,
    *,
    warning: str | None = None,
    comment_ok: bool = False,
) -> web.Response:
    """The form again with what was entered; any problems beside their fields (422), or the
    warning about the comment (200: nothing is wrong, the resident decides)."""
    lang = request[LANGUAGE]
    translations = request.app[CATALOGS].get(lang)
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(problem.field, problem_message(problem, translations))
    context = survey_context(
        campaign,
        lang,
        translations,
        answer_id=submission.id,
        source=submission.source,
        submission=submission,
        errors=errors,
        step=step,
        comment_warning=warning,
        comment_ok=comment_ok,
        speech_audio=campaign_audio_url(
            speech_audio(request), campaign.id, lang, submission.easy_read
        ),
        easy=submission.easy_read,
    )
    status = 422 if errors else 200
    render = partial(aiohttp_jinja2.render_template, "survey.html", request, context, status=status)
    if len(submission.comment or "") < LONG_TEXT:
        return with_map_tiles(request, render(), campaign)
    # The text is shown again: long, it takes a while.
    return with_map_tiles(request, await asyncio.to_thread(render), campaign)


async def survey_submit(request: web.Request) -> web.Response:
    """Validate the posted form; show it again with errors, or store it and say thank you.

    After a language button, the errors the page showed are shown again (those still true),
    in the new language: the resident may have switched just to read them. A form that
    showed none gets none, as nothing was sent.
    """
    campaign = campaign_or_404(request)
    form = await request.post()
    switching = follow_language_button(request, campaign, form) or follow_easy_button(request, form)
    lang = request[LANGUAGE]
    now = app_clock(request).now()
    if not campaign.is_open(now):
        return closed_page(request, campaign, lang)
    source = form.get("source")
    submission = read_form(
        campaign,
        form,
        lang,
        venue(request, source if isinstance(source, str) else None),
        wants_easy(request, campaign.offers_easy(lang)),
    )
    if switching:
        shown = check_content(campaign, submission.as_answers()) if form.get("errors_shown") else []
        return await form_page(request, campaign, submission, shown, resumed_step(campaign, form))
    confirmed = bool(form.get("comment_ok"))
    warning = None if confirmed else await comment_warning(campaign, submission)
    if warning is not None:
        return await form_page(request, campaign, submission, [], "comment", warning=warning)
    outcome = await submit(
        request.app[STORE],
        campaign,
        submission.as_response(campaign, submission.source),
        now=now,
        signal=await web_signal(request, campaign),
    )
    if outcome.status is Status.NOT_OPEN:
        return closed_page(request, campaign, lang)
    if outcome.status is Status.INVALID:
        problems = list(outcome.problems)
        return await form_page(request, campaign, submission, problems, comment_ok=confirmed)
    if outcome.status is Status.CONFLICT:
        message = _("Det här formuläret är redan skickat med andra svar. Börja om för att svara.")
        return error_page(request, 409, message)
    context = thanks_context(campaign, lang, submission, submission.easy_read)
    return aiohttp_jinja2.render_template("thanks.html", request, context)


def setup_web_survey(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/c/{campaign}", redirect_slash)
    app.router.add_get("/c/{campaign}/", survey_form)
    app.router.add_post("/c/{campaign}/", survey_submit)
