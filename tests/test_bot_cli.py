"""`medborgardialog bot` as an operator runs it: a subprocess, pointed at the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.process

pytest_plugins = ["tests.bot_fixtures"]


ROOT = Path(__file__).resolve().parent.parent


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MEDBORGAR"))}
    return env | extra


def test_without_a_token_the_bot_says_so_in_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "medborgardialog", "bot", "--db", str(tmp_path / "x.db")],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert 1 == result.returncode
    assert "medborgardialog: error: no bot token: set TELEGRAM_BOT_TOKEN to run the bot\n" == (
        result.stderr
    )
    assert not (tmp_path / "x.db").exists()


async def test_the_bot_command_runs_against_telegram_api_url_and_stops_on_sigterm(tg, tmp_path):
    env = clean_env(
        TELEGRAM_BOT_TOKEN=tg.token,
        TELEGRAM_API_URL=tg.url,
        MEDBORGARDIALOG_SECRET_FILE=str(tmp_path / "bot.secret"),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "medborgardialog", "bot", "--db", str(tmp_path / "bot.db"),
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        user = tg.user(8001, language_code="en")
        await user.start()
        await user.wait_for_text("Demo: Safe and secure", timeout=30)
        assert 5 == tg.count_calls("setMyCommands")  # four languages and the default
        assert "Start or continue" == tg.commands_for("en")[0]["description"]
        assert "Börja eller fortsätt" == tg.commands_for("")[0]["description"]
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert 0 == process.returncode, stderr.decode()
    assert b"the bot @MedborgarBot is running" in stdout
    assert b"Traceback" not in stderr
    assert b"8001" not in stderr and tg.token.encode() not in stderr
    assert "getUpdates" == tg.calls[-1][0] and 0 == tg.calls[-1][1]["timeout"]


async def test_an_unreachable_bot_api_or_a_refused_token_is_one_line(tmp_path, tg):
    from tests.live_server import free_port

    for api, expected in (
        (f"http://127.0.0.1:{free_port()}", "cannot reach the Bot API at http://127.0.0.1:"),
        (tg.url, f"the Bot API at {tg.url} refused the bot token (TELEGRAM_BOT_TOKEN)"),
    ):
        env = clean_env(
            TELEGRAM_BOT_TOKEN="999:WRONG-TOKEN-SECRET",
            TELEGRAM_API_URL=api,
            MEDBORGARDIALOG_SECRET_FILE=str(tmp_path / "bot.secret"),
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "medborgardialog", "bot", "--db", str(tmp_path / "x.db"),
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
        assert 1 == process.returncode
        lines = stderr.decode().strip().splitlines()
        assert lines[-1].startswith("medborgardialog: error: " + expected), lines
        assert not [line for line in lines if "ERROR" in line], lines  # nothing left open
        assert b"WRONG-TOKEN-SECRET" not in stdout + stderr
