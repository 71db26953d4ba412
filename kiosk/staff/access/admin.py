"""Administration (admins only): staff accounts, kiosk keys, and the audit log."""

from __future__ import annotations

import asyncio
import re

from aiohttp import web
from yarl import URL

from kiosk.app_keys import CAMPAIGNS, STORE
from kiosk.i18n import gettext
from kiosk.staff.access.audit_page import entry_rows
from kiosk.staff.access.auth import staff_user
from kiosk.staff.layout import flash, redirect, render
from storage.audit_log import recent_audit
from storage.kiosk_credentials import create_kiosk_key, list_kiosk_keys, revoke_kiosk_key
from storage.promise_approvals import set_staff_party, staff_parties
from storage.staff import ROLES, add_staff, audit, hash_password
from storage.staff_login import end_sessions_of, list_staff, unlock
from survey.loader import ID_PATTERN

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
MIN_PASSWORD = 10
SOURCE_LENGTH = 60


async def admin_page(request: web.Request, extra: dict | None = None, status: int = 200):
    """Accounts, kiosk keys per campaign, and the latest audit entries."""
    campaigns = list(request.app[CAMPAIGNS].values())

    def fetch(db):
        keys = {c.id: list_kiosk_keys(db, c.id) for c in campaigns}
        return list_staff(db), keys, recent_audit(db, 10), staff_parties(db)

    accounts, keys, log, parties = await request.app[STORE].read(fetch)
    context = {
        "active": "admin",
        "accounts": accounts,
        "parties": parties,
        "roles": ROLES,
        "keys": keys,
        "log": entry_rows(request, log),
        "problems": [],
        "new_key": None,
    }
    context.update(extra or {})
    return render(request, "staff/admin.html", context, status=status)


async def save_account(request: web.Request) -> web.Response:
    """Create an account, or set a new password and role for one (its sessions end)."""
    form = await request.post()
    username = str(form.get("username", "")).strip().lower()
    role = str(form.get("role", ""))
    password = str(form.get("password", ""))
    party = str(form.get("party", "")).strip().lower() or None
    problems = []
    if party is not None and not ID_PATTERN.match(party):
        problems.append(gettext("Partens id ska vara a–z, 0–9 och bindestreck (t.ex. polisen)."))
    if not USERNAME.fullmatch(username):
        problems.append(
            gettext("Användarnamnet ska vara 2–40 tecken: a–z, 0–9, punkt, bindestreck.")
        )
    if role not in ROLES:
        problems.append(gettext("Välj en roll."))
    if len(password) < MIN_PASSWORD:
        problems.append(
            gettext("Lösenordet ska vara minst %(n)d tecken långt.") % {"n": MIN_PASSWORD}
        )
    elif password != str(form.get("again", "")):
        problems.append(gettext("Lösenorden är olika."))
    if problems:
        return await admin_page(request, {"problems": problems}, status=422)
    loop = asyncio.get_running_loop()
    hashed = await loop.run_in_executor(None, hash_password, password)
    actor = staff_user(request).username

    def save(db):
        created = add_staff(db, username, hashed, role)
        if not created:
            end_sessions_of(db, username)
        set_staff_party(db, username, party)
        audit(
            db,
            actor,
            "staff.add" if created else "staff.password",
            detail={"username": username, "role": role, "party": party},
        )
        return created

    created = await request.app[STORE].write(save)
    flash(
        request,
        gettext("Kontot %(name)s är skapat.") % {"name": username}
        if created
        else gettext("Kontot %(name)s är uppdaterat.") % {"name": username},
    )
    return redirect(request, "staff.admin")


async def unlock_account(request: web.Request) -> web.Response:
    """Let a locked account try again at once."""
    username = request.match_info["username"]
    actor = staff_user(request).username

    def save(db):
        done = unlock(db, username)
        if done:
            audit(db, actor, "staff.unlock", detail={"username": username})
        return done

    if await request.app[STORE].write(save):
        flash(request, gettext("Kontot %(name)s är upplåst.") % {"name": username})
    return redirect(request, "staff.admin")


async def new_kiosk_key(request: web.Request) -> web.Response:
    """Issue a key for a kiosk venue; it is shown this once and never again."""
    form = await request.post()
    campaign = request.app[CAMPAIGNS].get(str(form.get("campaign", "")))
    source = " ".join(str(form.get("source", "")).split())
    if campaign is None or not source or len(source) > SOURCE_LENGTH:
        problem = gettext("Välj en medborgardialog och skriv platsens namn (högst %(n)d tecken).")
        return await admin_page(request, {"problems": [problem % {"n": SOURCE_LENGTH}]}, 422)
    actor = staff_user(request).username

    def save(db):
        key = create_kiosk_key(db, campaign.id, source, actor)
        audit(db, actor, "kiosk_key.create", campaign.id, {"source": source})
        return key

    key = await request.app[STORE].write(save)
    address = request.url.origin().join(URL(f"/kiosk/{campaign.id}/")).with_query(key=key)
    shown = {"campaign": campaign.id, "source": source, "key": key, "address": str(address)}
    return await admin_page(request, {"new_key": shown})


async def revoke_key(request: web.Request) -> web.Response:
    """Stop a kiosk key from working."""
    key_id = request.match_info["key"]
    actor = staff_user(request).username

    def save(db):
        done = key_id.isdigit() and revoke_kiosk_key(db, int(key_id))
        if done:
            audit(db, actor, "kiosk_key.revoke", detail={"key": int(key_id)})
        return done

    if await request.app[STORE].write(save):
        flash(request, gettext("Nyckeln är spärrad."))
    return redirect(request, "staff.admin")
