"""The bot's throughput against a plain echo bot, both on the fake Bot API, in one run.

    python bench/bot_bench.py [--residents 200] [--rounds 3]

This process runs the fake Bot API (tests/fake_telegram/) on 127.0.0.1 and N simulated
residents. Each bot runs in a subprocess of its own, built the same way (python-telegram-bot,
the same rate limiter with Telegram's flood limits lifted, the same concurrency), so they
pay the same process costs:
- ours: the real bot (`medborgardialog.bot_service.build_bot`, a real store on a temp file);
  every resident walks the demo campaign from /start to the thank-you, half of them writing
  the comment in one message and half in two;
- echo: a bot that answers every text with the same text; every resident sends as many
  messages as a walk has updates. Twice: with the same HTTP requests as ours (the product's
  aiohttp ones: this measures the bot's own overhead), and with PTB's default httpx ones
  (a plain PTB echo bot).
A resident waits for the bot's answer before the next step, as a person does. The bots
run in alternating rounds and the best round of each counts, so a busy moment of the
machine does not decide the comparison; the bot processes' CPU time is printed as well.
Printed: completed walks per second, Bot API calls per completed walk with one typed
comment and per extra comment message (counted in each resident's chat), both bots'
updates per second, and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "true")

TOKEN = "123456:BENCH-TOKEN"
AREAS = ((0, 2, 5), (1, 3, 4), (6, 7, 0), (2, 4, 6))
PRESSES = 7  # the button presses of one walk: 3 areas, "Klar" after the comment, 2 answers, send


def typed(number: int) -> int:
    """The messages resident `number` types: /start and a comment in one or two messages."""
    return 2 + number % 2


def unlimited_rate_limiter():
    """Retries 429s like the product's, without Telegram's 30/s flood limit (not on the fake)."""
    from telegram.ext import AIORateLimiter

    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=10)


async def serve_bot(kind: str, api_url: str, db: str) -> None:
    """Run one bot by polling until stdin closes (the bench's subprocess)."""
    from telegram.ext import ApplicationBuilder, MessageHandler, filters

    from bot import register_commands
    from bot.aiohttp_request import AiohttpRequest
    from bot.application import CONCURRENT_UPDATES
    from medborgardialog.bot_service import build_bot, polling
    from medborgardialog.parts import assemble
    from medborgardialog.settings import Settings

    if kind == "ours":
        env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api_url}
        parts = assemble(Settings.from_env(env=env, db=db))
        ptb = build_bot(parts, rate_limiter=unlimited_rate_limiter())
    else:
        parts = None
        builder = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(f"{api_url}/bot")
            .rate_limiter(unlimited_rate_limiter())
            .concurrent_updates(CONCURRENT_UPDATES)
        )
        if kind == "echo":  # the same HTTP requests as ours; "echo-ptb": PTB's default (httpx)
            builder = builder.request(AiohttpRequest(connections=4 * CONCURRENT_UPDATES))
            builder = builder.get_updates_request(AiohttpRequest(connections=1))
        ptb = builder.build()

        async def echo(update, context) -> None:
            """Say the same text back."""
            await update.message.reply_text(update.message.text)

        ptb.add_handler(MessageHandler(filters.TEXT, echo))
    loop = asyncio.get_running_loop()
    try:
        async with polling(ptb, register_commands if kind == "ours" else None):
            print("ready", flush=True)
            while await loop.run_in_executor(None, sys.stdin.readline):  # "cpu?" until EOF
                print(time.process_time(), flush=True)  # every thread of this process
    finally:
        if parts is not None:
            parts.store.close()


async def start_bot(kind: str, api_url: str, db: Path) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve", kind, "--api", api_url, "--db", str(db),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    line = await asyncio.wait_for(process.stdout.readline(), 60)
    assert line.strip() == b"ready", line
    return process


async def bot_cpu(process: asyncio.subprocess.Process) -> float:
    """CPU seconds the bot process has used so far."""
    process.stdin.write(b"cpu?\n")
    return float(await asyncio.wait_for(process.stdout.readline(), 60))


async def stop_bot(process: asyncio.subprocess.Process) -> None:
    process.stdin.close()
    await asyncio.wait_for(process.wait(), 60)


async def act(user, coro, bot_events: int) -> None:
    """Do one thing in the chat and wait until the bot has made `bot_events` calls in it."""
    expected = len(user.transcript) + 1 + bot_events
    await coro
    await user.wait_transcript(expected, timeout=120)


async def walk(user, number: int) -> None:
    """One resident through the demo campaign, from /start to the thank-you."""
    from bot.callback_data import campaign_token

    token = campaign_token("demo")

    def press(op: str, arg: str | int = ""):
        return act(user, user.press(f"{token}.{op}{arg}"), 2)  # the answer, and one edit

    await act(user, user.start(), 1)  # the intro, with the areas
    for area in AREAS[number % len(AREAS)]:  # the third goes on to the comment
        await press("A", f"{area}+")
    for part in range(typed(number) - 1):  # the receipt, and the spent keyboard above it
        await act(user, user.send(f"Synpunkt nummer {number}, del {part + 1}"), 2)
    await press("K")
    await press("Q", f"0-{number % 6}")
    await press("Q", f"1-{number % 8}")
    await press("C")


