"""Notices: writing the outbox for one event, and the sender against the fake Bot API.

    python bench/notice_bench.py [--subscribers 10000] [--limited 300]

Printed:
- the time `record_event` takes to write one notice for each of N Telegram subscribers
  (one event concerning them all, in its own transaction);
- the sender with the rate limiter off: notices per second, wall clock, and the sender's
  own CPU per notice (this process; the fake Bot API runs in a subprocess of its own);
- the sender through the bot's rate limiter (as `serve` runs it): delivered per second
  over `--limited` notices, against Telegram's 30 messages/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "true")

TOKEN = "123456:BENCH-TOKEN"
FIRST_CHAT = 1_000_000


async def run_fake(users: int) -> None:
    """The fake Bot API (the bench's subprocess), until stdin closes."""
    from tests.fake_telegram import FakeTelegram

    async with FakeTelegram(token=TOKEN) as tg:
        for chat in range(FIRST_CHAT, FIRST_CHAT + users):
            tg.user(chat)
        print(tg.url, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


def owe(db_path: Path, secret: bytes, subscribers: int) -> float:
    """N subscribers and one event for all of them; the seconds the event took to record."""
    from storage import open_database
    from storage.contacts import ContactBox
    from storage.events import CycleEvent, record_event
    from storage.subscriptions import NewSubscription, subscribe

    box, now = ContactBox(secret), datetime.now(UTC)
    db = open_database(db_path)
    db.execute("BEGIN IMMEDIATE")
    for chat in range(FIRST_CHAT, FIRST_CHAT + subscribers):
        new = NewSubscription(
            "telegram", box.seal(str(chat)), box.key("telegram", str(chat)), "demo",
            ("unsafe-places",), "sv", "telegram", "bench", confirmed=True,
        )  # fmt: skip
        subscribe(db, new, now - timedelta(minutes=1))
    db.execute("COMMIT")
    event = CycleEvent(
        "activity_status", campaign="demo", promise="demo", activity="walks",
        areas=("unsafe-places",),
        detail={"title": {"sv": "Löfte"}, "text": {"sv": "Trygghetsvandringar"}, "status": "done"},
    )  # fmt: skip
    started = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    record_event(db, event, now)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.conn.close()
    return elapsed


async def send_all(db_path: Path, secret: bytes, api_url: str, limited: bool) -> tuple:
    """Run the sender until nothing is owed: (notices, wall seconds, CPU seconds)."""
    from telegram.ext import AIORateLimiter, ExtBot

    from bot.aiohttp_request import AiohttpRequest
    from bot.application import MAX_RETRIES
    from bot.notice_delivery import TelegramNotices
    from locales import Catalogs
    from medborgardialog.notice_sender import NoticeSender, SenderOptions
    from storage import Store
    from storage.notices import owed_count

    limiter = AIORateLimiter(max_retries=MAX_RETRIES) if limited else None
    bot = ExtBot(TOKEN, base_url=f"{api_url}/bot", request=AiohttpRequest(connections=32),
                 rate_limiter=limiter)  # fmt: skip
    store, catalogs = Store(db_path), Catalogs.load()
    owed = store.call(owed_count)
    options = SenderOptions(digest=timedelta(0), poll_seconds=0.01)
    async with bot:
        sender = NoticeSender(store, secret, catalogs, {"telegram": TelegramNotices(bot, catalogs)},
                              options)  # fmt: skip
        wall, cpu = time.perf_counter(), time.process_time()
        while await sender.deliver_due():
            pass
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    left = store.call(owed_count)
    store.close()
    assert left == 0, f"{left} notices still owed"
    return owed, wall, cpu


def start_fake(users: int) -> tuple[subprocess.Popen, str]:
    fake = subprocess.Popen(
        [sys.executable, __file__, "--fake", str(users)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    return fake, fake.stdout.readline().strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000, help="subscribers told")
    parser.add_argument("--limited", type=int, default=300, help="notices through the limiter")
    parser.add_argument("--fake", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fake is not None:
        asyncio.run(run_fake(args.fake))
        return
    secret = os.urandom(32)
    fake, url = start_fake(max(args.subscribers, args.limited))
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "notices.db"
            write = owe(db, secret, args.subscribers)
            print(f"writing the notices: {args.subscribers} in {write * 1000:.0f} ms "
                  f"({args.subscribers / write:,.0f}/s), in the event's transaction")  # fmt: skip
            n, wall, cpu = asyncio.run(send_all(db, secret, url, limited=False))
            per = cpu / n * 1000
            print(f"sender, rate limiter off: {n} notices in {wall:.1f} s = {n / wall:,.0f}/s; "
                  f"sender's own CPU {per:.2f} ms/notice = {n / cpu:,.0f}/s")  # fmt: skip
            db2 = Path(folder) / "limited.db"
            owe(db2, secret, args.limited)
            n, wall, cpu = asyncio.run(send_all(db2, secret, url, limited=True))
            print(f"sender, bot's rate limiter on (30/s): {n} notices in {wall:.1f} s "
                  f"= {n / wall:.1f}/s delivered")  # fmt: skip
    finally:
        fake.stdin.close()
        fake.wait(10)


if __name__ == "__main__":
    main()
