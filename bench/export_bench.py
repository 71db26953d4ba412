"""Exports at scale: a million responses, then the tally, CSV and XLSX speed and memory.

The responses are bulk-inserted straight into a temporary database (big transactions,
executemany); each export then runs in a child process of its own, which reports its
rows per second and its peak memory (VmHWM).

    python bench/export_bench.py [--count 1000000]

Targets: tally under 1 s, CSV at least 200,000 rows/s, XLSX at least 15,000 rows/s, peak
memory of each export under 150 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from campaigns import SAMPLE_DIR
from medborgardialog.exporting import run_export
from medborgardialog.settings import Settings
from storage import open_database
from storage.campaigns import register_campaigns
from storage.connection import immediate
from storage.responses import count_tally
from survey import load_campaigns

CAMPAIGN = "karlstad-2016"
OPENS = datetime(2016, 2, 22, 7, tzinfo=UTC)
STAMP = "%Y-%m-%dT%H:%M:%S.000000Z"
CHANNELS = ("web", "kiosk", "telegram", "paper")
SOURCES = (None, "mitt-i-city", "bibliotek", "Workshop KCCC")
COMMENTS = (
    "Mer polis på stan på kvällarna, särskilt runt Stora torget.",
    "Bilar som kör för fort vid skolan på Norrstrand. Ring mig på 070-123 45 67.",
    '=HYPERLINK("http://example.com") cykling på trottoaren',
    "Otryggt vid busshållplatsen, dålig belysning.",
)


def generate(path: Path, count: int) -> float:
    """Insert `count` responses with their areas and answers; returns the seconds it took."""
    campaign = load_campaigns(SAMPLE_DIR)[CAMPAIGN]
    db = open_database(path)
    with immediate(db):
        register_campaigns(db, [campaign])
    db.conn.close()
    areas = [a.id for a in campaign.areas]
    questions = [(q.id, [o.id for o in q.options]) for q in campaign.questions]
    rng = random.Random(2016)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    batch = 100_000
    for first in range(1, count + 1, batch):
        responses = []
        for seq in range(first, min(first + batch, count + 1)):
            picked = rng.sample(areas, 3)
            answers = {q: rng.choice(options) for q, options in questions if rng.random() < 0.7}
            # Spread over the 26 days of the Karlstad dialogue, in arrival order.
            at = (OPENS + timedelta(seconds=seq * 26 * 86_400 // count)).strftime(STAMP)
            comment = rng.choice(COMMENTS) if rng.random() < 0.33 else None
            responses.append(
                (
                    seq,
                    f"{seq:08x}-0000-4000-8000-{rng.getrandbits(48):012x}",
                    CAMPAIGN,
                    rng.choice(CHANNELS),
                    rng.choice(SOURCES),
                    "sv",
                    json.dumps(picked),
                    comment,
                    json.dumps(answers),
                    at,
                    at,
                )
            )
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO responses (seq, id, campaign, channel, source, locale, areas, comment, "
            "answers, submitted_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            responses,
        )
        conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


def child(path: Path, fmt: str, out: Path) -> None:
    """Run one export as `medborgardialog export` does, in this process; print its figures."""
    settings = Settings.from_env(env={}, db=path, secret_file=path.with_suffix(".secret"))
    args = argparse.Namespace(
        campaign=CAMPAIGN,
        format=fmt,
        out=str(out),
        delimiter="semicolon",
        table="responses",
        published=False,
        lang=None,
        machine_names=False,
    )
    started = time.perf_counter()
    run_export(settings, args)
    elapsed = time.perf_counter() - started
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM responses").fetchone()[0]
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": elapsed,
                "peak_mb": peak_memory_mb(),
                "bytes": out.stat().st_size,
            }
        )
    )


def peak_memory_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over from the
    parent across fork and exec, so a child would report the generator's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, fmt: str, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", fmt, "--db", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="responses to generate")
    parser.add_argument("--child", choices=("csv", "xlsx"), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.db), args.child, Path(args.out))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        seconds = generate(path, args.count)
        print(
            f"generated {args.count:,} responses in {seconds:.1f} s "
            f"({path.stat().st_size / 2**20:.0f} MB)"
        )
        campaign = load_campaigns(SAMPLE_DIR)[CAMPAIGN]
        db = open_database(path)
        for attempt in ("first", "again"):
            started = time.perf_counter()
            tally = count_tally(db, campaign)
            print(
                f"tally ({attempt}):  {time.perf_counter() - started:8.3f} s "
                f"({tally.participants:,} participants)"
            )
        db.conn.close()
        for fmt in ("csv", "xlsx"):
            figures = measure(path, fmt, Path(tmp) / f"export.{fmt}")
            rate = figures["rows"] / figures["seconds"]
            print(
                f"{fmt.upper():4} export: {figures['rows']:,} rows in {figures['seconds']:6.1f} s"
                f" = {rate:9,.0f} rows/s, peak memory {figures['peak_mb']:5.0f} MB, "
                f"file {figures['bytes'] / 2**20:.0f} MB"
            )


if __name__ == "__main__":
    main()
