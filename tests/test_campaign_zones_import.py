"""Zones from the municipality's GIS: a GeoJSON FeatureCollection read into the campaign's
map by the editor, shown before it is saved, kept when saved; every bad file gets a clear,
translated message beside the file field, never a 500. The reading itself
(`survey.area_map_geojson`): names per language, ids, MultiPolygon, holes, bounds."""

from __future__ import annotations

import json
import tomllib

import aiohttp
import pytest
from bs4 import BeautifulSoup

from storage.campaigns import published_campaigns, stored_campaign
from survey.area_map_geojson import GeoJSONProblem, zones_from_geojson
from survey.registry import CampaignRegistry
from tests.editor_support import as_multidict, editor_form
from tests.staff_support import add_account, csrf_of, log_in, staff_app
from tests.test_campaign_editor import create, page_of, problems


@pytest.fixture
async def organiser(aiohttp_client, store, catalogs):
    await add_account(store, "olle", "organiser")
    registry = CampaignRegistry(await store.read(published_campaigns))
    client = await aiohttp_client(staff_app(store, registry, catalogs))
    await log_in(client, "olle")
    return client


KARLSTAD = {"bounds": [[59.33, 13.40], [59.43, 13.62]], "precision_m": 50}


def square(west: float, south: float, side: float = 0.01) -> list[list[float]]:
    east, north = west + side, south + side
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def feature(properties: dict, ring=None, kind: str = "Polygon", **extra) -> dict:
    coordinates = [ring or square(13.50, 59.38)]
    if kind == "MultiPolygon":
        coordinates = [coordinates]
    geometry = {"type": kind, "coordinates": coordinates}
    return {"type": "Feature", "properties": properties, "geometry": geometry, **extra}


def collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def test_names_per_language_and_ids_from_the_properties():
    data = collection(
        feature({"name": "Västra Hagen", "name_en": "West Meadow"}),
        feature({"name:sv": "Öst", "id": "ost"}, square(13.52, 59.38), "MultiPolygon"),
        feature({"name-sv": "Tredje"}, square(13.54, 59.38), id="zon-3"),
    )
    found = zones_from_geojson(data, ["sv", "en"], KARLSTAD)
    assert KARLSTAD["bounds"] == found["bounds"] and 50 == found["precision_m"]
    assert ["vastra-hagen", "ost", "zon-3"] == [z["id"] for z in found["zones"]]
    assert {"sv": "Västra Hagen", "en": "West Meadow"} == found["zones"][0]["name"]
    # A language without a name of its own takes the first one's.
    assert {"sv": "Öst", "en": "Öst"} == found["zones"][1]["name"]
    assert square(13.52, 59.38) == found["zones"][1]["polygon"]


def test_without_a_map_the_zones_make_one_around_them():
    found = zones_from_geojson(collection(feature({"name": "A"})), ["sv"], None)
    [[south, west], [north, east]] = found["bounds"]
    assert south < 59.38 < 59.39 < north and west < 13.50 < 13.51 < east


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xff\xfe not json", "geojson.not_json"),
        (b'{"type": "Feature"}', "geojson.not_collection"),
        (b'{"type": "FeatureCollection", "features": []}', "geojson.empty"),
        (collection({"type": "Polygon"}), "geojson.not_feature"),
        (
            collection(feature({"name": "A"}) | {"geometry": {"type": "Point"}}),
            "geojson.not_polygon",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        feature({"name": "A"})
                        | {
                            "geometry": {
                                "type": "MultiPolygon",
                                "coordinates": [[square(13.50, 59.38)], [square(13.52, 59.38)]],
                            }
                        }
                    ],
                }
            ).encode(),
            "geojson.parts",
        ),
        (
            collection(
                feature({"name": "A"})
                | {
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [square(13.50, 59.38), square(13.502, 59.382, 0.002)],
                    }
                }
            ),
            "geojson.holes",
        ),
        (collection(feature({"kind": "park"})), "geojson.name_missing"),
        (collection(feature({"name": "A"}), feature({"name": "A"})), "geojson.id_twice"),
        (collection(feature({"name": "Öppen"}, square(13.50, 59.38)[:-1])), "geojson.zone"),
        (collection(feature({"name": "Kort"}, square(13.50, 59.38)[:3])), "geojson.zone"),
        (collection(feature({"name": "Göteborg"}, square(11.97, 57.70))), "geojson.zone"),
        (
            collection(
                feature(
                    {"name": "Rosett"},
                    [[13.5, 59.38], [13.51, 59.39], [13.51, 59.38], [13.5, 59.39], [13.5, 59.38]],
                )
            ),
            "geojson.zone",
        ),
    ],
)
def test_a_bad_file_is_named_by_its_problem(data, code):
    with pytest.raises(GeoJSONProblem) as refused:
        zones_from_geojson(data, ["sv"], KARLSTAD)
    assert code == refused.value.code


