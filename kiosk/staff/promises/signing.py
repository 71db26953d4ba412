"""Both parties sign: approvals, publishing the promise or its follow-up, and planning the
follow-up (when, where, what was done per activity)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.clock import app_clock
from kiosk.i18n import gettext
from kiosk.promises.cache import PROMISE_CACHE
from kiosk.staff.access.auth import staff_user
from kiosk.staff.layout import flash, redirect
from kiosk.staff.promises.editor import promise_page, revision_of, save, stored_or_404
from kiosk.staff.promises.forms import FormProblem, day, field, texts
from storage.promise_approvals import SUBJECTS, ApprovalRefused, approve, publish
from survey.promises.promise import FollowUp


def refusal_message(refused: ApprovalRefused, promise) -> str:
    if refused.code == "approval.missing":
        names = ", ".join(promise.text(promise.party(p).name, "sv") for p in refused.parties)
        return gettext("Det saknas godkännande från: %(parties)s.") % {"parties": names}
    return {
        "approval.not_a_party": gettext(
            "Ditt konto hör inte till någon av löftets parter och kan inte godkänna."
        ),
        "followup.missing": gettext("Skriv uppföljningen innan den godkänns och publiceras."),
        "promise.already_published": gettext("Medborgarlöftet är redan publicerat."),
        "followup.already_published": gettext("Uppföljningen är redan publicerad."),
    }.get(refused.code, gettext("Det gick inte."))


def subject_of(form) -> str:
    subject = field(form, "subject")
    if subject not in SUBJECTS:
        raise web.HTTPBadRequest(text=gettext("Begäran gick inte att förstå."))
    return subject


async def _sign(
    request: web.Request, write, refused_status: int, done: Callable[[str], str]
) -> web.Response:
    """Load the promise, read the subject the form names (the promise or its follow-up) and
    write `write` for the account. Then the promise page: with the refusal, or, once
    `done(subject)` has run after the write, with the message it returns."""
    stored = await stored_or_404(request)
    subject = subject_of(await request.post())
    actor = staff_user(request).username
    now = app_clock(request).now()
    try:
        await request.app[STORE].write(write, stored.promise.id, subject, actor, now)
    except ApprovalRefused as refused:
        message = refusal_message(refused, stored.promise)
        return await promise_page(request, [message], refused_status)
    flash(request, done(subject))
    return redirect(request, "staff.promise", promise=stored.promise.id, anchor=f"sign-{subject}")


async def approve_promise(request: web.Request) -> web.Response:
    """Approve the promise (or its follow-up) as it stands, for the account's party."""
    return await _sign(request, approve, 403, lambda _: gettext("Ditt godkännande är registrerat."))


async def publish_promise(request: web.Request) -> web.Response:
    """Publish the promise or its follow-up: only once every party has approved it."""

    def published(subject: str) -> str:
        request.app[PROMISE_CACHE].clear()
        if subject == "promise":
            return gettext("Medborgarlöftet är publicerat.")
        return gettext("Uppföljningen är publicerad.")

    return await _sign(request, publish, 409, published)


async def save_followup(request: web.Request) -> web.Response:
    """Plan the follow-up (date, channels) and write it (text, what was done per activity)."""
    stored = await stored_or_404(request)
    promise = stored.promise
    form = await request.post()
    try:
        if promise.followup and promise.followup.published_at:
            raise FormProblem(gettext("Uppföljningen är redan publicerad."))
        done = {}
        for activity in promise.activities:
            text = texts(form, f"done.{activity.id}", promise, gettext("Vad som gjordes"), False)
            if text:
                done[activity.id] = text
        followup = FollowUp(
            planned=day(form, "planned", gettext("Planerad till")),
            channels=texts(form, "channels", promise, gettext("Var den presenteras")),
            text=texts(form, "text", promise, gettext("Uppföljningen"), required=False),
            done=done,
        )
    except FormProblem as problem:
        return await promise_page(request, [str(problem)], status=422)
    saved = await save(
        request, replace(promise, followup=followup), "followup.edit", revision_of(form, stored)
    )
    flash(
        request,
        gettext("Uppföljningen är sparad.") if saved.changed else gettext("Inget ändrades."),
    )
    return redirect(request, "staff.promise", promise=promise.id, anchor="followup")
