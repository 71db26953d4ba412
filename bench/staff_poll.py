"""Staff sessions that reload a campaign's results page every few seconds, in a process of
their own beside the submit bench's load (`python bench/staff_poll.py URL USER PASSWORD N S`).

Each session logs in through the form, then reloads /staff/c/demo/ every S seconds until
stopped; it prints how many pages it loaded and the slowest, when it ends. The sessions'
reloads are spread over the S seconds, as tabs opened by different people are: all twenty at
the same instant would be twenty pages rendered back to back every S seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sys
import time

import aiohttp


async def session_loop(
    base: str, user: str, password: str, every: float, offset: float, stop, stats
) -> None:
    # unsafe: the bench's server is at 127.0.0.1, whose cookies aiohttp refuses by default.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(f"{base}/staff/login") as page:
            csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)
        form = {"username": user, "password": password, "csrf": csrf, "next": "/staff/"}
        async with session.post(f"{base}/staff/login", data=form) as login:
            if login.status != 200:
                raise RuntimeError(f"login failed: {login.status} {await login.text()}")
        stats["ready"] += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), offset)  # this tab's own moment in the period
        while not stop.is_set():
            started = time.perf_counter()
            async with session.get(f"{base}/staff/c/demo/") as page:
                await page.read()
                stats["pages"] += 1
                stats["failures"] += page.status != 200
            stats["slowest"] = max(stats["slowest"], time.perf_counter() - started)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)


async def main(base: str, user: str, password: str, sessions: int, every: float) -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    stats = {"ready": 0, "pages": 0, "failures": 0, "slowest": 0.0}
    tasks = [
        asyncio.create_task(
            session_loop(base, user, password, every, every * i / sessions, stop, stats)
        )
        for i in range(sessions)
    ]
    while stats["ready"] < sessions:
        failed = [task for task in tasks if task.done() and task.exception() is not None]
        if failed:
            print(f"failed: {failed[0].exception()}", flush=True)
            stop.set()
            break
        await asyncio.sleep(0.05)
    else:
        print("ready", flush=True)
    await asyncio.gather(*tasks, return_exceptions=True)
    print(
        f"staff pages {stats['pages']} failures {stats['failures']} "
        f"slowest {stats['slowest'] * 1000:.0f} ms",
        flush=True,
    )


if __name__ == "__main__":
    url, name, secret, count, seconds = sys.argv[1:6]
    asyncio.run(main(url, name, secret, int(count), float(seconds)))
