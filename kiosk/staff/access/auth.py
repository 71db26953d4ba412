"""Who may see the staff pages: encrypted cookie sessions, timeouts, roles, CSRF and Origin.

Everything in the staff sub-application goes through `guard`, which refuses a visitor
without a session unless the route is one of the few `PUBLIC` ones: a new route is
protected by default.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web

from kiosk.app_keys import CONFIG, SECRET, STORE
from kiosk.clock import app_clock
from kiosk.edge.language import use_language
from kiosk.i18n import gettext
from kiosk.staff.access.session import SESSION, STAFF, CookieSessions, Session
from kiosk.staff.layout import error_page
from storage.staff_login import SessionOwner, end_session, session_owner

COOKIE = "medborgardialog_staff"
PUBLIC = frozenset({"staff.login", "staff.language"})
ADMIN_PREFIX = "staff.admin"
# The campaign editor: for organisers (and administrators).
EDITOR_PREFIX = "staff.editor"
EDITORS = frozenset({"admin", "organiser"})
# The live results poll does not count as activity, or an open tab would never time out.
NOT_ACTIVITY = frozenset({"staff.live"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
STAFF_LANGUAGE = "sv"


@dataclass(frozen=True)
class SessionLimits:
    """How long a staff session lasts: without activity, and at most after the login."""

    idle_seconds: int = 30 * 60
    absolute_seconds: int = 10 * 60 * 60


LIMITS = web.AppKey("staff_session_limits", SessionLimits)


def derive_key(secret: bytes, label: str) -> bytes:
    """A 32-byte key for one purpose, so the product's one secret is never used twice."""
    return hmac.new(secret, f"medborgardialog/{label}".encode(), hashlib.sha256).digest()


def staff_middleware(app: web.Application) -> web.middleware:
    """The session and access middleware of the staff sub-application (`app` is its parent)."""
    sessions = CookieSessions(
        derive_key(app[SECRET], "staff-session-cookie"),
        name=COOKIE,
        path="/staff",
        secure=app[CONFIG].secure_cookies,
    )

    @web.middleware
    async def middleware(request: web.Request, handler):
        """Load the session, guard the route, save the session on the way out."""
        session = request[SESSION] = sessions.load(request)
        try:
            response = await guard_and_explain(request, handler)
        except web.HTTPException as redirect:  # a redirect keeps what the session learnt
            sessions.save(redirect, session)
            raise
        if not response.prepared:  # a streamed download has sent its headers already
            sessions.save(response, session)
            response.headers["X-Frame-Options"] = "DENY"
        return response

    return middleware


def route_name(request: web.Request) -> str | None:
    resource = request.match_info.route.resource
    return resource.name if resource is not None else None


async def guard_and_explain(request: web.Request, handler) -> web.StreamResponse:
    """`guard`, with a refusal or error shown as a page (inside the session middleware, so
    a session that ended on the way is still saved)."""
    try:
        return await guard(request, handler)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return error_page(request, error)


async def guard(request: web.Request, handler) -> web.StreamResponse:
    """Check the session, the role, and for a change of state the Origin and CSRF token."""
    session = request[SESSION]
    lang = session.get("lang", STAFF_LANGUAGE)
    use_language(request, lang)
    name = route_name(request)
    user = await _current_user(request, session, name)
    request[STAFF] = user
    if name not in PUBLIC and user is None:
        if request.method == "GET" and name not in NOT_ACTIVITY:
            raise web.HTTPSeeOther(f"/staff/login?next={request.path_qs}")
        raise web.HTTPUnauthorized(text=gettext("Du är inte inloggad."))
    if user is not None and (name or "").startswith(ADMIN_PREFIX) and user.role != "admin":
        raise web.HTTPForbidden(text=gettext("Den här sidan är bara för administratörer."))
    if user is not None and (name or "").startswith(EDITOR_PREFIX) and user.role not in EDITORS:
        raise web.HTTPForbidden(text=gettext("Den här sidan är bara för arrangörer."))
    if request.method not in SAFE_METHODS:
        await _check_origin_and_token(request, session)
    csrf_token(session)
    return await handler(request)


async def _current_user(
    request: web.Request, session: Session, name: str | None
) -> SessionOwner | None:
    """The session's owner, or None; ends a session past its idle or absolute limit."""
    sid = session.get("sid")
    if not sid:
        return None
    limits = request.app[LIMITS]
    now = app_clock(request).time()
    if (
        now - session.get("seen", 0) > limits.idle_seconds
        or now - session.get("at", 0) > limits.absolute_seconds
    ):
        await request.app[STORE].write(end_session, sid)
        _forget(session, expired=True)
        return None
    owner = await request.app[STORE].read(session_owner, sid)
    if owner is None:
        _forget(session)
        return None
    if name not in NOT_ACTIVITY:
        session["seen"] = now
    return owner


def _forget(session: Session, expired: bool = False) -> None:
    """Drop the login from the session, keeping only the language (and why it ended)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    if expired:
        session["expired"] = True


def csrf_token(session: Session) -> str:
    """The session's CSRF token, made on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


async def _check_origin_and_token(request: web.Request, session: Session) -> None:
    """Refuse a change sent from another site, or without this session's CSRF token."""
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if origin is not None and urlsplit(origin).netloc != request.host:
        raise web.HTTPForbidden(text=gettext("Begäran kom från en annan webbplats."))
    sent = request.headers.get("X-CSRF-Token")
    if sent is None and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        try:
            sent = (await request.post()).get("csrf")
        except web.HTTPRequestEntityTooLarge as error:
            raise web.HTTPRequestEntityTooLarge(
                max_size=request.client_max_size,
                actual_size=request.content_length or 0,
                text=gettext("Filen är för stor: högst %(mb)d MB.")
                % {"mb": request.client_max_size // 2**20},
            ) from error
    expected = session.get("csrf")
    if not (
        isinstance(sent, str) and expected and hmac.compare_digest(sent.encode(), expected.encode())
    ):
        raise web.HTTPForbidden(
            text=gettext("Formuläret har gått ut. Ladda om sidan och försök igen.")
        )


def staff_user(request: web.Request) -> SessionOwner:
    """The logged-in staff member of a protected view."""
    return request[STAFF]
