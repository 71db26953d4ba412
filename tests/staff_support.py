"""Helpers for the staff tests: the real app, accounts, logging in, reading forms."""

from __future__ import annotations

import re
import uuid

from aiohttp import web
from argon2 import PasswordHasher, profiles

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage import Store
from storage.staff import add_staff
from survey import Response

PASSWORD = "correct horse battery staple"
SECRET = bytes(range(32))
# The accounts of a test run share one hash, argon2id at its cheapest settings (each login
# verifies it; the production settings are checked in tests/test_cli.py).
_HASH = PasswordHasher.from_parameters(profiles.CHEAPEST).hash(PASSWORD)


def staff_app(store: Store, campaigns, catalogs, clock=None, **config) -> web.Application:
    return create_app(WebConfig(**config), store, campaigns, catalogs, SECRET, clock=clock)


async def add_account(store: Store, username: str = "kim", role: str = "analyst") -> None:
    await store.write(add_staff, username, _HASH, role)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


async def log_in(client, username: str = "kim", password: str = PASSWORD):
    """Log in through the form; returns the response of the login POST (not followed)."""
    page = await client.get("/staff/login")
    token = csrf_of(await page.text())
    return await client.post(
        "/staff/login",
        data={"username": username, "password": password, "csrf": token, "next": "/staff/"},
        allow_redirects=False,
    )


async def token(client, path: str = "/staff/") -> str:
    """The CSRF token of the logged-in session, read from a page."""
    page = await client.get(path)
    return csrf_of(await page.text())


def answer(
    campaign: str = "demo",
    channel: str = "web",
    areas=("violence-public", "unsafe-places", "traffic"),
    comment: str | None = None,
    source: str | None = None,
    answers: dict | None = None,
) -> Response:
    return Response(
        id=str(uuid.uuid4()),
        campaign=campaign,
        channel=channel,
        locale="sv",
        areas=tuple(areas),
        comment=comment,
        source=source,
        answers=answers or {},
    )