async def echo_chat(user, messages: int) -> None:
    for index in range(messages):
        await act(user, user.send(f"meddelande {index}"), 1)


@dataclass
class Run:
    """One bot's run: wall seconds, bot CPU seconds, Bot API calls, answers stored."""

    seconds: float
    cpu: float
    driver_cpu: float
    calls: int
    stored: int
    per_walk: dict[int, float]  # messages typed -> Bot API calls in a resident's chat


async def run(kind: str, residents: int, first_id: int, tmp: Path) -> Run:
    from tests.fake_telegram import FakeTelegram

    async with FakeTelegram(token=TOKEN) as tg:
        db = tmp / f"{kind}-{first_id}.db"
        process = await start_bot(kind, tg.url, db)
        try:
            users = [tg.user(first_id + n, language_code="sv") for n in range(residents)]
            before, cpu = len(tg.calls), await bot_cpu(process)
            started, driver = time.perf_counter(), time.process_time()
            if kind == "ours":
                await asyncio.gather(*(walk(u, n) for n, u in enumerate(users)))
            else:
                await asyncio.gather(
                    *(echo_chat(u, PRESSES + typed(n)) for n, u in enumerate(users))
                )
            elapsed, driver = time.perf_counter() - started, time.process_time() - driver
            cpu = await bot_cpu(process) - cpu
            calls = sum(1 for name, _ in tg.calls[before:] if name != "getUpdates")
        finally:
            await stop_bot(process)
    per_walk: dict[int, list[int]] = {}
    for n, user in enumerate(users):  # each Bot API call in a chat is a line of its own
        made = sum(1 for line in user.transcript if line[:1] in "<~!x")
        per_walk.setdefault(typed(n), []).append(made)
    stored = 0
    if kind == "ours":
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    averages = {k: sum(v) / len(v) for k, v in per_walk.items()}
    return Run(elapsed, cpu, driver, calls, stored, averages)


ECHOES = {"echo": "the same HTTP requests as ours", "echo-ptb": "PTB's default httpx requests"}


async def bench(residents: int, rounds: int) -> None:
    updates = sum(PRESSES + typed(n) for n in range(residents))
    kinds = ("ours", *ECHOES)
    runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(rounds):  # alternating, so a busy moment hits each alike
            for number, kind in enumerate(kinds):
                first_id = (1 + round_) * 10_000_000 + number * 1_000_000
                runs[kind].append(await run(kind, residents, first_id, Path(tmp)))
    for result in runs["ours"]:
        assert result.stored == residents, f"{result.stored} of {residents} answers stored"
    best = {kind: min(runs[kind], key=lambda r: r.seconds) for kind in kinds}
    cpu = {kind: min(r.cpu for r in runs[kind]) / updates * 1000 for kind in kinds}
    ours = best["ours"]
    print(
        f"{residents} residents, {updates / residents:.1f} updates each ({PRESSES} presses, "
        f"/start and a comment in one or two messages); best of {rounds} alternating rounds"
    )
    print(
        f"ours: {residents / ours.seconds:.1f} completed walks/s, "
        f"{updates / ours.seconds:.0f} updates/s, {cpu['ours']:.2f} ms bot CPU per update"
    )
    one, two = ours.per_walk[2], ours.per_walk.get(3, ours.per_walk[2])
    print(
        f"ours: {one:.1f} Bot API calls per completed walk with one typed comment, "
        f"{two - one:.1f} more per extra comment message ({ours.calls / residents:.1f} on average)"
    )
    for kind, stack in ECHOES.items():
        echo = best[kind]
        print(
            f"echo with {stack}: {updates / echo.seconds:.0f} updates/s, "
            f"{cpu[kind]:.2f} ms bot CPU per update, {echo.calls / updates:.1f} calls per update; "
            f"ours / echo per update: {echo.seconds / ours.seconds:.2f} "
            f"(by CPU {cpu[kind] / cpu['ours']:.2f}; target 0.5)"
        )
    busy = ", ".join(f"{kind} {best[kind].driver_cpu / best[kind].seconds:.0%}" for kind in kinds)
    print(f"the fake Bot API and the residents (this process) were busy: {busy}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200, help="simulated residents")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each bot, alternating")
    parser.add_argument("--serve", choices=("ours", "echo", "echo-ptb"), help=argparse.SUPPRESS)
    parser.add_argument("--api", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve_bot(args.serve, args.api, args.db))
    else:
        asyncio.run(bench(args.residents, args.rounds))


if __name__ == "__main__":
    main()
