"""Safety-walk points stored per second through the participants' API, and the CPU time it
takes to clean one large photo.

Points: the real app (`assemble` and `build_app`, as `serve` builds it) in a subprocess on a
file database (synchronous=FULL), the demo promise on a campaign with the Karlstad map, one
walk; `wrk` posts points, each with a new UUID and the walk's key, from 64 connections. The
per-key rate limit is lifted in that process only (it would measure the limit). Stored
points are counted in the database, not taken from the replies.

Photo: a 5 MB JPEG from a 12-megapixel camera (noise, so that it does not compress away)
with EXIF GPS, cleaned as the API does (decode, turn upright, fit in 2,048 px, encode again
without metadata); CPU seconds of this process, median of a few runs.

    python bench/walk_points_bench.py [--seconds 5] [--connections 64] [--photo-runs 3]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.place_campaign import place_campaign_text  # noqa: E402

SERVER = """
import pathlib, sys
from aiohttp import web
import kiosk.walks.limits as limits
from medborgardialog.parts import assemble
from medborgardialog.process import new_event_loop
from medborgardialog.server import build_app
from medborgardialog.settings import Settings

limits.RATES["point"] = (10**9, 10**9)  # the bench measures storing, not the limit
folder = pathlib.Path(sys.argv[2])
settings = Settings.from_env(
    env={}, db=folder / "walks.db", secret_file=folder / "secret", campaigns_dir=folder / "c"
)
app = build_app(assemble(settings))
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None,
            loop=new_event_loop())
"""

SCRIPT = r"""
local counter = 0
local prefix
local headers = {["Content-Type"] = "application/json", ["X-Walk-Key"] = "KEY"}
function setup(thread) thread:set("seed", math.random(1, 2147483647)) end
function init(args)
  math.randomseed(seed + os.time())
  prefix = string.format("%04x%04x-%04x-4%03x-a%03x-", math.random(0, 65535),
    math.random(0, 65535), math.random(0, 65535), math.random(0, 4095), math.random(0, 4095))
end
function request()
  counter = counter + 1
  local id = prefix .. string.format("%012x", counter)
  local lat = 59.376 + (counter % 900) * 0.00001
  local body = string.format('{"id":"%s","lat":%.6f,"lon":13.5051,"category":"lighting",' ..
    '"note":"Lampan vid gångtunneln är trasig","captured_at":"2026-11-20T19:05:00+01:00"}', id, lat)
  return wrk.format("POST", nil, headers, body)
end
function done(summary, latency, requests)
  io.write(string.format("FIGURES requests=%d micros=%d p50=%d p99=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(*args: str, env) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "medborgardialog", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def wait_until_up(url: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not start at {url}")


def points_per_second(seconds: float, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "c").mkdir()
        (folder / "c" / "demo.toml").write_text(place_campaign_text("demo"), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEDBORGARDIALOG_")}
        env["PYTHONPATH"] = str(ROOT)
        db = folder / "walks.db"
        common = ["--db", str(db), "--campaigns", str(folder / "c")]
        cli("promises", "import", str(ROOT / "promises" / "demo.toml"), *common, env=env)
        created = json.loads(
            cli(
                "walks",
                "create",
                *common,
                "--promise",
                "demo",
                "--activity",
                "trygghetsvandringar",
                "--date",
                "2026-11-20",
                "--title",
                "Bench",
                "--json",
                env=env,
            )
        )
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(port), str(folder)], cwd=ROOT, env=env
        )
        script = folder / "points.lua"
        script.write_text(SCRIPT.replace("KEY", created["key"]))
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
            url = f"http://127.0.0.1:{port}/api/v1/walks/{created['id']}/points"
            done = subprocess.run(
                ["wrk", "-t2", f"-c{connections}", f"-d{round(seconds)}s", "--latency", "-s",
                 str(script), url],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
        finally:
            server.terminate()
            server.wait(30)
        line = next(x for x in done.stdout.splitlines() if x.startswith("FIGURES"))
        figures = dict(part.split("=") for part in line.split()[1:])
        with sqlite3.connect(db) as conn:
            (stored,) = conn.execute("SELECT count(*) FROM walk_points").fetchone()
        elapsed = int(figures["micros"]) / 1e6
        return {
            "stored": stored,
            "seconds": elapsed,
            "per_second": stored / elapsed,
            "p50_ms": int(figures["p50"]) / 1000,
            "p99_ms": int(figures["p99"]) / 1000,
            "non_2xx": int(figures["non2xx"]),
        }


def five_megabyte_jpeg() -> bytes:
    from PIL import Image

    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[34853] = {1: "N", 2: (59.0, 22.0, 48.0), 3: "E", 4: (13.0, 30.0, 18.0)}
    found = b""
    for quality in range(95, 40, -5):  # the first quality at which it is 5 MB or less
        out = io.BytesIO()
        noise.save(out, "JPEG", quality=quality, exif=exif)
        found = out.getvalue()
        if len(found) <= 5_200_000:
            break
    return found


def photo_cpu_seconds(runs: int) -> tuple[int, float, tuple[int, int]]:
    from survey.promises.walk_photo import clean_photo

    body = five_megabyte_jpeg()
    times = []
    for _ in range(runs):
        start = time.process_time()
        cleaned = clean_photo(body)
        times.append(time.process_time() - start)
    return len(body), statistics.median(times), (cleaned.width, cleaned.height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--photo-runs", type=int, default=3)
    args = parser.parse_args()
    size, cpu, shape = photo_cpu_seconds(args.photo_runs)
    print(f"photo: {size / 1e6:.1f} MB JPEG (4000 × 3000) cleaned to {shape[0]} × {shape[1]} "
          f"in {cpu:.2f} CPU s (median of {args.photo_runs})")  # fmt: skip
    found = points_per_second(args.seconds, args.connections)
    print(
        f"points: {found['per_second']:.0f} stored/s ({found['stored']} in "
        f"{found['seconds']:.1f} s, {args.connections} connections, wrk), p50 "
        f"{found['p50_ms']:.1f} ms, p99 {found['p99_ms']:.1f} ms, non-2xx {found['non_2xx']}"
    )


if __name__ == "__main__":
    main()
