"""The published results page under load: 100,000 answers, read by 64 connections.

A file database with 100,000 Karlstad answers (a third with a comment, a few thousand of
them approved and themed, some web answers in bursts from one signal so that the flags have
work), published with `medborgardialog results publish`; then `medborgardialog serve` in a
subprocess and `wrk` on `/c/karlstad-2016/results` (and the JSON) for a short run. Also how
long the first, uncached count takes, and how long a count takes again after a new answer.

The campaign asks three public questions, as the published results show them: the demo's
scale and multi among the topic questions, and its age question made public.

    python bench/results_bench.py [--responses 100000] [--seconds 10] [--connections 64]
                                  [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaigns import SAMPLE_DIR  # noqa: E402
from kiosk.results.cache import RECOUNT_SECONDS  # noqa: E402
from storage import open_database  # noqa: E402
from storage.campaigns import register_campaigns  # noqa: E402
from storage.connection import immediate  # noqa: E402
from survey import load_campaigns  # noqa: E402

CAMPAIGN = "karlstad-2016"
OPENS = datetime(2016, 2, 22, 7, tzinfo=UTC)
STAMP = "%Y-%m-%dT%H:%M:%S.000000Z"
CHANNELS = ("web", "kiosk", "telegram", "paper")
COMMENTS = (
    "Mer polis på stan på kvällarna, särskilt runt Stora torget.",
    "Oväsen från bilar nattetid vid Nobelplan på Norrstrand.",
    "Otryggt vid busshållplatsen, dålig belysning.",
    "Cykling på trottoarerna i centrum.",
)


DEMO_TOPIC = "# The topic questions, asked right after the areas"
DEMO_PLACES = "# Where: up to three places"


def campaigns_folder(folder: Path) -> Path:
    """The Karlstad campaign with three public questions: the demo's scale and multi, and its
    own age question made public."""
    text = (SAMPLE_DIR / f"{CAMPAIGN}.toml").read_text(encoding="utf-8")
    text = text.replace('id = "age"\n', 'id = "age"\npublic = true\n', 1)
    topic = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8").split(DEMO_TOPIC, 1)[1]
    topic = topic.split(DEMO_PLACES, 1)[0]  # the place question needs the demo's map
    (folder / f"{CAMPAIGN}.toml").write_text(f"{text}\n# {DEMO_TOPIC[2:]}{topic}", "utf-8")
    return folder


def generate(path: Path, count: int, folder: Path) -> None:
    """`count` answers over the dialogue's 26 days; seven in every fifty a burst from one
    web signal."""
    campaign = load_campaigns(folder)[CAMPAIGN]
    public = [q.id for q in campaign.questions if q.public]
    assert 3 == len(public), public
    db = open_database(path)
    with immediate(db):
        register_campaigns(db, [campaign])
    db.conn.close()
    areas = [a.id for a in campaign.areas]
    questions = [(q.id, q.kind, [o.id for o in q.options]) for q in campaign.questions]
    rng = random.Random(2016)
    rows, moderated, tagged = [], [], []
    for seq in range(1, count + 1):
        at = OPENS + timedelta(seconds=seq * 26 * 86_400 // count)
        burst = seq % 50 < 7  # seven web answers in a row from one signal
        channel = "web" if burst else rng.choice(CHANNELS)
        signal = f"{seq // 50:032x}" if burst else None
        comment = f"{rng.choice(COMMENTS)} ({seq})" if rng.random() < 0.33 else None
        answers = {
            q: sorted(rng.sample(options, rng.randint(1, 3)))
            if kind == "multi"
            else rng.choice(options)
            for q, kind, options in questions
            if rng.random() < 0.7
        }
        rows.append(
            (
                seq,
                f"{seq:08x}-0000-4000-8000-{rng.getrandbits(48):012x}",
                CAMPAIGN,
                channel,
                "Mitt i City" if channel == "kiosk" else None,
                "sv",
                json.dumps(rng.sample(areas, 3)),
                comment,
                json.dumps(answers),
                at.strftime(STAMP),
                at.strftime(STAMP),
                signal,
            )
        )
        if comment and seq % 10 == 0:
            moderated.append((seq, CAMPAIGN, "approved", None, "bench", "2016-04-01T00:00:00Z"))
            tagged.append((seq, 1 + seq % 3))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO responses (seq, id, campaign, channel, source, locale, areas, comment, "
        "answers, submitted_at, updated_at, signal) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    for name in ("Polisens synlighet", "Otrygga platser", "Trafik"):
        conn.execute(
            "INSERT INTO tags (campaign, name, created_by, created_at) VALUES (?, ?, 'bench', ?)",
            (CAMPAIGN, name, "2016-04-01T00:00:00Z"),
        )
    conn.executemany("INSERT INTO comment_moderation VALUES (?, ?, ?, ?, ?, ?)", moderated)
    conn.executemany("INSERT INTO comment_tags VALUES (?, ?)", tagged)
    conn.execute("COMMIT")
    conn.close()


def trickle(path: Path, first_seq: int, stop: threading.Event) -> int:
    """Ten new answers a second, committed by another process's connection, until `stop`:
    the cache sees each commit and counts again once its count is old enough."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    seq = first_seq
    while not stop.wait(0.1):
        at = datetime.now(UTC).strftime(STAMP)
        conn.execute(
            "INSERT INTO responses (seq, id, campaign, channel, source, locale, areas, comment, "
            "answers, submitted_at, updated_at, signal) "
            "VALUES (?,?,?,'web',NULL,'sv',?,NULL,'{}',?,?,NULL)",
            (
                seq,
                str(uuid.uuid4()),
                CAMPAIGN,
                '["violence-public","unsafe-places","drugs-alcohol"]',
                at,
                at,
            ),
        )
        seq += 1
    conn.close()
    return seq - first_seq


