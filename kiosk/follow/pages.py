"""The pages where a resident asks to hear back by e-mail, confirms, stops, and answers the
follow-up question: no login, each link carries a token only this server can make.

E-mail is offered only when the product has an SMTP server (`FOLLOW_MAILER` is set).
"""

from __future__ import annotations

import io
from typing import Any, Protocol

import aiohttp_jinja2
import segno
from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, SECRET, STORE
from kiosk.clock import CLOCK, app_clock
from kiosk.follow.signup_limits import RESEND_SECONDS, SIGNUP_LIMITS, SignupLimits
from kiosk.i18n import current_language
from kiosk.i18n import gettext as _
from storage import subscriptions
from storage.contacts import ContactBox
from survey import Campaign
from survey.contact_address import is_email
from survey.promises.notice_text import followup_options, question

CONSENT_TEXT_VERSION = "web-notices-1"


class Mailer(Protocol):
    async def send_confirmation(self, to: str, subscription: int, lang: str, base: str) -> None: ...


FOLLOW_MAILER = web.AppKey("follow_mailer", Mailer)


def setup_follow_pages(app: web.Application) -> None:
    """The subscription pages; templates may ask `follow_by_mail(app)` whether to offer it."""
    aiohttp_jinja2.get_env(app).globals["follow_by_mail"] = lambda: app.get(FOLLOW_MAILER)
    app[SIGNUP_LIMITS] = SignupLimits(app[CLOCK])
    add = app.router.add_route
    add("GET", "/c/{campaign}/follow", follow_form, name="follow.form")
    add("GET", "/c/{campaign}/follow.svg", follow_code, name="follow.code")
    add("POST", "/c/{campaign}/follow", follow_submit, name="follow.submit")
    for purpose in ("confirm", "stop", "answer"):
        add("GET", f"/follow/{purpose}/{{token}}", token_page, name=f"follow.{purpose}")
        add("POST", f"/follow/{purpose}/{{token}}", token_post, name=f"follow.{purpose}_post")


def follow_address(request: web.Request, campaign: Campaign) -> str:
    """The sign-up page's address as a resident types it (the public address, if set)."""
    mailer = request.app.get(FOLLOW_MAILER)
    base = getattr(mailer, "public_url", "") or f"{request.scheme}://{request.host}"
    return f"{base}/c/{campaign.id}/follow"


async def follow_code(request: web.Request) -> web.Response:
    """A QR code of the sign-up page, for the kiosk's thank-you: opened on one's own phone."""
    campaign = _campaign(request)
    if request.app.get(FOLLOW_MAILER) is None:
        raise web.HTTPNotFound()
    code = segno.make(follow_address(request, campaign) + "?via=kiosk", error="m")
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        scale=6,
        border=2,
        xmldecl=False,
        title=_("Vill du få veta vad som händer?"),
    )
    return web.Response(body=buffer.getvalue(), content_type="image/svg+xml")


def _campaign(request: web.Request) -> Campaign:
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        raise web.HTTPNotFound()
    return campaign


def _areas(campaign: Campaign, lang: str) -> list[tuple[str, str]]:
    return [(area.id, campaign.text(area.label, lang)) for area in campaign.areas]


def _zones(campaign: Campaign, given) -> list[str]:
    """The zones of the campaign's map among `given` (where the resident marked places)."""
    area_map = campaign.map
    known = [str(z) for z in given if area_map is not None and area_map.zone(str(z)) is not None]
    return list(dict.fromkeys(known))


def _form(
    request, campaign, *, chosen=(), zones=(), email="", error=None, status=200
) -> web.Response:
    lang = current_language()
    context = {
        "campaign_id": campaign.id,
        "title": campaign.text(campaign.title, lang),
        "organisers": campaign.organisers,
        "areas": _areas(campaign, lang),
        "chosen": set(chosen),
        "zone_ids": list(zones),
        "email": email,
        "error": error,
        "offered": request.app.get(FOLLOW_MAILER) is not None,
        "via": "kiosk" if request.query.get("via") == "kiosk" else "web",
    }
    return aiohttp_jinja2.render_template("follow/form.html", request, context, status=status)


async def follow_form(request: web.Request) -> web.Response:
    """The sign-up: e-mail address, areas, and the consent (off until ticked)."""
    campaign = _campaign(request)
    chosen = [a for a in request.query.getall("area", []) if campaign.area(a) is not None]
    return _form(
        request, campaign, chosen=chosen, zones=_zones(campaign, request.query.getall("zone", []))
    )


