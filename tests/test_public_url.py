"""MEDBORGARDIALOG_PUBLIC_URL: absolute links, and with https, Secure cookies and HSTS."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from kiosk.app import create_app
from kiosk.app_keys import CONFIG
from kiosk.config import WebConfig
from kiosk.edge.links import absolute_url
from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from medborgardialog.settings import Settings
from tests.staff_support import csrf_of

HTTPS = "https://dialog.karlstad.se"


def test_the_setting_is_read_from_the_environment_without_a_trailing_slash():
    env = {"MEDBORGARDIALOG_PUBLIC_URL": "https://kommun.se/dialog/"}
    assert "https://kommun.se/dialog" == Settings.from_env(env=env).public_url
    assert Settings.from_env(env={}).public_url is None


@pytest.mark.parametrize(
    "value", ["dialog.karlstad.se", "ftp://x.se", "https://", "https://x.se/?a=1"]
)
def test_an_address_that_is_not_http_or_https_is_refused_at_start(value):
    with pytest.raises(ValueError, match="MEDBORGARDIALOG_PUBLIC_URL"):
        Settings.from_env(env={"MEDBORGARDIALOG_PUBLIC_URL": value})


@pytest.mark.process
def test_serve_names_the_bad_setting_instead_of_a_traceback(tmp_path):
    env = {**os.environ, "MEDBORGARDIALOG_PUBLIC_URL": "dialog.karlstad.se"}
    done = subprocess.run(
        [sys.executable, "-m", "medborgardialog", "serve", "--db", str(tmp_path / "x.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert 0 != done.returncode
    assert "MEDBORGARDIALOG_PUBLIC_URL" in done.stderr
    assert "Traceback" not in done.stderr


def request_on(config: WebConfig, path: str, host: str = "127.0.0.1:8080"):
    app = web.Application()
    app[CONFIG] = config
    return make_mocked_request("GET", path, headers={"Host": host}, app=app)


def test_absolute_links_use_the_public_address_with_its_path():
    request = request_on(WebConfig(public_url="https://kommun.se/dialog"), "/kiosk/demo/")
    assert "https://kommun.se/dialog/c/demo/follow?lang=ar" == absolute_url(
        request, "/c/demo/follow?lang=ar"
    )


def test_without_a_public_address_links_follow_the_request():
    request = request_on(WebConfig(), "/c/demo/", host="localhost:8080")
    assert "http://localhost:8080/c/demo/follow" == absolute_url(request, "c/demo/follow")


@pytest.fixture
async def https_client(aiohttp_client, settings):
    parts = assemble(replace(settings, public_url=HTTPS))
    return await aiohttp_client(build_app(parts))


async def test_over_https_every_page_sends_hsts_and_every_cookie_is_secure(https_client):
    page = await https_client.get("/?lang=en")
    assert "max-age=31536000" == page.headers["Strict-Transport-Security"]
    assert page.cookies["lang"]["secure"]
    login = await https_client.get("/staff/login")
    assert login.cookies["medborgardialog_staff"]["secure"]
    assert "Strict-Transport-Security" in login.headers
    form = await https_client.post(
        "/staff/login",
        data={"username": "nobody", "password": "x", "csrf": csrf_of(await login.text())},
    )
    assert all("Secure" in cookie for cookie in form.headers.getall("Set-Cookie", ()))


async def test_a_cookie_a_view_sets_without_secure_is_made_secure(
    aiohttp_client, store, campaigns, catalogs
):
    app = create_app(
        WebConfig(public_url=HTTPS, secure_cookies=True), store, campaigns, catalogs, b"k" * 32
    )

    async def careless(request):
        response = web.Response(text="ok")
        response.set_cookie("careless", "1")
        response.set_cookie("careful", "1", secure=True)
        return response

    app.router.add_get("/careless", careless)
    client = await aiohttp_client(app)
    response = await client.get("/careless")
    cookies = response.headers.getall("Set-Cookie")
    assert 2 == len(cookies)
    assert all(cookie.lower().count("secure") == 1 for cookie in cookies)


async def test_over_plain_http_nothing_changes(aiohttp_client, settings):
    client = await aiohttp_client(build_app(assemble(settings)))
    page = await client.get("/?lang=en")
    assert "Strict-Transport-Security" not in page.headers
    assert not page.cookies["lang"]["secure"]