# The floor of this machine: aiohttp on the same event loop answering with the same bytes
# from memory, with no middleware, no lookup and no check at all.
BARE_APP = """
import sys
from aiohttp import web
from medborgardialog.process import new_event_loop

body = open(sys.argv[2], "rb").read()

async def constant(request):
    return web.Response(body=body, content_type="text/html")

app = web.Application()
app.router.add_get("/", constant)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None,
            loop=new_event_loop())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return time.perf_counter() - started


def wait_until_up(url: str) -> None:
    for _ in range(300):
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def wrk(
    url: str, seconds: int, connections: int, threads: int, headers: tuple[str, ...] = ()
) -> tuple[float, str, str]:
    """Requests per second, p50 and p99 latency as wrk prints them."""
    options = [f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        options += ["-H", header]
    out = subprocess.run(
        ["wrk", *options, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)\s*$", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)\s*$", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{errors.group(1)} failed requests")
    return rate, p50, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000, help="answers in the store")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections")
    # One wrk thread drives far more than the server serves, and leaves it the other core.
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "results.db"
        campaigns = Path(folder) / "campaigns"
        campaigns.mkdir()
        campaigns_folder(campaigns)
        started = time.perf_counter()
        generate(db, args.responses, campaigns)
        print(f"{args.responses:,} answers generated in {time.perf_counter() - started:.1f} s")
        cli = [sys.executable, "-m", "medborgardialog"]
        publish = [*cli, "results", "publish", CAMPAIGN, "--db", str(db)]
        subprocess.run([*publish, "--campaigns", str(campaigns)], check=True)
        port = free_port()
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
        command = [*cli, "serve", "--db", str(db), "--campaigns", str(campaigns)]
        command += ["--port", str(port)]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/static/site.css")
            page = f"{base}/c/{CAMPAIGN}/results"
            print(f"first (uncounted) page: {fetch(page) * 1000:.0f} ms")
            gzip = ("Accept-Encoding: gzip, deflate, br",)  # what every browser sends
            for name, url, headers in (
                ("page, as browsers ask (gzip)", page, gzip),
                ("page, uncompressed", page, ()),
                ("json (gzip)", f"{base}/api/v1/campaigns/{CAMPAIGN}/results", gzip),
                # For comparison on a busy machine: a small JSON the server builds each time.
                ("campaign api (reference)", f"{base}/api/v1/campaigns/{CAMPAIGN}", ()),
            ):
                fetch(url)
                rate, p50, p99 = wrk(url, args.seconds, args.connections, args.threads, headers)
                print(
                    f"{name}: {rate:,.0f} requests/s, p50 {p50}, p99 {p99} "
                    f"({args.connections} connections, {args.threads} wrk thread, {args.seconds} s)"
                )
            stop = threading.Event()
            writer = threading.Thread(target=trickle, args=(db, args.responses + 1, stop))
            writer.start()
            try:
                rate, p50, p99 = wrk(page, args.seconds, args.connections, args.threads, gzip)
            finally:
                stop.set()
                writer.join()
            print(
                f"page (gzip) while 10 new answers/s arrive: {rate:,.0f} requests/s, "
                f"p50 {p50}, p99 {p99} (counted again every {RECOUNT_SECONDS:.0f} s)"
            )
            with urllib.request.urlopen(page, timeout=60) as response:
                (Path(folder) / "page.html").write_bytes(response.read())
        finally:
            server.terminate()
            server.wait(timeout=30)
        port = free_port()
        bare = [sys.executable, "-c", BARE_APP, str(port), str(Path(folder) / "page.html")]
        server = subprocess.Popen(bare, cwd=ROOT, env=env)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/")
            rate, p50, p99 = wrk(f"http://127.0.0.1:{port}/", args.seconds, args.connections, 1)
            print(
                f"bare aiohttp, the same page from memory (the machine's floor): {rate:,.0f} "
                f"requests/s, p50 {p50}, p99 {p99}"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        # The machine is shared: its load says how much the figures above had of it.
        print("load average (1, 5, 15 min): " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))


if __name__ == "__main__":
    main()
