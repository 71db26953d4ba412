"""Answers per second through the JSON API, against a bare aiohttp handler in the same run.

A real server in a subprocess (`medborgardialog serve`, a file database with
synchronous=FULL), 64 concurrent connections posting complete answers; then a bare aiohttp
app that returns a constant, measured the same way. Also the kiosk page's weight.

    python bench/submit_bench.py [--seconds 10] [--connections 64]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
KIOSK_BUDGET = 150 * 1024
BARE_APP = """
import sys
from aiohttp import web

async def constant(request):
    await request.read()
    return web.json_response({"status": "created"}, status=201)

app = web.Application()
app.router.add_post("/api/v1/campaigns/demo/responses", constant)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answer() -> dict:
    return {
        "id": str(uuid.uuid4()),
        "areas": ["violence-public", "unsafe-places", "traffic"],
        "comment": "Bättre belysning i gångtunneln vid stationen, tack.",
        "locale": "sv",
        "channel": "kiosk",
        "answers": {"age": "35-49", "district": "norrstrand"},
        "source": "mitt-i-city",
    }


async def wait_until_up(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(url) as response:
                    await response.read()
                    return
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


async def load(url: str, seconds: float, connections: int) -> tuple[int, list[float], int]:
    """Post answers from `connections` workers for `seconds`; (done, latencies, failures)."""
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal failures
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                async with session.post(url, json=answer()) as response:
                    await response.read()
                    if response.status != 201:
                        failures += 1
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(connections)))
    return len(latencies), latencies, failures


def measure(name: str, command: list[str], port: int, args, env=None) -> float:
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        asyncio.run(wait_until_up(base + "/"))
        url = base + "/api/v1/campaigns/demo/responses"
        asyncio.run(load(url, 1.0, args.connections))  # warm-up
        done, latencies, failures = asyncio.run(load(url, args.seconds, args.connections))
    finally:
        server.terminate()
        server.wait(timeout=30)
    rate = done / args.seconds
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{name:>18}: {rate:8.0f} answers/s   p50 {cuts[49] * 1000:6.1f} ms   "
        f"p99 {cuts[98] * 1000:6.1f} ms   failures {failures}"
    )
    return rate


def kiosk_weight() -> int:
    """Bytes of the kiosk page as served: its HTML, its stylesheet and its script modules."""
    sys.path.insert(0, str(ROOT))
    from kiosk.app import STATIC_DIR

    html = len(
        subprocess.run(
            [sys.executable, "-c", RENDER_KIOSK], cwd=ROOT, capture_output=True, check=True
        ).stdout
    )
    assets = sum(p.stat().st_size for p in (STATIC_DIR / "kiosk").iterdir())
    return html + assets


RENDER_KIOSK = """
import asyncio, sys, tempfile, pathlib
from aiohttp.test_utils import TestClient, TestServer
from medborgardialog.server import assemble, build_app
from medborgardialog.settings import Settings

async def main():
    folder = pathlib.Path(tempfile.mkdtemp())
    parts = assemble(Settings.from_env(env={}, db=folder / "k.db", secret_file=folder / "s"))
    async with TestClient(TestServer(build_app(parts))) as client:
        response = await client.get("/kiosk/demo/?source=mitt-i-city")
        sys.stdout.buffer.write(await response.read())

asyncio.run(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        env = {**os.environ, "MEDBORGARDIALOG_DB": str(Path(folder) / "bench.db")}
        serve = [sys.executable, "-m", "medborgardialog", "serve", "--port", str(port)]
        print(
            f"{args.connections} connections, {args.seconds:.0f} s each, on {os.cpu_count()} cores"
        )
        stored = measure("stored (API)", serve, port, args, env)
        bare_port = free_port()
        bare = measure(
            "bare handler", [sys.executable, "-c", BARE_APP, str(bare_port)], bare_port, args
        )
    print(f"{'ratio':>18}: {stored / bare:.2f} (target at least 0.40)")
    weight = kiosk_weight()
    print(f"{'kiosk page':>18}: {weight / 1024:.1f} KB of HTML, CSS and JS (budget 150 KB)")


if __name__ == "__main__":
    main()
