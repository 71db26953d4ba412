"""Who may use the staff pages: login, sessions, timeouts, roles, CSRF, lockout."""

from __future__ import annotations

import re

import pytest

from kiosk.staff.access.auth import LIMITS, PUBLIC, SessionLimits
from storage.staff_login import FREE_ATTEMPTS
from tests.fake_clock import FakeClock
from tests.staff_support import PASSWORD, add_account, csrf_of, log_in, staff_app, token

FAILED = "Inloggningen misslyckades"


@pytest.fixture
async def app(store, campaigns, catalogs):
    return staff_app(store, campaigns, catalogs)


@pytest.fixture
async def client(aiohttp_client, app, store):
    await add_account(store, "kim", "analyst")
    await add_account(store, "ada", "admin")
    return await aiohttp_client(app)


def staff_routes(app):
    """Every route of the staff sub-application, with a path that fills in its variables."""
    for resource in app.router.resources():
        info = resource.get_info()
        if info.get("prefix") != "/staff":
            continue
        for route in info["app"].router.routes():
            sub = route.resource.get_info()
            path = sub.get("path") or sub.get("formatter") or ""  # with the prefix
            filled = re.sub(
                r"\{(\w+)(:[^}]*)?\}",
                lambda m: {"format": "csv", "table": "tally"}.get(m.group(1), "demo"),
                path,
            )
            yield route.method, filled, route.resource.name


def main_app_paths(app):
    """The paths of the main app's own routes (not those of its sub-applications)."""
    for resource in app.router.resources():
        info = resource.get_info()
        if "app" not in info:
            yield info.get("path") or info.get("formatter") or info.get("prefix") or ""


async def test_every_staff_route_refuses_a_visitor_without_a_session(app, client):
    assert {"staff.login", "staff.language"} == PUBLIC  # a public page is a deliberate choice
    checked = []
    for method, path, name in staff_routes(app):
        if name in PUBLIC or method == "HEAD":
            continue
        response = await client.request(method, path, allow_redirects=False)
        checked.append(path)
        if method == "GET" and name != "staff.live":
            assert 303 == response.status, path
            assert response.headers["Location"].startswith("/staff/login?next="), path
        else:
            assert 401 == response.status, (method, path)
    assert len(checked) >= 20  # the inventory found the routes, not nothing


def test_no_staff_page_is_added_outside_the_staff_application(app):
    """A route under /staff/ on the main app would miss the login check: there are none."""
    assert [] == [path for path in main_app_paths(app) if path.startswith("/staff/")]
    assert "/staff" in main_app_paths(app)  # the way in without the slash


