"""Staff pages where organisers make campaigns: the list, a new one or a copy of an earlier
one ("Ny omgång"), the editor (problems beside their fields, what each language still lacks),
opening it and closing it early. Every change is in the audit log.

A campaign is checked by the same rules as a campaign file (`survey.loader`). A campaign
from a file is changed in its file; here it can be copied.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from typing import Any

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, CATALOGS, STORE
from kiosk.clock import app_clock
from kiosk.i18n import gettext
from kiosk.staff.access.auth import staff_user
from kiosk.staff.campaigns.form import field_id, read_form
from kiosk.staff.campaigns.problems import FieldProblem, change_problem, field_problem
from kiosk.staff.campaigns.zones_import import import_zones, zones_map_json
from kiosk.staff.layout import flash, redirect, render
from storage.campaign_changes import ChangeRefused, answers_outside, save_checked, save_draft
from storage.campaigns import (
    PUBLISHED,
    StaleCampaign,
    StoredCampaign,
    answer_count,
    published_campaigns,
    stored_campaign,
    stored_campaigns,
)
from survey import Campaign, CampaignError
from survey.campaign_changes import dates_moved
from survey.campaign_document import campaign_document, new_document
from survey.campaign_gaps import missing_easy_texts, missing_texts
from survey.kinds import KINDS
from survey.loader import ID_PATTERN, check_document
from survey.registry import CampaignRegistry
from survey.toml_writer import dumps


def N_(message: str) -> str:
    """Marks a text for the catalogs, to be translated later in a chosen language."""
    return message


PREFER_LABEL = N_("Vill inte svara")


def prefer_labels(request: web.Request) -> dict[str, str]:
    """ "Prefer not to say" in each language with a catalog (the label of a new question's
    last option)."""
    catalogs = request.app[CATALOGS]
    return {lang: catalogs.get(lang).gettext(PREFER_LABEL) for lang in catalogs.languages}


def checked(document: dict[str, Any]) -> tuple[Campaign | None, FieldProblem | None]:
    """The campaign the data makes, or the first problem with it (as beside its field)."""
    try:
        return check_document(document, document.get("id", "")), None
    except CampaignError as error:
        return None, field_problem(error)


async def refresh_campaigns(app: web.Application) -> None:
    """Serve the store's campaigns now in this process (the others notice the stamp)."""
    registry = app[CAMPAIGNS]
    if isinstance(registry, CampaignRegistry):
        registry.replace(await app[STORE].read(published_campaigns))


async def stored_or_404(request: web.Request) -> StoredCampaign:
    stored = await request.app[STORE].read(stored_campaign, request.match_info["campaign"])
    if stored is None:
        raise web.HTTPNotFound(text=gettext("Det finns ingen medborgardialog med det namnet."))
    return stored


def document_of(stored: StoredCampaign) -> dict[str, Any]:
    return tomllib.loads(stored.document)


async def campaigns_page(
    request: web.Request, problems=(), status: int = 200, form=None
) -> web.Response:
    """Every campaign in the store, a form for a new one, and one to copy an earlier one."""
    store = request.app[STORE]
    rows = []
    for stored in await store.read(stored_campaigns):
        title = document_of(stored).get("title", {})
        rows.append(
            {
                "stored": stored,
                "title": next(iter(title.values()), stored.id) if title else stored.id,
                "answers": await store.read(answer_count, stored.id),
            }
        )
    context = {
        "active": "editor",
        "rows": rows,
        "problems": list(problems),
        "offered": request.app[CATALOGS].languages,
        "form": dict(form or {}),
    }
    return render(request, "staff/campaigns.html", context, status=status)


