"""`GET /healthz` as a monitor polls it: the store writable, the bot connected when there is
one; JSON without secrets; 503 when something is wrong."""

from __future__ import annotations

import sqlite3

from aiohttp.test_utils import TestClient, TestServer

from kiosk.edge import health
from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from medborgardialog.settings import Settings
from tests.bot_harness import bot_settings_for
from tests.live_server import free_port

pytest_plugins = ["tests.bot_fixtures"]


async def client_for(settings: Settings) -> tuple[TestClient, object]:
    parts = assemble(settings)
    client = TestClient(TestServer(build_app(parts)))
    await client.start_server()
    return client, parts


async def test_a_writable_store_without_a_bot_is_ok(settings):
    client, _ = await client_for(settings)
    try:
        response = await client.get("/healthz")
        assert 200 == response.status
        assert {"status": "ok", "store": "writable"} == await response.json()
        assert "no-store" == response.headers["Cache-Control"]
    finally:
        await client.close()


async def test_a_store_locked_by_another_process_is_a_503(settings, monkeypatch):
    monkeypatch.setattr(health, "CHECK_SECONDS", 0.5)  # the check's deadline, sooner
    client, parts = await client_for(settings)
    holder = sqlite3.connect(parts.settings.db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        response = await client.get("/healthz")
        assert 503 == response.status
        assert {"status": "failing", "store": "timed out"} == await response.json()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        await client.close()


async def test_the_bot_is_connected_and_no_secret_is_shown(tg, tmp_path):
    settings = bot_settings_for(tg, tmp_path)
    client, _ = await client_for(settings)
    try:
        response = await client.get("/healthz")
        body = await response.text()
        assert 200 == response.status, body
        assert {"status": "ok", "store": "writable", "bot": "connected"} == await response.json()
        assert tg.token not in body and tg.token.split(":")[1] not in body
    finally:
        await client.close()


async def test_a_bot_that_did_not_start_is_a_503(tmp_path):
    settings = Settings.from_env(
        env={"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_URL": f"http://127.0.0.1:{free_port()}"},
        db=tmp_path / "down.db",
        secret_file=tmp_path / "down.secret",
    )
    client, _ = await client_for(settings)
    try:
        response = await client.get("/healthz")
        assert 503 == response.status
        assert {"status": "failing", "store": "writable", "bot": "not running"} == (
            await response.json()
        )
    finally:
        await client.close()
