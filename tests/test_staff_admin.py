"""Administration: accounts, kiosk keys, unlocking, and the audit trail of it all."""

from __future__ import annotations

import re

import pytest

from storage.kiosk_credentials import kiosk_key_source, list_kiosk_keys
from storage.staff import get_staff
from tests.staff_support import PASSWORD, add_account, log_in, staff_app, token


@pytest.fixture
async def admin(aiohttp_client, store, campaigns, catalogs):
    await add_account(store, "ada", "admin")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    await log_in(client, "ada")
    return client


async def test_an_admin_creates_an_account_that_can_log_in(admin, store, aiohttp_client):
    csrf = await token(admin, "/staff/admin/")
    form = {
        "csrf": csrf,
        "username": "Bo.Ek",
        "role": "analyst",
        "password": "ett långt lösenord",
        "again": "ett långt lösenord",
    }
    response = await admin.post("/staff/admin/staff", data=form)
    assert "Kontot bo.ek är skapat." in await response.text()
    account = await store.read(get_staff, "bo.ek")
    assert "analyst" == account.role and account.password_hash.startswith("$argon2id$")
    other = await aiohttp_client(admin.app)
    assert 303 == (await log_in(other, "bo.ek", "ett långt lösenord")).status


async def test_a_weak_or_mistyped_password_is_refused(admin, store):
    csrf = await token(admin, "/staff/admin/")
    short = await admin.post(
        "/staff/admin/staff",
        data={
            "csrf": csrf,
            "username": "bo",
            "role": "analyst",
            "password": "kort",
            "again": "kort",
        },
    )
    assert 422 == short.status
    assert "Lösenordet ska vara minst 10 tecken långt." in await short.text()
    mistyped = await admin.post(
        "/staff/admin/staff",
        data={
            "csrf": csrf,
            "username": "bo",
            "role": "analyst",
            "password": PASSWORD,
            "again": "x",
        },
    )
    assert "Lösenorden är olika." in await mistyped.text()
    assert await store.read(get_staff, "bo") is None


async def test_a_new_password_ends_the_accounts_sessions(admin, store, aiohttp_client):
    await add_account(store, "kim", "analyst")
    kim = await aiohttp_client(admin.app)
    await log_in(kim, "kim")
    assert 200 == (await kim.get("/staff/", allow_redirects=False)).status
    csrf = await token(admin, "/staff/admin/")
    await admin.post(
        "/staff/admin/staff",
        data={
            "csrf": csrf,
            "username": "kim",
            "role": "admin",
            "password": "ett nytt lösenord!",
            "again": "ett nytt lösenord!",
        },
    )
    assert 303 == (await kim.get("/staff/", allow_redirects=False)).status


async def test_a_kiosk_key_is_shown_once_works_and_can_be_revoked(admin, store):
    csrf = await token(admin, "/staff/admin/")
    response = await admin.post(
        "/staff/admin/kiosk-keys", data={"csrf": csrf, "campaign": "demo", "source": "Mitt i City"}
    )
    html = await response.text()
    key = re.search(r"/kiosk/demo/\?key=([\w-]+)", html).group(1)
    assert "Mitt i City" == await store.read(kiosk_key_source, "demo", key)
    again = await (await admin.get("/staff/admin/")).text()
    assert key not in again
    (issued,) = await store.read(list_kiosk_keys, "demo")
    await admin.post(f"/staff/admin/kiosk-keys/{issued.id}/revoke", data={"csrf": csrf})
    assert await store.read(kiosk_key_source, "demo", key) is None
    actions = await store.read(
        lambda db: [
            row[0]
            for row in db.conn.execute(
                "SELECT action FROM audit WHERE action LIKE 'kiosk_key.%' ORDER BY id"
            )
        ]
    )
    assert ["kiosk_key.create", "kiosk_key.revoke"] == actions


async def test_an_admin_unlocks_a_locked_account(admin, store, aiohttp_client):
    await add_account(store, "kim", "analyst")
    guesser = await aiohttp_client(admin.app)
    for _ in range(6):
        await log_in(guesser, "kim", "guess")
    assert 401 == (await log_in(guesser, "kim")).status
    csrf = await token(admin, "/staff/admin/")
    await admin.post("/staff/admin/staff/kim/unlock", data={"csrf": csrf})
    assert 303 == (await log_in(guesser, "kim")).status
