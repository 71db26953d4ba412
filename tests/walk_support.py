"""Helpers for the safety-walk tests: the demo promise on a campaign with a Karlstad map,
a walk in the store with its key, a JPEG that carries a GPS position in its EXIF."""

from __future__ import annotations

import io
import uuid
from datetime import date
from pathlib import Path

from PIL import Image

from campaigns import SAMPLE_DIR
from promises import SAMPLE_DIR as PROMISE_DIR
from storage.promises import save_promise
from storage.walks import create_walk, new_key, new_walk_id
from survey.promises.loader import load_promise
from survey.promises.walks import Walk
from tests.kinds_campaign import DEMO_TOPIC
from tests.place_campaign import place_campaign, place_campaign_text
from tests.promise_support import NOW

CENTRUM = (59.380, 13.505)  # inside the map, in the zone "centrum"
OUTSIDE = (59.60, 13.50)  # north of the map's bounds
GPS_IFD = 34853


def mapped_campaigns(campaigns) -> dict:
    """The sample campaigns, with `demo` (the demo promise's) carrying the Karlstad map."""
    return {**campaigns, "demo": place_campaign("demo")}


def write_campaign_dir(folder: Path) -> Path:
    """A campaign folder for the command line: `demo` with the map."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.toml").write_text(place_campaign_text("demo"), encoding="utf-8")
    return folder


# Where the demo's place question begins (the last thing in its file).
DEMO_PLACES = "# Where: up to three places"


def write_mapless_campaign_dir(folder: Path) -> Path:
    """A campaign folder whose `demo` has no map (no walk can be made on it)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8")
    text = text.split(DEMO_PLACES, 1)[0]  # its place question needs the map
    start, end = text.index("[map]"), text.index(DEMO_TOPIC)
    (folder / "demo.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    return folder


def demo_promise():
    return load_promise(PROMISE_DIR / "demo.toml")


def make_walk(db, *, published: bool = False, open_: bool = True) -> tuple[Walk, str]:
    """The demo promise and one walk of its activity `trygghetsvandringar`; (walk, key)."""
    save_promise(db, demo_promise(), actor="test", now=NOW)
    walk = Walk(
        id=new_walk_id(),
        promise="demo",
        activity="trygghetsvandringar",
        campaign="demo",
        date=date(2026, 11, 20),
        title="Kvällsvandring i centrum",
        meeting_point="Stora torget",
        open=open_,
    )
    key = new_key()
    create_walk(db, walk, key, actor="test", now=NOW)
    if published:
        db.conn.execute(
            "UPDATE walks SET published_at = ? WHERE id = ?", (NOW.isoformat(), walk.id)
        )
    if not open_:
        db.conn.execute("UPDATE walks SET open = 0 WHERE id = ?", (walk.id,))
    return walk, key


def point(category: str = "lighting", note: str | None = "Lampan är trasig", where=CENTRUM, **more):
    return {
        "id": str(uuid.uuid4()),
        "lat": where[0],
        "lon": where[1],
        "category": category,
        "note": note,
        "captured_at": "2026-11-20T19:05:00+01:00",
        **more,
    }


def gps_jpeg(size=(3000, 1000)) -> bytes:
    """A JPEG whose EXIF says where it was taken (GPS) and that it lies on its side."""
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show it upright
    exif[GPS_IFD] = {1: "N", 2: (59.0, 22.0, 48.0), 3: "E", 4: (13.0, 30.0, 18.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()
