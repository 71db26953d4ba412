"""A campaign opened while `serve` and a lone `bot` run on the same database: both pick it
up without a restart, and a campaign closed early stops taking answers in both."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from survey.campaign_document import campaign_as_toml
from tests.campaign_copies import demo_copy
from tests.fake_telegram import FakeTelegram
from tests.live_server import free_port

pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent


def env_for(tg: FakeTelegram, tmp_path: Path, bot: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MEDBORGAR"))}
    env |= {"PYTHONPATH": str(ROOT), "MEDBORGARDIALOG_SECRET_FILE": str(tmp_path / "secret")}
    if bot:
        env |= {"TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_API_URL": tg.url}
    return env


async def until(check, what: str, timeout: float = 30.0):
    """Ask `check` again until it gives something; it is a running process, not a clock."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = await check()
        if found:
            return found
        assert loop.time() < deadline, what
        await asyncio.sleep(0.2)


async def status_of(session: aiohttp.ClientSession, url: str) -> int:
    try:
        async with session.get(url) as response:
            return response.status
    except aiohttp.ClientConnectionError:
        return 0


def import_file(tmp_path: Path, db: Path, campaign) -> None:
    path = tmp_path / f"{campaign.id}.toml"
    path.write_text(campaign_as_toml(campaign), encoding="utf-8")
    command = [sys.executable, "-m", "medborgardialog", "campaigns", "import", str(path)]
    subprocess.run([*command, "--db", str(db)], cwd=ROOT, check=True, timeout=60)


async def test_serve_and_a_lone_bot_pick_up_an_opened_and_an_early_closed_campaign(tmp_path):
    db, port = tmp_path / "shared.db", free_port()
    base = f"http://127.0.0.1:{port}"
    serve_command = [sys.executable, "-m", "medborgardialog", "serve", "--db", str(db)]
    async with FakeTelegram() as tg, aiohttp.ClientSession() as session:
        serve = subprocess.Popen(
            [*serve_command, "--port", str(port)],
            cwd=ROOT, env=env_for(tg, tmp_path, bot=False),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        bot = None
        try:
            await until(lambda: status_of(session, f"{base}/healthz"), "serve did not start")
            bot = subprocess.Popen(
                [sys.executable, "-m", "medborgardialog", "bot", "--db", str(db)],
                cwd=ROOT, env=env_for(tg, tmp_path, bot=True),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            user = tg.user(7001, language_code="en")
            await user.start()
            await user.wait_for_text("Demo", timeout=30)
            assert 404 == await status_of(session, f"{base}/api/v1/campaigns/ny-2026")

            import_file(tmp_path, db, demo_copy("ny-2026"))

            async def served() -> bool:
                return 200 == await status_of(session, f"{base}/api/v1/campaigns/ny-2026")

            await until(served, "serve did not pick up the campaign")

            async def bot_knows() -> bool:
                seen = len(user.messages)
                await user.start("ny-2026")
                reply = await user.wait_for(lambda m: m in user.messages[seen:], timeout=10)
                return "was not found" not in (reply.get("text") or "")

            await until(bot_knows, "the lone bot did not pick up the campaign")

            closed = replace(demo_copy("ny-2026"), closed_at=datetime.now(UTC))
            import_file(tmp_path, db, closed)

            async def web_closed() -> bool:
                return 410 == await status_of(session, f"{base}/c/ny-2026/")

            await until(web_closed, "serve did not close the campaign")
        finally:
            for process in (bot, serve):
                if process is not None:
                    process.send_signal(signal.SIGTERM)
                    process.wait(30)
