"""A restart of `serve` (SIGKILL, no goodbye) in the middle of 1,000 notices loses none, and
repeats only those that were in flight when it died."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from medborgardialog.notice_sender import SenderOptions
from medborgardialog.settings import load_secret
from storage import open_database
from storage.contacts import ContactBox
from storage.events import record_event
from storage.subscriptions import NewSubscription, subscribe
from tests.fake_telegram import FakeTelegram
from tests.live_server import free_port
from tests.notice_helpers import activity_moved, rows

pytestmark = pytest.mark.process

SUBSCRIBERS = 1000
FIRST_CHAT = 800_000


def owe_notices(db_path: Path, secret: bytes) -> None:
    """1,000 Telegram subscribers of the demo campaign, and one event that concerns them all."""
    box, now = ContactBox(secret), datetime.now(UTC)
    db = open_database(db_path)
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for chat in range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS):
            new = NewSubscription(
                "telegram", box.seal(str(chat)), box.key("telegram", str(chat)), "demo",
                ("unsafe-places",), "sv", "telegram", "test", confirmed=True,
            )  # fmt: skip
            subscribe(db, new, now)
        record_event(db, activity_moved(("unsafe-places",)), now)
    db.conn.close()


def start_serve(tg: FakeTelegram, db: Path, secret_file: Path, log) -> subprocess.Popen:
    env = os.environ | {
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_URL": tg.url,
        "MEDBORGARDIALOG_SECRET_FILE": str(secret_file),
        "MEDBORGARDIALOG_NOTICE_DIGEST": "0",
        "MEDBORGARDIALOG_NOTICE_POLL": "0.1",
        "MEDBORGARDIALOG_NOTICE_LEASE": "3",
    }
    command = [sys.executable, "-m", "medborgardialog", "serve", "--db", str(db)]
    command += ["--port", str(free_port())]
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


async def wait_sent(tg: FakeTelegram, at_least: int, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while tg.count_calls("sendMessage") < at_least:
        assert loop.time() < deadline, f"only {tg.count_calls('sendMessage')} notices were sent"
        await asyncio.sleep(0.05)


async def test_a_killed_serve_delivers_each_notice_once_after_its_restart(tmp_path):
    db, secret_file = tmp_path / "serve.db", tmp_path / "serve.secret"
    owe_notices(db, load_secret(secret_file))
    log = (tmp_path / "serve.log").open("wb")
    async with FakeTelegram() as tg:
        for chat in range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS):
            tg.user(chat)
        first = start_serve(tg, db, secret_file, log)
        try:
            await wait_sent(tg, 150, timeout=60)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        assert -signal.SIGKILL == first.returncode
        before = tg.count_calls("sendMessage")
        assert before < SUBSCRIBERS  # it died in the middle
        second = start_serve(tg, db, secret_file, log)
        try:
            await wait_sent(tg, SUBSCRIBERS, timeout=120)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 60
            while rows(db, "SELECT count(*) FROM notices WHERE sent_at IS NULL")[0][0]:
                assert loop.time() < deadline, "notices still owed"
                await asyncio.sleep(0.1)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(20)
        told = Counter(
            int(params["chat_id"])
            for method, params in tg.calls
            if method.lower() == "sendmessage" and "Nytt om det du bad" in params.get("text", "")
        )
    log.close()
    assert set(range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS)) == set(told)  # nobody lost
    twice = [chat for chat, n in told.items() if n > 1]
    # Told twice: at most the messages in flight at the kill (sent, not yet marked).
    assert all(2 == told[chat] for chat in twice)
    assert len(twice) <= SenderOptions().concurrency
