"""Moderating the notes residents wrote on the places they marked, as comments are moderated:
each shown escaped, with likely personal data marked, where it was marked and why; approve,
hide, or mark as new again."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.i18n import current_language, gettext
from kiosk.staff.access.auth import staff_user
from kiosk.staff.comments.moderation import STATUSES, status_name, when_text
from kiosk.staff.figures import channel_name
from kiosk.staff.layout import campaign_of, flash, redirect, render
from storage.place_notes import PAGE_SIZE, PlaceNote, count_notes, list_notes, moderate_note
from storage.staff import audit
from survey import Campaign
from survey.campaign import Question
from survey.personal_data import segments
from survey.place_counts import place_questions


@dataclass(frozen=True)
class NoteView:
    """A place's note as the list shows it."""

    note: PlaceNote
    when: str
    channel: str
    where: str
    reason: str | None
    pieces: list[tuple[str, str | None]]
    personal: bool


def _question(campaign: Campaign, wanted: str | None) -> Question:
    questions = place_questions(campaign) if campaign.map else []
    if not questions:
        raise web.HTTPNotFound(text=gettext("Den här medborgardialogen frågar inte om platser."))
    return next((q for q in questions if q.id == wanted), questions[0])


def _view(campaign: Campaign, question: Question, note: PlaceNote, lang: str) -> NoteView:
    zone = campaign.map.zone(note.zone) if note.zone else None
    where = campaign.text(zone.name, lang) if zone else gettext("utanför områdena")
    if note.lat is not None:
        where = f"{where} ({note.lat:.5f}, {note.lon:.5f})"
    option = question.option(note.option) if note.option else None
    pieces = segments(note.text)
    return NoteView(
        note=note,
        when=when_text(campaign, note.submitted_at, lang),
        channel=channel_name(note.channel),
        where=where,
        reason=campaign.text(option.label, lang) if option else None,
        pieces=pieces,
        personal=any(kind for _, kind in pieces),
    )


async def notes_page(request: web.Request) -> web.Response:
    """The notes of a place question, newest first, filtered by status."""
    campaign = campaign_of(request)
    question = _question(campaign, request.query.get("question"))
    status = request.query.get("status") if request.query.get("status") in STATUSES else None
    page = int(request.query["page"]) if request.query.get("page", "").isdigit() else 1
    page = max(page, 1)

    def fetch(db):
        return (
            count_notes(db, campaign.id, question.id, status),
            list_notes(db, campaign.id, question.id, status, page),
        )

    total, found = await request.app[STORE].read(fetch)
    lang = current_language()
    context = {
        "campaign": campaign,
        "active": "comments",
        "question": question,
        "status": status,
        "statuses": [(s, status_name(s)) for s in STATUSES],
        "status_names": {s: status_name(s) for s in STATUSES},
        "total": total,
        "page": page,
        "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        "notes": [_view(campaign, question, note, lang) for note in found],
        "back": request.query_string,
    }
    return render(request, "staff/place_notes.html", context)


async def moderate(request: web.Request) -> web.Response:
    """Save a decision on one place's note."""
    campaign = campaign_of(request)
    form = await request.post()
    question = _question(campaign, str(form.get("question", "")))
    status = str(form.get("status", ""))
    n = str(form.get("n", ""))
    if status not in STATUSES or not n.isdigit():
        raise web.HTTPBadRequest(text=gettext("Välj godkänn, dölj eller ny."))
    response_id = request.match_info["response"]
    user = staff_user(request)

    def save(db):
        done = moderate_note(
            db, campaign.id, response_id, question.id, int(n), status=status, actor=user.username
        )
        if done:
            detail = {
                "response": response_id,
                "question": question.id,
                "n": int(n),
                "status": status,
            }
            audit(db, user.username, "place_note.moderate", campaign.id, detail)
        return done

    if not await request.app[STORE].write(save):
        raise web.HTTPNotFound(text=gettext("Anteckningen finns inte."))
    flash(request, gettext("Anteckningen är sparad: %(status)s.") % {"status": status_name(status)})
    back = {k: v for k, v in request.query.items() if k in ("status", "page", "question")}
    return redirect(
        request, "staff.place_notes", back, anchor=f"n-{response_id}-{n}", campaign=campaign.id
    )
