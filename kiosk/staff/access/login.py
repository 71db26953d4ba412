"""Logging in and out. Every failure reads the same, whether the name exists, the password
is wrong or the account is locked: the page never tells a guesser which names are real.

A browser that once logged in as an account keeps a signed "known device" cookie for it,
and the lock of that account does not apply to it: someone guessing from elsewhere can
slow an account down, never lock its owner out (OWASP's device cookies).
"""

from __future__ import annotations

import asyncio
import base64
import hmac

from aiohttp import web

from kiosk.app_keys import CATALOGS, CONFIG, SECRET, STORE
from kiosk.clock import app_clock
from kiosk.i18n import gettext
from kiosk.staff.access.auth import csrf_token, derive_key
from kiosk.staff.access.session import STAFF
from kiosk.staff.layout import flash, render, safe_next, session_of
from storage.staff import audit, get_staff, hash_password, verify_password
from storage.staff_login import end_session, is_locked, open_session, record_failure

DEVICE_COOKIE = "medborgardialog_staff_device"
DEVICE_DAYS = 90
MAX_FIELD = 200
# Compared against when the name is unknown, so that both cases take as long.
_DUMMY_HASH = hash_password("not a password of anyone")


async def login_form(request: web.Request) -> web.Response:
    """The login page (public)."""
    if request.get(STAFF) is not None:
        raise web.HTTPSeeOther(safe_next(request.query.get("next")))
    expired = session_of(request).pop("expired", False)
    return render(
        request,
        "staff/login.html",
        {"next": safe_next(request.query.get("next")), "expired": expired, "failed": False},
    )


async def login(request: web.Request) -> web.Response:
    """Check a name and password; on success start a fresh session (public)."""
    form = await request.post()
    username = str(form.get("username", "")).strip()[:MAX_FIELD]
    password = str(form.get("password", ""))[: MAX_FIELD * 5]
    target = safe_next(str(form.get("next", "")))
    store = request.app[STORE]
    account = await store.read(get_staff, username) if username else None
    trusted = _known_device(request, username)
    locked = account is not None and is_locked(account.locked_until) and not trusted
    stored_hash = account.password_hash if account and not locked else _DUMMY_HASH
    loop = asyncio.get_running_loop()
    # argon2 takes tens of milliseconds of CPU: off the event loop.
    correct = await loop.run_in_executor(None, verify_password, stored_hash, password)
    if account is None or locked or not correct:

        def refuse(db):
            # One write whether or not the name exists: the timing tells a guesser nothing.
            if account is not None and not locked:
                record_failure(db, username)
            detail = {"locked": True} if locked else None
            audit(db, username if account else "-", "login.refused", detail=detail)

        await store.write(refuse)
        context = {"next": target, "expired": False, "failed": True, "username": username}
        return render(request, "staff/login.html", context, status=401)

    def start(db):
        sid = open_session(db, username)
        audit(db, username, "login")
        return sid

    sid = await store.write(start)
    # A fresh session: nothing from before the login is kept but the language.
    session = session_of(request)
    lang = session.get("lang")
    session.clear()
    now = app_clock(request).time()
    session.update({"sid": sid, "at": now, "seen": now})
    if lang:
        session["lang"] = lang
    csrf_token(session)
    response = web.HTTPSeeOther(target)
    _remember_device(request, response, username)
    raise response


async def logout(request: web.Request) -> web.Response:
    """End the session here and in the store."""
    session = session_of(request)
    user = request[STAFF]

    def finish(db):
        end_session(db, session["sid"])
        audit(db, user.username, "logout")

    await request.app[STORE].write(finish)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(request, gettext("Du är utloggad."))
    raise web.HTTPSeeOther("/staff/login")


async def choose_language(request: web.Request) -> web.Response:
    """Switch the staff pages' language (public, so the login page offers it too)."""
    form = await request.post()
    lang = str(form.get("lang", ""))
    if lang in request.app[CATALOGS].languages:
        session_of(request)["lang"] = lang
    raise web.HTTPSeeOther(safe_next(str(form.get("next", ""))))


def _device_mac(request: web.Request, username: str, issued: int) -> str:
    key = derive_key(request.app[SECRET], "staff-known-device")
    mac = hmac.new(key, f"{username}\n{issued}".encode(), "sha256").digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _remember_device(request: web.Request, response: web.StreamResponse, username: str) -> None:
    issued = int(app_clock(request).time())
    name = base64.urlsafe_b64encode(username.encode()).decode()
    response.set_cookie(
        DEVICE_COOKIE,
        f"{name}.{issued}.{_device_mac(request, username, issued)}",
        max_age=DEVICE_DAYS * 86400,
        path="/staff/login",
        httponly=True,
        samesite="Strict",
        secure=request.app[CONFIG].secure_cookies,
    )


def _known_device(request: web.Request, username: str) -> bool:
    """True if this browser carries a valid known-device cookie for `username`."""
    try:
        name, issued, mac = request.cookies.get(DEVICE_COOKIE, "").split(".")
        claimed = base64.urlsafe_b64decode(name.encode()).decode()
        age = app_clock(request).time() - int(issued)
    except ValueError:  # absent, malformed or forged: simply not a known device
        return False
    return (
        claimed == username
        and 0 <= age <= DEVICE_DAYS * 86400
        and hmac.compare_digest(mac, _device_mac(request, username, int(issued)))
    )
