"""The published places: residents per zone in the results JSON and on the page (a table
beside the shaded map), and the places as GeoJSON, zones and grid cells of at least five
residents, never one resident's point."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import shapely
from bs4 import BeautifulSoup
from rdflib import Graph
from rdflib.namespace import DCAT
from shapely.geometry import shape
from yarl import URL

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage import Store
from storage.campaigns import register_campaigns
from storage.publication import publish
from survey.place_counts import CELL_M, Grid
from survey.suppression import THRESHOLD
from survey.validation import stored_answers
from tests.fake_clock import FakeClock
from tests.place_campaign import place_campaign
from tests.staff_support import answer

AREAS = ("violence-public", "unsafe-places", "drugs-alcohol")
CENTRUM = (59.380, 13.505)
GRID = Grid.over(place_campaign().map)
# In no zone: the middle of the grid cell around (59.350, 13.450).
_ROW, _COLUMN = GRID.cell(59.350, 13.450)
OUTSIDE = (
    GRID.south + (_ROW + 0.5) * GRID.lat_step,
    GRID.west + (_COLUMN + 0.5) * GRID.lon_step,
)
LONELY = (59.420, 13.420)  # in no zone, far from the others


def places_answer(*places):
    campaign = place_campaign()
    answers = stored_answers(campaign, {"unsafe-places": list(places)})
    return answer(campaign="places", areas=AREAS, answers=answers)


def point(at, shift=0.0):
    return {"lat": at[0] + shift, "lon": at[1] + shift}


@pytest.fixture
async def places_client(aiohttp_client, tmp_path, catalogs):
    campaign = place_campaign()
    store = Store(tmp_path / "places.db")
    await store.write(register_campaigns, [campaign])
    clock = FakeClock("2026-03-02T12:00:00+01:00")
    app = create_app(WebConfig(), store, {campaign.id: campaign}, catalogs, b"k" * 32, clock)
    yield await aiohttp_client(app), store
    store.close()


async def seed(store):
    # Seven residents in the centre, one of them twice: seven residents there.
    await store.save_response(places_answer(point(CENTRUM), point(CENTRUM, 0.001)))
    for n in range(6):
        await store.save_response(places_answer(point(CENTRUM, n * 0.0005)))
    # Five chose Norrstrand by name, two Kronoparken.
    for _ in range(5):
        await store.save_response(places_answer({"zone": "norrstrand"}))
    for _ in range(2):
        await store.save_response(places_answer({"zone": "kronoparken", "option": "people"}))
    # Six outside the zones, close together, and one far away on their own.
    for n in range(6):
        await store.save_response(places_answer(point(OUTSIDE, n * 0.0001)))
    await store.save_response(places_answer(point(LONELY)))
    await store.save_response(answer(campaign="places", areas=AREAS))  # no place at all


async def test_places_geojson_is_not_there_before_publishing(places_client):
    client, store = places_client
    await seed(store)
    response = await client.get("/api/v1/campaigns/places/results/places.geojson")
    assert 404 == response.status
    assert "results.not_published" == (await response.json())["error"]
    unknown = await client.get("/api/v1/campaigns/nowhere/results/places.geojson")
    assert 404 == unknown.status


async def test_the_results_count_residents_per_zone_and_hide_few(places_client):
    client, store = places_client
    await seed(store)
    await store.write(publish, "places", "kim", datetime.now(UTC))
    results = await (await client.get("/api/v1/campaigns/places/results")).json()
    [places] = results["places"]
    assert "unsafe-places" == places["question"]
    counts = {z["zone"]: z["count"] for z in places["zones"]}
    # Kronoparken's two are hidden, and with them the next smallest (Norrstrand's five),
    # which would otherwise give them away.
    assert {"centrum": 7, "norrstrand": None, "kronoparken": None} == counts
    assert 7 == places["outside_zones"]
    assert "Town centre" == places["zones"][0]["label"]["en"]


async def test_the_page_shows_the_counts_per_zone_as_a_table_beside_the_map(places_client):
    client, store = places_client
    await seed(store)
    await store.write(publish, "places", "kim", datetime.now(UTC))
    page = BeautifulSoup(
        await (await client.get("/c/places/results?lang=sv")).text(), "html.parser"
    )
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.select("#place-unsafe-places tbody tr")
    ]
    assert [
        ["Centrum", "7"],
        ["Norrstrand", "färre än 5"],
        ["Kronoparken", "färre än 5"],
        ["Utanför områdena", "7"],
    ] == rows
    shown = json.loads(page.select_one("#zone-map-unsafe-places")["data-map"])
    assert [7, None, None] == [zone["count"] for zone in shown["zones"]]
    assert shown["tiles"] is None  # a public page asks no other site for its map
    assert "lat" not in json.dumps(shown["zones"])  # zones and counts; never a point


async def test_places_geojson_gives_zones_and_cells_of_five_never_a_point(places_client):
    client, store = places_client
    await seed(store)
    await store.write(publish, "places", "kim", datetime.now(UTC))
    response = await client.get("/api/v1/campaigns/places/results/places.geojson")
    assert 200 == response.status
    assert response.content_type == "application/geo+json"
    collection = await response.json()
    assert "FeatureCollection" == collection["type"]
    features = collection["features"]
    geometries = [shape(f["geometry"]) for f in features]
    assert all(isinstance(g, shapely.Polygon) for g in geometries)
    zones = {
        f["properties"]["zone"]: f["properties"]["count"]
        for f in features
        if f["properties"]["kind"] == "zone"
    }
    assert {"centrum": 7, "norrstrand": None, "kronoparken": None} == zones
    cells = [
        (f, g)
        for f, g in zip(features, geometries, strict=True)
        if f["properties"]["kind"] == "cell"
    ]
    assert all(f["properties"]["count"] >= THRESHOLD for f, _ in cells)
    # The six close together make one cell; the lonely resident's cell is not there.
    [(cell, polygon)] = cells
    assert 6 == cell["properties"]["count"]
    assert shapely.contains_xy(polygon, OUTSIDE[1] + 0.0002, OUTSIDE[0] + 0.0002)  # [lon, lat]
    assert not any(shapely.contains_xy(g, LONELY[1], LONELY[0]) for g in geometries)
    # About 250 m a side.
    assert abs(GRID.lat_step * 111_320 - CELL_M) < 1
    # RFC 7946: outer rings counter-clockwise.
    assert all(shapely.Polygon(g.exterior).exterior.is_ccw for g in geometries)


async def test_places_geojson_is_served_from_memory(places_client):
    client, store = places_client
    await seed(store)
    await store.write(publish, "places", "kim", datetime.now(UTC))
    first = await (await client.get("/api/v1/campaigns/places/results/places.geojson")).read()
    await store.save_response(places_answer(point(LONELY)))
    again = await (await client.get("/api/v1/campaigns/places/results/places.geojson")).read()
    assert first == again


async def test_the_catalogue_gives_the_maps_bounds_and_the_places_as_geojson(places_client):
    client, store = places_client
    await seed(store)
    await store.write(publish, "places", "kim", datetime.now(UTC))
    response = await client.get("/api/v1/dcat")
    assert 200 == response.status
    graph = Graph().parse(data=await response.text(), format="turtle")
    boxes = [str(box) for box in graph.objects(None, DCAT.bbox)]
    assert ["POLYGON((13.4 59.33, 13.62 59.33, 13.62 59.43, 13.4 59.43, 13.4 59.33))"] == boxes
    downloads = [str(url) for url in graph.objects(None, DCAT.downloadURL)]
    [geojson] = [URL(url) for url in downloads if url.endswith("/results/places.geojson")]
    assert 200 == (await client.get(geojson.path)).status
