"""Keying in answers collected on paper or at a workshop, one form after another."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from aiohttp import web

from kiosk.app_keys import CATALOGS, STORE
from kiosk.clock import app_clock
from kiosk.i18n import current_language, gettext
from kiosk.staff.access.auth import staff_user
from kiosk.staff.layout import campaign_of, flash, redirect, render, session_of
from locales.problems import problem_message
from storage.staff import audit
from storage.submit import Status, store_accepted
from survey import Campaign, Problem
from survey.kinds.base import Value
from survey.paper import SOURCE_LENGTH, paper_response, parse_day


def now_of(request: web.Request) -> datetime:
    return app_clock(request).now()


def today_in(request: web.Request, campaign: Campaign) -> date:
    """Today where the campaign is held, by the app's clock."""
    return campaign.today(now_of(request))


def latest_day(request: web.Request, campaign: Campaign) -> date:
    """The last day a paper answer may carry: today, or the closing day if that was earlier."""
    today = today_in(request, campaign)
    return min(today, campaign.closes) if campaign.closes else today


def describe(request: web.Request, problem: Problem) -> str:
    """A problem with a paper answer or a batch file, in the staff member's language."""
    params = problem.params
    messages = {
        "paper.source": gettext("Skriv var svaret samlades in (högst %(max)d tecken).")
        % {"max": params.get("max", SOURCE_LENGTH)},
        "paper.date": gettext("Ange ett datum som ÅÅÅÅ-MM-DD, inte senare än i dag."),
        "paper.date_future": gettext("Datumet ligger i framtiden. Ange dagen svaret gavs."),
        "paper.date_outside": gettext(
            "Datumet ligger utanför enkätens period (%(opens)s till %(last)s)."
        )
        % {"opens": params.get("opens"), "last": params.get("last")},
        "paper.locale": gettext("Okänt språk: %(value)s.") % {"value": params.get("locale")},
        "paper.area": gettext("Okänt område: %(value)s.") % {"value": params.get("value")},
        "paper.option": gettext("Okänt svar på %(question)s: %(value)s.")
        % {"question": problem.field, "value": params.get("value")},
        "file.empty": gettext("Filen innehåller inga svar."),
        "file.columns": gettext("Filen saknar kolumnerna %(columns)s.")
        % {"columns": params.get("columns")},
        "file.rows": gettext("Filen har för många rader (högst %(max)d per fil).")
        % {"max": params.get("max", 0)},
        "file.repeated": gettext("Den här filen är redan inläst."),
        "file.missing": gettext("Välj en CSV-fil att läsa in."),
    }
    if problem.code in messages:
        return messages[problem.code]
    message = problem_message(problem, request.app[CATALOGS].get(current_language()))
    # A resident sees the problem at its question; here the question is named.
    question = campaign_of(request).question(str(params.get("question", "")))
    if question is None:
        return message
    text = campaign_of(request).text(question.text, current_language())
    return gettext("%(question)s %(problem)s") % {"question": text, "problem": message}


def form_context(request: web.Request, campaign: Campaign, values: dict, problems=()) -> dict:
    lang = current_language()
    return {
        "campaign": campaign,
        "active": "paper",
        "values": values,
        "problems": [describe(request, p) for p in problems],
        # Shown beside the date field as well as in the list.
        "date_problem": next((describe(request, p) for p in problems if p.field == "date"), None),
        "areas": [(a.id, campaign.text(a.label, lang)) for a in campaign.areas],
        "questions": [
            {
                "id": q.id,
                "kind": q.kind,
                "text": campaign.text(q.text, lang),
                "options": [(o.id, campaign.text(o.label, lang)) for o in q.options],
                "min": q.min,
                "max": q.max,
                "required": q.required,
            }
            for q in campaign.questions
        ],
        "locales": campaign.languages,
        "today": latest_day(request, campaign).isoformat(),
        "opens": campaign.opens.isoformat(),
    }


def blank_values(request: web.Request, campaign: Campaign) -> dict:
    """An empty answer, keeping the source, date and language of the previous one."""
    sticky = session_of(request).get("paper", {}).get(campaign.id, {})
    return {
        "id": str(uuid.uuid4()),
        "source": sticky.get("source", ""),
        "date": sticky.get("date", latest_day(request, campaign).isoformat()),
        "locale": sticky.get("locale", campaign.default_language),
        "areas": [],
        "comment": "",
        "answers": {},
        "count": sticky.get("count", 0),
    }


async def paper_form(request: web.Request) -> web.Response:
    """A blank form for the next paper answer, and the batch import."""
    campaign = campaign_of(request)
    values = blank_values(request, campaign)
    return render(request, "staff/paper.html", form_context(request, campaign, values))


def form_answers(campaign: Campaign, form) -> dict[str, Value]:
    """The answers ticked and chosen in the form: a multi's boxes as a list of option ids,
    any other kind its one option; a question left blank is skipped (its key left out)."""
    answers: dict[str, Value] = {}
    for question in campaign.questions:
        name = f"q.{question.id}"
        if question.kind == "multi":
            picked = [str(value) for value in form.getall(name, []) if value]
            if picked:
                answers[question.id] = picked
        elif form.get(name):
            answers[question.id] = str(form[name])
    return answers


async def paper_submit(request: web.Request) -> web.Response:
    """Store one paper answer, or show the form again with what to correct."""
    campaign = campaign_of(request)
    form = await request.post()
    try:
        response_id = str(uuid.UUID(str(form.get("id", ""))))
    except ValueError:
        response_id = str(uuid.uuid4())
    values = {
        "id": response_id,
        "source": str(form.get("source", ""))[: SOURCE_LENGTH * 2],
        "date": str(form.get("date", "")),
        "locale": str(form.get("locale", campaign.default_language)),
        "areas": [str(a) for a in form.getall("area", [])],
        "comment": str(form.get("comment", "")),
        "answers": form_answers(campaign, form),
    }
    response, problems = paper_response(
        campaign,
        response_id=response_id,
        source=values["source"],
        day=parse_day(values["date"]),
        locale=values["locale"],
        areas=values["areas"],
        comment=values["comment"] or None,
        answers=values["answers"],
        now=now_of(request),
    )
    if response is None:
        context = form_context(request, campaign, values, problems)
        return render(request, "staff/paper.html", context, status=422)
    user = staff_user(request)

    def save(db):
        outcome = store_accepted(db, response, entered_by=user.username).status
        if outcome is Status.CREATED:
            detail = {"response": response.id, "source": response.source}
            audit(db, user.username, "paper.entry", campaign.id, detail)
        return outcome

    outcome = await request.app[STORE].write(save)
    if outcome is Status.CONFLICT:
        problem = Problem("conflict", "id")
        context = form_context(request, campaign, values, [problem])
        return render(request, "staff/paper.html", context, status=409)
    session = session_of(request)
    papers = dict(session.get("paper", {}))
    count = papers.get(campaign.id, {}).get("count", 0) + (outcome is Status.CREATED)
    papers[campaign.id] = {
        "source": response.source,
        "date": values["date"],
        "locale": response.locale,
        "count": count,
    }
    session["paper"] = papers
    flash(
        request,
        gettext("Svaret är sparat.")
        if outcome is Status.CREATED
        else gettext("Det här svaret var redan sparat."),
    )
    return redirect(request, "staff.paper", campaign=campaign.id)