async def follow_submit(request: web.Request) -> web.Response:
    """Keep the address (encrypted, unconfirmed) and send the confirmation link."""
    campaign = _campaign(request)
    mailer = request.app.get(FOLLOW_MAILER)
    if mailer is None:
        return _form(request, campaign, status=404)
    form = await request.post()
    email = str(form.get("email", "")).strip()
    chosen = [a for a in form.getall("area", []) if campaign.area(str(a)) is not None]
    zones = _zones(campaign, form.getall("zone", []))
    if form.get("consent") != "yes":
        error = _("Kryssa i att du vill få meddelanden, annars sparar vi ingenting.")
    elif not is_email(email):
        error = _("Skriv en e-postadress, till exempel namn@example.se.")
    elif not chosen:
        error = _("Välj minst ett område.")
    else:
        error = None
    if error is not None:
        return _form(
            request, campaign, chosen=chosen, zones=zones, email=email, error=error, status=422
        )
    box, lang = ContactBox(request.app[SECRET]), current_language()
    contact_key = box.key("email", email)
    refused = request.app[SIGNUP_LIMITS].refusal(contact_key)
    if refused is not None:
        return _too_often(request, refused)
    new = subscriptions.NewSubscription(
        channel="email",
        contact=box.seal(email),
        contact_key=contact_key,
        campaign=campaign.id,
        areas=tuple(str(a) for a in chosen),
        zones=tuple(zones),
        locale=lang,
        consent_channel=str(form.get("via") or "web")[:16],
        consent_text=CONSENT_TEXT_VERSION,
    )
    now = app_clock(request).now()
    subscription = await request.app[STORE].write(subscriptions.subscribe, new, now)
    await mailer.send_confirmation(email, subscription, lang, f"{request.scheme}://{request.host}")
    return _message(request, _("Titta i din e-post"), [
        _("Vi har skickat en länk till din adress. Öppna den inom 48 timmar för att bekräfta."),
    ])  # fmt: skip


def _too_often(request: web.Request, why: str) -> web.Response:
    """429: a mail went to this address a moment ago, or very many are going out."""
    if why == "address":
        line = _("Vi har nyss skickat en länk till den adressen. Titta i din e-post, även i "
                 "skräpposten, eller försök igen om en stund.")  # fmt: skip
    else:
        line = _("Just nu kommer väldigt många anmälningar. Försök igen om en stund.")
    response = _message(request, _("Försök igen om en stund"), [line], status=429)
    response.headers["Retry-After"] = str(int(RESEND_SECONDS))
    return response


def _message(request, heading: str, lines: list[str], *, form: dict | None = None, status=200):
    context: dict[str, Any] = {"heading": heading, "lines": lines, "form": form}
    return aiohttp_jinja2.render_template("follow/message.html", request, context, status=status)


def _subscription_id(request: web.Request, purpose: str) -> int:
    found = ContactBox(request.app[SECRET]).check_token(request.match_info["token"], purpose)
    if found is None:
        raise web.HTTPNotFound()
    return found


def _purpose(request: web.Request) -> str:
    return request.match_info.route.name.split(".")[1].removesuffix("_post")


async def token_page(request: web.Request) -> web.Response:
    """A link from a mail: a page with the button that does it (link checkers only look)."""
    purpose = _purpose(request)
    sid = _subscription_id(request, purpose)
    row = await request.app[STORE].read(subscriptions.get, sid)
    if row is None:
        return _gone(request)
    action = request.path
    if purpose == "confirm":
        return _message(request, _("Bekräfta din prenumeration"), [
            _("Tryck på knappen för att börja få meddelanden om det som händer i dina områden."),
        ], form={"action": action, "buttons": [("confirm", _("Bekräfta"))]})  # fmt: skip
    if purpose == "stop":
        buttons = [("stop", _("Avsluta prenumerationen"))]
        return _message(request, _("Sluta få meddelanden"), [
            _("Tryck på knappen, så raderar vi din adress och din prenumeration på en gång."),
        ], form={"action": action, "buttons": buttons})  # fmt: skip
    return _message(request, question(_), [], form={
        "action": action, "buttons": list(followup_options(_)), "name": "answer",
    })  # fmt: skip


def _gone(request: web.Request) -> web.Response:
    return _message(
        request,
        _("Prenumerationen finns inte"),
        [_("Den har avslutats eller löpt ut.")],
        status=410,
    )


async def token_post(request: web.Request) -> web.Response:
    """Confirm, stop (also RFC 8058 one-click, from the mail program) or answer."""
    purpose = _purpose(request)
    sid = _subscription_id(request, purpose)
    store = request.app[STORE]
    if purpose == "stop":
        await store.write(subscriptions.unsubscribe, sid)
        return _message(request, _("Prenumerationen är avslutad"), [
            _("Vi har raderat din adress. Du får inga fler meddelanden."),
        ])  # fmt: skip
    if purpose == "confirm":
        if not await store.write(subscriptions.confirm, sid, app_clock(request).now()):
            return _gone(request)
        return _message(request, _("Tack! Prenumerationen är bekräftad"), [
            _("Du får högst ett meddelande om dagen, bara när något händer i dina områden."),
        ])  # fmt: skip
    answer = str((await request.post()).get("answer", ""))
    outcome = await store.write(subscriptions.answer_followup, sid, answer)
    if outcome == "unknown" and answer not in subscriptions.FOLLOWUP_ANSWERS:
        raise web.HTTPBadRequest()
    if outcome == "unknown":
        return _gone(request)
    heading = _("Tack för ditt svar!") if outcome == "counted" else _("Du har redan svarat. Tack!")
    return _message(request, heading, [_("Svaren räknas utan koppling till dig.")])
