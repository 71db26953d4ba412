"""Places at scale: the GeoJSON export, and the published places, of 100,000 answers.

A file database with `--responses` answers to the test campaign "places" (the demo with a
map of Karlstad and a place question, tests/place_campaign.py), each with up to three places:
points kept on the map's 50 m grid with their zone, some outside the zones, some zones by
name. Then:

- `export --format geojson` in a process of its own, as `medborgardialog export` runs it:
  features per second and the process's peak memory (VmHWM), which must not grow with the
  number of answers;
- published, `medborgardialog serve` in a subprocess and `wrk` on
  `/api/v1/campaigns/places/results/places.geojson` and the results JSON, with the first
  (uncounted) request timed.

    python bench/geojson_bench.py [--responses 100000] [--seconds 10] [--connections 64]
                                  [--part export|serve|both]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from export_bench import peak_memory_mb  # noqa: E402
from results_bench import fetch, free_port, wait_until_up, wrk  # noqa: E402

from medborgardialog.exporting import run_export  # noqa: E402
from medborgardialog.settings import Settings  # noqa: E402
from storage import open_database  # noqa: E402
from storage.campaigns import register_campaigns  # noqa: E402
from storage.connection import immediate  # noqa: E402
from tests.place_campaign import place_campaign, place_campaign_text  # noqa: E402

CAMPAIGN = "places"
OPENS = datetime(2026, 2, 2, 7, tzinfo=UTC)
STAMP = "%Y-%m-%dT%H:%M:%S.000000Z"
CHANNELS = ("web", "kiosk", "telegram", "paper")
NOTES = (None, None, "Mörkt under bron", "Ingen belysning vid busshållplatsen", "=1+1")


def generate(path: Path, count: int) -> float:
    """`count` answers, each with one to three places (or none, one in ten)."""
    started = time.perf_counter()
    campaign = place_campaign()
    db = open_database(path)
    with immediate(db):
        register_campaigns(db, [campaign])
    db.conn.close()
    area_map = campaign.map
    zones = [z.id for z in area_map.zones]
    areas = [a.id for a in campaign.areas]
    rng = random.Random(2026)
    # Residents mark places where others do too: a few hundred spots, on the grid.
    spots = []
    for _ in range(400):
        lat = rng.uniform(area_map.south, area_map.north)
        lon = rng.uniform(area_map.west, area_map.east)
        lat, lon = area_map.rounded(lat, lon)
        spots.append({"lat": lat, "lon": lon, "zone": area_map.zone_at(lat, lon)})
    rows = []
    for seq in range(1, count + 1):
        at = OPENS + timedelta(seconds=seq * 26 * 86_400 // count)
        places = []
        for _ in range(0 if rng.random() < 0.1 else rng.randint(1, 3)):
            place = dict(rng.choice(spots)) if rng.random() < 0.8 else {"zone": rng.choice(zones)}
            if rng.random() < 0.5:
                place["option"] = rng.choice(("lighting", "people"))
            note = rng.choice(NOTES)
            if note:
                place["note"] = note
            places.append(place)
        answers = {"unsafe-places": places} if places else {}
        rows.append(
            (
                seq,
                f"{seq:08x}-0000-4000-8000-{rng.getrandbits(48):012x}",
                CAMPAIGN,
                rng.choice(CHANNELS),
                "sv",
                json.dumps(rng.sample(areas, 3)),
                json.dumps(answers, ensure_ascii=False),
                at.strftime(STAMP),
                at.strftime(STAMP),
            )
        )
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO responses (seq, id, campaign, channel, locale, areas, answers, "
        "submitted_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


def child(path: Path, out: Path) -> None:
    """Run the export as `medborgardialog export --format geojson` does; print its figures."""
    settings = Settings.from_env(env={}, db=path, secret_file=path.with_suffix(".secret"))
    args = argparse.Namespace(
        campaign=CAMPAIGN,
        format="geojson",
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
    with out.open(encoding="utf-8") as handle:
        features = sum(1 for line in handle if line.startswith('{"type":"Feature"'))
    print(
        json.dumps(
            {
                "features": features,
                "seconds": elapsed,
                "peak_mb": peak_memory_mb(),
                "bytes": out.stat().st_size,
            }
        )
    )


def export_part(db: Path, folder: Path) -> None:
    result = subprocess.run(
        [sys.executable, __file__, "--child", "--db", str(db), "--out", str(folder / "p.geojson")],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout)
    rate = figures["features"] / figures["seconds"]
    print(
        f"GeoJSON export: {figures['features']:,} features in {figures['seconds']:.1f} s = "
        f"{rate:,.0f} features/s, peak memory {figures['peak_mb']:.0f} MB, "
        f"file {figures['bytes'] / 2**20:.0f} MB"
    )


def serve_part(db: Path, folder: Path, seconds: int, connections: int) -> None:
    campaigns = folder / "campaigns"
    campaigns.mkdir()
    (campaigns / f"{CAMPAIGN}.toml").write_text(place_campaign_text(), encoding="utf-8")
    env = {
        "PYTHONPATH": str(ROOT),
        "PATH": "/usr/bin:/bin",
        "MEDBORGARDIALOG_CAMPAIGNS": str(campaigns),
    }
    cli = [sys.executable, "-m", "medborgardialog"]
    subprocess.run(
        [*cli, "results", "publish", CAMPAIGN, "--db", str(db)], check=True, env=env, cwd=ROOT
    )
    port = free_port()
    command = [*cli, "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/static/site.css")
        places = f"{base}/api/v1/campaigns/{CAMPAIGN}/results/places.geojson"
        print(f"first (uncounted) places.geojson: {fetch(places) * 1000:.0f} ms")
        gzip = ("Accept-Encoding: gzip, deflate, br",)
        for name, url, headers in (
            ("places.geojson (gzip)", places, gzip),
            ("places.geojson, uncompressed", places, ()),
            ("results json (gzip)", f"{base}/api/v1/campaigns/{CAMPAIGN}/results", gzip),
        ):
            fetch(url)
            rate, p50, p99 = wrk(url, seconds, connections, 1, headers)
            print(
                f"{name}: {rate:,.0f} requests/s, p50 {p50}, p99 {p99} "
                f"({connections} connections, 1 wrk thread, {seconds} s)"
            )
        with urllib.request.urlopen(places, timeout=60) as response:
            collection = json.loads(response.read())
        kinds = [f["properties"]["kind"] for f in collection["features"]]
        print(
            f"places.geojson: {kinds.count('zone')} zones, {kinds.count('cell')} grid cells, "
            f"{len(json.dumps(collection)) / 1024:.0f} KB"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000, help="answers in the store")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections")
    parser.add_argument("--part", choices=("export", "serve", "both"), default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.db), Path(args.out))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "places.db"
        took = generate(db, args.responses)
        print(f"{args.responses:,} answers generated in {took:.1f} s")
        if args.part in ("export", "both"):
            export_part(db, folder)
        if args.part in ("serve", "both"):
            serve_part(db, folder, args.seconds, args.connections)
        print("load average (1, 5, 15 min): " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))


if __name__ == "__main__":
    main()