async def import_file(client, data: bytes | None, campaign_id: str = "kil-2026"):
    html, soup = await page_of(client, f"/staff/campaigns/{campaign_id}/")
    revision = int(soup.find("input", {"name": "revision"})["value"])
    form = aiohttp.FormData(as_multidict(editor_form(csrf_of(html), revision)))
    form.add_field("action", "import_zones")
    if data is not None:
        form.add_field("zones_file", data, filename="zoner.geojson")
    return await client.post(f"/staff/campaigns/{campaign_id}/", data=form)


async def stored_map(store, campaign_id: str = "kil-2026"):
    stored = await store.read(stored_campaign, campaign_id)
    return tomllib.loads(stored.document).get("map")


async def test_the_zones_are_shown_before_saving_and_kept_when_saved(organiser, store):
    await create(organiser)
    data = collection(
        feature({"name_sv": "Centrum", "name_en": "Town centre"}),
        feature({"name": "Norrstrand"}, square(13.52, 59.39)),
    )
    response = await import_file(organiser, data)
    assert 200 == response.status
    soup = BeautifulSoup(await response.text(), "html.parser")
    assert "2 zoner är inlästa" in soup.select_one(".flash").get_text()
    rows = [
        [c.get_text(strip=True) for c in r.find_all("td")]
        for r in soup.select("#zone-list tbody tr")
    ]
    assert [
        ["centrum", "Centrum", "Town centre"],
        ["norrstrand", "Norrstrand", "Norrstrand"],
    ] == rows
    drawn = json.loads(soup.select_one("#zones-map")["data-map"])
    assert ["Centrum", "Norrstrand"] == [zone["name"] for zone in drawn["zones"]]
    assert await stored_map(store) is None  # shown, not saved
    # "Spara" keeps the map the form carries.
    form = {i["name"]: i.get("value", "") for i in soup.select("#editor input[type=hidden]")}
    revision = int(form["revision"])
    saved = editor_form(form["csrf"], revision, map=form["map"])
    await organiser.post("/staff/campaigns/kil-2026/", data=as_multidict(saved))
    kept = await stored_map(store)
    assert ["centrum", "norrstrand"] == [zone["id"] for zone in kept["zones"]]
    # The next save without a file keeps them too.
    again = await import_file(organiser, None)
    assert (
        "Välj en GeoJSON-fil först."
        == problems(BeautifulSoup(await again.text(), "html.parser"))["f-zones_file"]
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>", "Filen är inte JSON. Välj en GeoJSON-fil."),
        (b'{"type": "Topology"}', "Filen är inte en GeoJSON FeatureCollection."),
        (collection(feature({"name": "Göteborg"}, square(11.97, 57.70))), None),
        (collection(feature({"name": "Öppen"}, square(13.50, 59.38)[:-1])), None),
    ],
)
async def test_a_bad_file_gets_a_translated_message_never_a_500(organiser, data, message):
    await create(organiser)
    html, soup = await page_of(organiser, "/staff/campaigns/kil-2026/")
    revision = int(soup.find("input", {"name": "revision"})["value"])
    with_map = editor_form(csrf_of(html), revision, map=json.dumps(KARLSTAD))  # zones inside it
    await organiser.post("/staff/campaigns/kil-2026/", data=as_multidict(with_map))
    response = await import_file(organiser, data)
    assert 422 == response.status
    said = problems(BeautifulSoup(await response.text(), "html.parser"))["f-zones_file"]
    if message:
        assert message == said
    else:
        assert said.startswith("Zon 1 (")
        assert "Ogiltigt värde" not in said
