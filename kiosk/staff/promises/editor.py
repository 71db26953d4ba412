"""Staff pages of the promises: the list, a draft from a campaign's results, the promise's
own page (texts, parties, goals, validity) with its approvals and follow-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, STORE
from kiosk.clock import app_clock
from kiosk.i18n import gettext
from kiosk.promises.cache import PROMISE_CACHE
from kiosk.promises.view import status_labels
from kiosk.staff.access.auth import staff_user
from kiosk.staff.layout import flash, redirect, render
from kiosk.staff.promises.forms import FormProblem, day, field, ident, texts
from storage.promise_approvals import approvals, staff_party
from storage.promises import (
    StaleVersion,
    StoredPromise,
    get_promise,
    list_promises,
    save_promise,
)
from storage.responses import count_tally
from survey.promises.promise import STATUSES, Activity, Focus, Party, Promise, missing_approvals

DEFAULT_PARTIES = (("polisen", "Polisen"), ("kommunen", "Kommunen"))


async def stored_or_404(request: web.Request) -> StoredPromise:
    stored = await request.app[STORE].read(get_promise, request.match_info["promise"])
    if stored is None:
        raise web.HTTPNotFound(text=gettext("Det finns inget medborgarlöfte med det namnet."))
    return stored


def revision_of(form, stored: StoredPromise) -> int:
    """The version the form was made from (its hidden field), else the one just read."""
    value = field(form, "revision") if form is not None else ""
    return int(value) if value.isdigit() else stored.revision


async def save(request: web.Request, promise: Promise, action: str, revision: int | None = None):
    """Store a new version of the promise and let the public pages show it at once."""
    actor = staff_user(request).username
    now = app_clock(request).now()
    try:
        saved = await request.app[STORE].write(
            lambda db: save_promise(
                db, promise, actor=actor, now=now, action=action, expected_revision=revision
            )
        )
    except StaleVersion:
        raise web.HTTPConflict(
            text=gettext(
                "Någon annan har ändrat medborgarlöftet sedan du öppnade sidan, så det här "
                "sparades inte. Ladda om sidan och gör ändringen igen."
            )
        ) from None
    request.app[PROMISE_CACHE].clear()
    return saved


async def promises_page(request: web.Request, problems=(), status: int = 200) -> web.Response:
    """Every promise, drafts too, and a form to draft one from a campaign's results."""
    stored = await request.app[STORE].read(list_promises)
    today = app_clock(request).today()
    rows = [(s.promise, "published" if s.promise.is_public(today) else "draft") for s in stored]
    context = {
        "active": "promises",
        "rows": rows,
        "problems": list(problems),
        "text_of": lambda promise, text: promise.text(text, "sv"),
    }
    return render(request, "staff/promises.html", context, status=status)


def draft_from_results(campaign, tally, promise_id: str, today: date) -> Promise:
    """A draft that starts where residents left off: the top areas with their ranks and
    votes, and one activity to write for each."""
    # Without answers there is nothing to start from: an empty draft, not three made-up tops.
    top = [count for count in tally.areas if count.votes > 0][: campaign.pick]
    parties = tuple(
        Party(pid, {lang: name for lang in campaign.languages}) for pid, name in DEFAULT_PARTIES
    )
    return Promise(
        id=promise_id,
        languages=campaign.languages,
        campaigns=(campaign.id,),
        title={lang: campaign.text(campaign.title, lang) for lang in campaign.languages},
        parties=parties,
        goals=(),
        activities=tuple(
            Activity(
                id=f"aktivitet-{n}",
                # The first language only: the others follow it until someone translates.
                text={
                    campaign.default_language: campaign.text(
                        campaign.area(count.area).label, campaign.default_language
                    )
                },
                responsible=tuple(p.id for p in parties),
                areas=(count.area,),
            )
            for n, count in enumerate(top, start=1)
        ),
        valid_from=today,
        valid_until=date(today.year + 1, 12, 31),
        until_replaced=True,
        focus=tuple(Focus(campaign.id, c.area, c.rank, c.votes) for c in top),
    )


async def new_draft(request: web.Request) -> web.Response:
    """Draft a promise from a campaign's results (pre-filled with its top areas)."""
    form = await request.post()
    campaign = request.app[CAMPAIGNS].get(field(form, "campaign"))
    try:
        if campaign is None:
            raise FormProblem(gettext("Välj en medborgardialog."))
        promise_id = ident(field(form, "id") or f"{campaign.id}-lofte", gettext("Id"))
        if await request.app[STORE].read(get_promise, promise_id):
            raise FormProblem(gettext("Det finns redan ett medborgarlöfte med det id:t."))
    except FormProblem as problem:
        return await promises_page(request, [str(problem)], status=422)
    tally = await request.app[STORE].read(count_tally, campaign)
    draft = draft_from_results(campaign, tally, promise_id, app_clock(request).today())
    await save(request, draft, "promise.draft")
    flash(request, gettext("Utkastet är skapat från resultatet."))
    return redirect(request, "staff.promise", promise=promise_id)