async def _new_id(request: web.Request, value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(gettext("Id:t ska vara 1–40 tecken: a–z, 0–9 och bindestreck."))
    if await request.app[STORE].read(stored_campaign, value) or value in request.app[CAMPAIGNS]:
        raise ValueError(gettext("Det finns redan en medborgardialog med det id:t."))
    return value


def today(request: web.Request) -> date:
    return app_clock(request).today()


async def create(request: web.Request) -> web.Response:
    """Start a new campaign: its id and languages; the editor does the rest."""
    form = await request.post()
    offered = request.app[CATALOGS].languages
    languages = [lang for lang in offered if lang in form.getall("languages", [])]
    try:
        campaign_id = await _new_id(request, str(form.get("id", "")).strip())
        if not languages:
            raise ValueError(gettext("Välj minst ett språk."))
    except ValueError as problem:
        return await campaigns_page(request, [str(problem)], status=422, form=form)
    document = new_document(campaign_id, languages, today(request))
    await _save_new(request, campaign_id, document, "campaign.create")
    flash(request, gettext("Medborgardialogen är skapad som utkast."))
    return redirect(request, "staff.editor_campaign", campaign=campaign_id)


async def copy(request: web.Request) -> web.Response:
    """ "Ny omgång": an earlier campaign as the start of a new one, not yet open."""
    form = await request.post()
    source = await request.app[STORE].read(stored_campaign, str(form.get("source", "")))
    try:
        if source is None:
            raise ValueError(gettext("Välj den medborgardialog du vill utgå från."))
        campaign_id = await _new_id(request, str(form.get("id", "")).strip())
    except ValueError as problem:
        return await campaigns_page(request, [str(problem)], status=422, form=form)
    document = document_of(source)
    document.pop("closed_at", None)
    document.pop("closes", None)
    document |= {"id": campaign_id, "opens": today(request)}
    await _save_new(request, campaign_id, document, "campaign.copy", {"from": source.id})
    flash(request, gettext("Kopian är skapad som utkast: se över datum och texter."))
    return redirect(request, "staff.editor_campaign", campaign=campaign_id)


async def _save_new(request, campaign_id, document, action, detail=None):
    """Save a new campaign's first draft, unless someone made one by that id meanwhile."""
    try:
        await _save_draft(request, campaign_id, document, action, detail, revision=0)
    except StaleCampaign:
        raise web.HTTPConflict(
            text=gettext("Det finns redan en medborgardialog med det id:t.")
        ) from None


async def _save_draft(request, campaign_id, document, action, detail=None, revision=None):
    campaign, _ = checked(document)
    actor = staff_user(request).username
    return await request.app[STORE].write(
        lambda db: save_draft(
            db,
            campaign_id,
            dumps(document),
            campaign,
            actor=actor,
            action=action,
            expected_revision=revision,
            detail=detail,
        )
    )


async def editor_page(
    request: web.Request,
    document: dict | None = None,
    problems: list[FieldProblem] | None = None,
    status: int = 200,
) -> web.Response:
    """The editor: every field of the campaign, its problems, what each language lacks."""
    stored = await stored_or_404(request)
    document = document if document is not None else document_of(stored)
    languages = document.get("languages", [])
    document["organisers"] = [  # a file may give a name once for every language
        name if isinstance(name, dict) else dict.fromkeys(languages, name)
        for name in document.get("organisers", [])
    ]
    if problems is None:
        _, problem = checked(document)
        problems = [problem] if problem else []
    now = app_clock(request).now()
    campaign, _ = checked(document)
    context = {
        "active": "editor",
        "stored": stored,
        "doc": document,
        "problems": problems,
        "problem_at": {p.field: p for p in problems},
        "missing": missing_texts(document),
        "missing_easy": missing_easy_texts(document),
        "offered": request.app[CATALOGS].languages,
        "answers": await request.app[STORE].read(answer_count, stored.id),
        "status": campaign.status(now) if campaign and stored.state == PUBLISHED else None,
        "prefer": prefer_labels(request),
        "fid": field_id,
        "kind_keys": KIND_KEYS,
        "map_json": json.dumps(document["map"], default=str) if "map" in document else "",
        "zones_map": zones_map_json(document),
    }
    return render(request, "staff/campaign_edit.html", context, status=status)


# The keys each kind takes on a question and on its options, as the kinds say: with a
# script, the editor shows a question only the fields of its kind.
KIND_KEYS = {name: sorted(kind.keys | kind.option_keys) for name, kind in KINDS.items()}


def _refuse_file(stored: StoredCampaign) -> None:
    if stored.from_file:
        raise web.HTTPForbidden(
            text=gettext(
                "Den här medborgardialogen kommer från filen %(file)s: ändra den i filen, "
                "eller gör en ny omgång av den."
            )
            % {"file": stored.origin}
        )


def _revision(form) -> int | None:
    value = str(form.get("revision", ""))
    return int(value) if value.isdigit() else None


STALE = (
    "Någon annan har ändrat medborgardialogen sedan du öppnade sidan, så det här sparades "
    "inte. Ladda om sidan och gör ändringen igen."
)


async def save(request: web.Request) -> web.Response:
    """Save the editor's form: a draft always (its problems shown), an open campaign only
    when it is valid and its answers allow the change."""
    stored = await stored_or_404(request)
    _refuse_file(stored)
    form = await request.post()
    document = read_form(
        form, document_of(stored), request.app[CATALOGS].languages, prefer_labels(request)
    )
    if form.get("action") == "import_zones":  # shown on the map first; saved with "Spara"
        document, problems, told = await import_zones(form, document)
        if told:
            flash(request, told)
        return await editor_page(request, document, problems or None, 422 if problems else 200)
    campaign, problem = checked(document)
    try:
        if stored.state != PUBLISHED:
            await _save_draft(
                request, stored.id, document, "campaign.edit", revision=_revision(form)
            )
            flash(request, gettext("Utkastet är sparat."))
            if problem is not None:
                return await editor_page(request, document, [problem])
            return redirect(request, "staff.editor_campaign", campaign=stored.id)
        if campaign is None:
            return await editor_page(request, document, [problem], status=422)
        outside = await _save_open(request, stored, campaign, "campaign.edit", _revision(form))
    except StaleCampaign:
        raise web.HTTPConflict(text=gettext(STALE)) from None
    except ChangeRefused as refused:
        problems = [change_problem(p) for p in refused.problems]
        return await editor_page(request, document, problems, status=422)
    if outside:
        flash(
            request,
            gettext(
                "Ändringarna är sparade. Obs: %(n)s svar ligger nu utanför perioden; de "
                "räknas fortfarande i resultatet."
            )
            % {"n": outside},
        )
    else:
        flash(request, gettext("Ändringarna är sparade och visas nu i alla kanaler."))
    return redirect(request, "staff.editor_campaign", campaign=campaign.id)


async def _save_open(request, stored, campaign: Campaign, action: str, revision=None):
    """Save an opened campaign; how many answers its new dates leave outside."""
    store = request.app[STORE]
    actor = staff_user(request).username
    old, _ = checked(document_of(stored))

    def write(db):
        saved = save_checked(db, campaign, actor=actor, action=action, expected_revision=revision)
        outside = answers_outside(db, campaign) if old and dates_moved(old, campaign) else 0
        return saved, outside

    _, outside = await store.write(write)
    await refresh_campaigns(request.app)
    return outside


async def open_campaign(request: web.Request) -> web.Response:
    """ "Öppna": publish the campaign; every channel serves it within a few seconds."""
    stored = await stored_or_404(request)
    _refuse_file(stored)
    document = document_of(stored)
    campaign, problem = checked(document)
    if campaign is None:
        return await editor_page(request, document, [problem], status=422)
    try:
        await _save_open(request, stored, campaign, "campaign.open", stored.revision)
    except ChangeRefused as refused:
        return await editor_page(
            request, document, [change_problem(p) for p in refused.problems], status=422
        )
    flash(request, gettext("Medborgardialogen är öppnad."))
    return redirect(request, "staff.editor_campaign", campaign=campaign.id)


async def close_early(request: web.Request) -> web.Response:
    """ "Stäng i förtid": no answers from now on, on any channel."""
    stored = await stored_or_404(request)
    _refuse_file(stored)
    campaign, _ = checked(document_of(stored))
    now = app_clock(request).now()
    if stored.state != PUBLISHED or campaign is None or campaign.status(now) == "closed":
        raise web.HTTPConflict(text=gettext("Medborgardialogen är inte öppen."))
    document = campaign_document(campaign) | {"closed_at": now}
    closed, _ = checked(document)
    assert closed is not None
    await _save_open(request, stored, closed, "campaign.close", stored.revision)
    flash(request, gettext("Medborgardialogen är stängd. Den tar inte emot fler svar."))
    return redirect(request, "staff.editor_campaign", campaign=campaign.id)
