"""A newcomer's first start: `medborgardialog demo` honours the environment `serve` reads,
comes with sample answers marked as such, and an admin removes them in one click."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

import pytest

from tests.demo_process import DemoProcess, StaffBrowser
from tests.fake_telegram import FakeTelegram

pytestmark = pytest.mark.process


def test_the_demo_reads_the_environment_and_brings_sample_answers(tmp_path):
    env = {"MEDBORGARDIALOG_KIOSK_IDLE_WARNING": "17", "MEDBORGARDIALOG_DB": str(tmp_path / "x")}
    demo = DemoProcess(tmp_path, env)
    try:
        assert "sample answers" in demo.printed
        db = tmp_path / "medborgardialog-demo.db"
        assert db.exists() and not (tmp_path / "x").exists()
        staff = StaffBrowser(demo.base)
        kiosk = staff.get("/kiosk/demo/?source=demo-kiosk")
        data = re.search(r'id="kiosk-data">(.*?)</script>', kiosk).group(1)
        assert 17 == json.loads(data)["idle_warning"]
        with sqlite3.connect(db) as conn:
            total, days, channels, sources, locales = conn.execute(
                "SELECT count(*), count(DISTINCT substr(submitted_at, 1, 10)), "
                "count(DISTINCT channel), count(DISTINCT source), "
                "(SELECT count(DISTINCT locale) FROM responses WHERE comment IS NOT NULL) "
                "FROM responses WHERE campaign = 'demo' AND sample = 1"
            ).fetchone()
        assert total >= 300
        assert days >= 10
        assert 4 == channels
        assert sources >= 3
        assert locales >= 3

        staff.log_in("demo-admin", demo.password)
        results = staff.get("/staff/c/demo/")
        assert "Exempeldata:" in results
        admin = staff.post("/staff/admin/sample-data/delete", {}, "/staff/admin/")
        assert f"{total} exempelsvar är borttagna." in admin
        assert "Exempeldata:" not in staff.get("/staff/c/demo/")
        with sqlite3.connect(db) as conn:
            assert (0,) == conn.execute("SELECT count(*) FROM responses").fetchone()
            actions = [a for (a,) in conn.execute("SELECT action FROM audit ORDER BY id")]
        assert "sample_data.remove" in actions
    finally:
        demo.stop()


def test_a_second_start_does_not_bring_the_sample_answers_back(tmp_path):
    first = DemoProcess(tmp_path)
    first.stop()
    db = tmp_path / "medborgardialog-demo.db"
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM responses")
    second = DemoProcess(tmp_path)
    try:
        assert "sample answers" not in second.printed
    finally:
        second.stop()
    with sqlite3.connect(db) as conn:
        assert (0,) == conn.execute("SELECT count(*) FROM responses").fetchone()


async def test_with_a_bot_token_the_demo_runs_the_bot_too(tmp_path):
    """The README says the demo starts everything: with TELEGRAM_BOT_TOKEN, the bot too."""
    async with FakeTelegram() as tg:
        env = {"TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_API_URL": tg.url}
        # Started and stopped from a thread: the fake Bot API answers on this loop meanwhile.
        demo = await asyncio.to_thread(DemoProcess, tmp_path, env, "--no-sample-data")
        try:
            user = tg.user(7001, language_code="sv")
            await user.start()
            await user.wait_for_text("Demo: Trygg och säker")
        finally:
            await asyncio.to_thread(demo.stop)