async def approval_state(request: web.Request, promise: Promise, subject: str) -> dict:
    given = await request.app[STORE].read(approvals, promise.id, subject)
    current = {a.party for a in given if a.current}
    missing = [promise.party(p) for p in missing_approvals(promise, current)]
    return {
        "given": given,
        "missing": missing,
        "missing_names": [promise.text(p.name, promise.default_language) for p in missing],
    }


async def promise_page(request: web.Request, problems=(), status: int = 200) -> web.Response:
    """A promise: its texts, parties, goals, validity, activities, approvals, follow-up."""
    stored = await stored_or_404(request)
    promise = stored.promise
    user = staff_user(request)
    party = await request.app[STORE].read(staff_party, user.username)
    others = [found.promise for found in await request.app[STORE].read(list_promises)]
    context = {
        "active": "promises",
        "stored": stored,
        "promise": promise,
        # The earlier promises this one may replace ("fram tills nya … har tecknats").
        "replaceable": [
            (p.id, p.text(p.title, p.default_language)) for p in others if p.id != promise.id
        ],
        "public": promise.is_public(app_clock(request).today()),
        "labels": status_labels(gettext),
        "statuses": STATUSES,
        "approval": await approval_state(request, promise, "promise"),
        "followup_approval": await approval_state(request, promise, "followup"),
        "my_party": promise.party(party) if party else None,
        "problems": list(problems),
        "t": lambda text: promise.text(text, promise.default_language),
        "campaign_of": request.app[CAMPAIGNS].get,
    }
    return render(request, "staff/promise.html", context, status=status)


async def replaced_from(request: web.Request, form, promise: Promise) -> tuple[str, ...]:
    """The earlier promises the form says this one replaces: stored ones, never itself."""
    known = {found.promise.id for found in await request.app[STORE].read(list_promises)}
    chosen = tuple(dict.fromkeys(str(value) for value in form.getall("replaces", [])))
    if any(value not in known or value == promise.id for value in chosen):
        raise FormProblem(gettext("Välj medborgarlöften som finns."))
    return chosen


def parties_from(form, promise: Promise) -> tuple[Party, ...]:
    """The parties rows of the form; a row without an id is left out."""
    found = []
    for index in range(len(promise.parties) + 1):
        party_id = field(form, f"party-{index}.id")
        if not party_id:
            continue
        ident(party_id, gettext("Partens id"))
        found.append(Party(party_id, texts(form, f"party-{index}.name", promise, gettext("Namn"))))
    if not found or len({p.id for p in found}) != len(found):
        raise FormProblem(gettext("Ange minst en part, och varje part en gång."))
    used = {p for a in promise.activities for p in a.responsible}
    if used - {p.id for p in found}:
        raise FormProblem(gettext("En part som ansvarar för en aktivitet kan inte tas bort."))
    return tuple(found)


async def save_texts(request: web.Request) -> web.Response:
    """Save the title, situation, goals, parties and validity."""
    stored = await stored_or_404(request)
    promise = stored.promise
    form = await request.post()
    try:
        goals = []
        for index in range(len(promise.goals) + 1):
            goal = texts(form, f"goal-{index}", promise, gettext("Målet"), required=False)
            if goal:
                goals.append(goal)
        valid_from = day(form, "valid_from", gettext("Gäller från"))
        valid_until = day(form, "valid_until", gettext("Gäller till"), required=False)
        if valid_until and valid_until < valid_from:
            raise FormProblem(gettext("Slutdatumet är före startdatumet."))
        new = replace(
            promise,
            title=texts(form, "title", promise, gettext("Rubriken")),
            situation=texts(form, "situation", promise, gettext("Situationen"), required=False),
            goals=tuple(goals),
            parties=parties_from(form, promise),
            valid_from=valid_from,
            valid_until=valid_until,
            until_replaced=form.get("until_replaced") == "on",
            replaces=await replaced_from(request, form, promise),
        )
    except FormProblem as problem:
        return await promise_page(request, [str(problem)], status=422)
    saved = await save(request, new, "promise.edit", revision_of(form, stored))
    flash(
        request, gettext("Ändringarna är sparade.") if saved.changed else gettext("Inget ändrades.")
    )
    return redirect(request, "staff.promise", promise=promise.id)