async def test_staff_without_the_slash_leads_to_the_staff_pages_and_is_never_framed(client):
    response = await client.get("/staff", allow_redirects=False)
    assert (303, "/staff/") == (response.status, response.headers["Location"])
    assert "DENY" == response.headers["X-Frame-Options"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


async def test_a_login_opens_a_fresh_session_in_a_safe_cookie(client):
    before = await client.get("/staff/login")
    cookie_before = before.cookies["medborgardialog_staff"].value
    response = await log_in(client)
    assert 303 == response.status
    assert "/staff/" == response.headers["Location"]
    cookie = response.cookies["medborgardialog_staff"]
    assert cookie.value != cookie_before
    assert cookie["httponly"] and "Lax" == cookie["samesite"] and "/staff" == cookie["path"]
    assert not cookie["secure"]
    page = await client.get("/staff/")
    assert 200 == page.status
    assert "kim" in await page.text()
    assert "no-store" == page.headers["Cache-Control"]


async def test_cookies_are_secure_behind_https(aiohttp_client, store, campaigns, catalogs):
    client = await aiohttp_client(staff_app(store, campaigns, catalogs, secure_cookies=True))
    page = await client.get("/staff/login")
    assert page.cookies["medborgardialog_staff"]["secure"]


async def test_logging_out_ends_the_session_even_for_a_copied_cookie(client):
    await log_in(client)
    stolen = client.session.cookie_jar.filter_cookies(client.make_url("/staff/"))
    copied = stolen["medborgardialog_staff"].value
    out = await client.post(
        "/staff/logout", data={"csrf": await token(client)}, allow_redirects=False
    )
    assert 303 == out.status
    client.session.cookie_jar.update_cookies({"medborgardialog_staff": copied})
    again = await client.get("/staff/", allow_redirects=False)
    assert 303 == again.status


async def test_idle_and_absolute_timeouts(aiohttp_client, store, campaigns, catalogs):
    await add_account(store)
    clock = FakeClock()
    app = staff_app(store, campaigns, catalogs, clock=clock)
    app[LIMITS] = SessionLimits(idle_seconds=60, absolute_seconds=3600)
    client = await aiohttp_client(app)
    await log_in(client)
    assert 200 == (await client.get("/staff/", allow_redirects=False)).status
    clock.advance(61)
    idle = await client.get("/staff/", allow_redirects=False)
    assert 303 == idle.status
    login = await client.get(idle.headers["Location"])
    assert "utan aktivitet" in await login.text()
    await log_in(client)
    lasted = 0
    for seconds in range(50, 4000, 50):  # active every 50 s, yet the login ends after an hour
        clock.advance(50)
        if (await client.get("/staff/", allow_redirects=False)).status != 200:
            break
        lasted = seconds
    assert 3600 == lasted


async def test_a_wrong_password_and_an_unknown_name_read_the_same(client):
    wrong = await log_in(client, "kim", "not the password")
    unknown = await log_in(client, "nobody", "not the password")
    assert 401 == wrong.status == unknown.status
    assert FAILED in await wrong.text() and FAILED in await unknown.text()


async def test_repeated_failures_lock_the_account_but_not_its_usual_browser(
    aiohttp_client, app, client, store
):
    usual = client
    assert 303 == (await log_in(usual)).status  # this browser is now known for kim
    attacker = await aiohttp_client(app)
    for _ in range(FREE_ATTEMPTS):
        assert 401 == (await log_in(attacker, "kim", "guess")).status
    locked = await log_in(attacker, "kim", PASSWORD)
    assert 401 == locked.status
    assert FAILED in await locked.text()
    other = await aiohttp_client(app)
    assert 401 == (await log_in(other, "kim", PASSWORD)).status
    assert 303 == (await log_in(usual)).status
    assert 303 == (await log_in(other, "ada", PASSWORD)).status  # other accounts unaffected


async def test_a_lock_wears_off(aiohttp_client, app, client, store):
    for _ in range(FREE_ATTEMPTS):
        await log_in(client, "kim", "guess")
    assert 401 == (await log_in(client, "kim", PASSWORD)).status
    await store.write(
        lambda db: db.conn.execute("UPDATE staff SET locked_until = '2000-01-01T00:00:00+00:00'")
    )
    assert 303 == (await log_in(client, "kim", PASSWORD)).status
    (failures,) = await store.read(
        lambda db: db.conn.execute(
            "SELECT failed_logins FROM staff WHERE username = 'kim'"
        ).fetchone()
    )
    assert 0 == failures


async def test_a_change_without_the_csrf_token_is_refused(client):
    await log_in(client)
    no_token = await client.post(
        "/staff/c/demo/tags", data={"name": "Trafik"}, allow_redirects=False
    )
    assert 403 == no_token.status
    assert "Formuläret har gått ut" in await no_token.text()
    wrong = await client.post(
        "/staff/c/demo/tags", data={"name": "Trafik", "csrf": "x" * 43}, allow_redirects=False
    )
    assert 403 == wrong.status
    good = await token(client)
    elsewhere = await client.post(
        "/staff/c/demo/tags",
        data={"name": "Trafik", "csrf": good},
        headers={"Origin": "https://evil.example"},
        allow_redirects=False,
    )
    assert 403 == elsewhere.status
    fine = await client.post(
        "/staff/c/demo/tags", data={"name": "Trafik", "csrf": good}, allow_redirects=False
    )
    assert 303 == fine.status


async def test_a_login_without_the_form_token_is_refused(client):
    response = await client.post(
        "/staff/login", data={"username": "kim", "password": PASSWORD}, allow_redirects=False
    )
    assert 403 == response.status


async def test_administration_is_for_admins_only(aiohttp_client, app, client):
    await log_in(client, "kim")
    assert 403 == (await client.get("/staff/admin/")).status
    admin = await aiohttp_client(app)
    await log_in(admin, "ada")
    page = await admin.get("/staff/admin/")
    assert 200 == page.status
    assert "Granskningslogg" in await page.text()


async def test_the_audit_log_records_logins(client, store):
    await log_in(client, "kim", "wrong password!")
    await log_in(client, "kim")
    actions = await store.read(
        lambda db: db.conn.execute("SELECT actor, action FROM audit ORDER BY id").fetchall()
    )
    assert [("kim", "login.refused"), ("kim", "login")] == actions[-2:]


async def test_the_next_page_is_only_ever_a_staff_page(client):
    page = await client.get("/staff/login?next=https://evil.example/")
    assert 'name="next" value="/staff/"' in await page.text()
    response = await client.post(
        "/staff/login",
        data={
            "username": "kim",
            "password": PASSWORD,
            "csrf": csrf_of(await page.text()),
            "next": "//evil.example/staff/",
        },
        allow_redirects=False,
    )
    assert "/staff/" == response.headers["Location"]
