"""The places residents marked, exported: GeoJSON (RFC 7946) read back with a GeoJSON reader,
the JSON export as stored, the CSV's place columns (notes neutralised) and the analyst copy's
`places` table."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from storage import Store
from storage.campaigns import register_campaigns
from storage.responses import save_response
from survey import Response
from survey.validation import stored_answers
from tests.cli_process import run_cli
from tests.export_readers import read_csv
from tests.place_campaign import place_campaign

AREAS = ("violence-public", "unsafe-places", "drugs-alcohol")
PLACES = [
    [
        {"lat": 59.380123, "lon": 13.504871, "option": "lighting", "note": '=HYPERLINK("x")'},
        {"lat": 59.35, "lon": 13.45},
        {"zone": "kronoparken", "option": "people"},
    ],
    [{"lat": 59.39, "lon": 13.50, "note": 'Mörkt vid "bron" <b>\n'}],
    None,
]

pytestmark = pytest.mark.process  # the exports are run as the command line runs them


def stored_places(campaign, places):
    return stored_answers(campaign, {"unsafe-places": places})["unsafe-places"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "dialog.db"
    store = Store(path)
    campaign = place_campaign()

    def seed(db):
        register_campaigns(db, [campaign])
        for n, places in enumerate(PLACES):
            answers = {} if places is None else {"unsafe-places": stored_places(campaign, places)}
            save_response(
                db,
                Response(
                    id=str(uuid.UUID(int=n + 1)),
                    campaign="places",
                    channel=("web", "kiosk", "telegram")[n],
                    source="Bibliotek" if n == 1 else None,
                    locale="sv",
                    areas=AREAS,
                    comment=None,
                    answers=answers,
                ),
            )

    store.call(seed, write=True)
    store.close()
    return path


def export(db: Path, *args: str) -> subprocess.CompletedProcess:
    result = run_cli("export", "--db", str(db), "--campaign", "places", *args, text=False)
    assert 0 == result.returncode, result.stderr
    return result


def test_geojson_is_one_feature_per_place_longitude_first(db: Path, tmp_path: Path):
    out = tmp_path / "platser.geojson"
    export(db, "--format", "geojson", "--out", str(out))
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert "FeatureCollection" == collection["type"]
    features = collection["features"]
    assert 4 == len(features)
    area_map = place_campaign().map
    first, outside, zone, second = features
    lat, lon = area_map.rounded(59.380123, 13.504871)
    point = shape(first["geometry"])
    assert isinstance(point, shapely.Point)
    # RFC 7946: [longitude, latitude]; the point is the stored, rounded one.
    assert (lon, lat) == (point.x, point.y) == tuple(first["geometry"]["coordinates"])
    assert {
        "response": str(uuid.UUID(int=1)),
        "question": "unsafe-places",
        "n": 1,
        "zone": "centrum",
        "option": "lighting",
        "note": '=HYPERLINK("x")',
        "channel": "web",
        "venue": None,
    } == {k: v for k, v in first["properties"].items() if k != "submitted_at"}
    assert first["properties"]["submitted_at"].endswith("Z")
    assert outside["properties"]["zone"] is None
    assert area_map.contains(shape(outside["geometry"]).y, shape(outside["geometry"]).x)
    # A place chosen as a zone has no point.
    assert zone["geometry"] is None
    assert ("kronoparken", "people", 3) == (
        zone["properties"]["zone"],
        zone["properties"]["option"],
        zone["properties"]["n"],
    )
    assert ("kiosk", "Bibliotek") == (
        second["properties"]["channel"],
        second["properties"]["venue"],
    )
    assert 'Mörkt vid "bron" <b>' == second["properties"]["note"]


def test_geojson_to_standard_output_and_none_without_places(db: Path):
    result = export(db, "--format", "geojson")
    assert 4 == len(json.loads(result.stdout.decode("utf-8"))["features"])


def test_json_export_gives_each_place_as_stored(db: Path):
    result = export(db, "--format", "json")
    responses = json.loads(result.stdout.decode("utf-8"))["responses"]
    places = responses[0]["answers"]["unsafe-places"]
    assert stored_places(place_campaign(), PLACES[0]) == places
    assert {"lat", "lon", "zone", "option", "note"} == set(places[0])
    assert {"zone", "option"} == set(places[2])


def test_csv_has_columns_per_place_and_neutralises_notes(db: Path, tmp_path: Path):
    out = tmp_path / "svar.csv"
    export(db, "--format", "csv", "--out", str(out))
    header, *rows = read_csv(out.read_bytes())
    note = header.index("Var känner du dig otrygg? 1: anteckning")
    assert '\'=HYPERLINK("x")' == rows[0][note]
    zone = header.index("Var känner du dig otrygg? 3: zon")
    assert "kronoparken" == rows[0][zone]
    machine = tmp_path / "maskin.csv"
    export(db, "--format", "csv", "--out", str(machine), "--machine-names", "--lang", "en")
    header = read_csv(machine.read_bytes())[0]
    assert "unsafe-places.1.lat" in header
    english = tmp_path / "en.csv"
    export(db, "--format", "csv", "--out", str(english), "--lang", "en")
    assert "Where do you feel unsafe? 2: latitude" in read_csv(english.read_bytes())[0]


def test_the_analyst_copy_has_a_places_table_without_notes(db: Path, tmp_path: Path):
    out = tmp_path / "analys.db"
    export(db, "--format", "sqlite", "--out", str(out))
    copy = sqlite3.connect(out)
    rows = copy.execute(
        "SELECT response_id, question, n, lat, lon, zone, option, note FROM places "
        "ORDER BY response_id, n"
    ).fetchall()
    copy.close()
    lat, lon = place_campaign().map.rounded(59.380123, 13.504871)
    assert (
        str(uuid.UUID(int=1)),
        "unsafe-places",
        1,
        lat,
        lon,
        "centrum",
        "lighting",
        None,
    ) == rows[0]
    assert (None, None, "kronoparken", "people") == rows[2][3:7]
    assert 4 == len(rows)
    assert all(row[7] is None for row in rows)
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["analys"]["tables"]
    assert {"response_id", "question", "n", "lat", "lon", "zone", "option", "note"} == set(
        tables["places"]["columns"]
    )
