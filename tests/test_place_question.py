"""The place question on the server: the campaign's map checked as a file is, each bad place
refused with a translated 422, points kept only on the map's grid with the zone they fall
in, and zones chosen by name."""

from __future__ import annotations

import json
import math
import random
import uuid

import pytest

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage import Store
from storage.campaigns import register_campaigns
from survey import CampaignError
from survey.area_map import METRES_PER_DEGREE, AreaMap, Zone
from survey.campaign_document import campaign_document
from survey.loader import check_document, parse_campaign
from tests.fake_clock import FakeClock
from tests.place_campaign import place_campaign, place_campaign_text

AREAS = ["violence-public", "unsafe-places", "drugs-alcohol"]


def an_answer(places) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "areas": AREAS,
        "comment": None,
        "locale": "sv",
        "channel": "web",
        "answers": {"unsafe-places": places},
    }


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (("[[59.33, 13.40], [59.43, 13.62]]", "[[59.43, 13.62], [59.33, 13.40]]"), "map.bounds"),
        # Latitude and longitude swapped: still corners in order, but no zone lies inside.
        (
            ("[[59.33, 13.40], [59.43, 13.62]]", "[[13.40, 59.33], [13.62, 59.43]]"),
            "map.zones[0].polygon[0]",
        ),
        (("[[59.33, 13.40], [59.43, 13.62]]", "[[59.33, 13.40]]"), "map.bounds"),
        (("[[59.33, 13.40], [59.43, 13.62]]", "[[99.0, 13.40], [59.43, 13.62]]"), "map.bounds[0]"),
        (("[13.495, 59.385], [13.495, 59.376]]", "[13.495, 59.385]]"), "map.zones[0].polygon"),
        (
            ("[13.495, 59.385], [13.495, 59.376]]", "[13.495, 59.385], [13.495, 59.377]]"),
            "map.zones[0].polygon",
        ),
        (("max = 3", "max = 0"), "questions[2].max"),
        (("precision_m = 50", "precision_m = 0"), "map.precision_m"),
        (('id = "norrstrand"', 'id = "centrum"'), "map.zones[1].id"),
    ],
)
def test_campaigns_check_refuses_a_broken_map_naming_it(change, key):
    text = place_campaign_text().replace(*change)
    with pytest.raises(CampaignError) as refused:
        parse_campaign(text)
    assert key == refused.value.key


def test_a_place_question_needs_a_map():
    text = place_campaign_text()
    start, end = text.index("[map]"), text.index('[[questions]]\nid = "unsafe-places"')
    with pytest.raises(CampaignError, match=r"\[map\]"):
        parse_campaign(text[:start] + text[end:])


def test_the_map_and_the_question_are_written_back_as_they_were_read():
    campaign = place_campaign()
    assert campaign == check_document(campaign_document(campaign))


def test_a_point_is_kept_on_a_50_metre_grid():
    area_map = place_campaign().map
    lat, lon = area_map.rounded(59.380123, 13.504871)
    assert abs(lat - 59.380123) * METRES_PER_DEGREE <= 25.01
    middle = math.cos(math.radians((area_map.south + area_map.north) / 2))
    assert abs(lon - 13.504871) * METRES_PER_DEGREE * middle <= 25.01
    # Every point in one grid cell is kept as the same point.
    assert (lat, lon) == area_map.rounded(lat + 0.0001, lon - 0.0001)


def test_the_zone_of_a_stored_point_is_the_one_shapely_finds_for_it():
    """A point's zone is looked up in a table made once per map; it is the zone shapely finds
    for the point on the grid (the first one, on its edge counting as in), for an L-shaped
    zone, a zone inside another, and points on their edges; and so without a table."""
    ell = ((13.49, 59.37), (13.53, 59.37), (13.53, 59.38), (13.50, 59.38), (13.50, 59.40),
           (13.49, 59.40), (13.49, 59.37))  # fmt: skip
    inner = ((13.495, 59.372), (13.52, 59.372), (13.52, 59.378), (13.495, 59.378),
             (13.495, 59.372))  # fmt: skip
    zones = (Zone("ell", {"sv": "L"}, ell), Zone("inner", {"sv": "I"}, inner))
    area_map = AreaMap(59.33, 13.40, 59.43, 13.62, zones=zones)
    without_table = AreaMap(59.33, 13.40, 59.43, 13.62, zones=zones)
    without_table.__dict__["_zone_table"] = None  # as for a map too large for one
    rng = random.Random(7)
    corners = [(lat, lon) for lon, lat in ell + inner]
    points = corners + [(rng.uniform(59.36, 59.41), rng.uniform(13.48, 13.54)) for _ in range(5000)]
    found = set()
    for lat, lon in points:
        point_lat, point_lon, zone = area_map.placed(lat, lon)
        assert (point_lat, point_lon) == area_map.rounded(lat, lon)
        assert zone == area_map.zone_at(point_lat, point_lon)
        assert (point_lat, point_lon, zone) == without_table.placed(lat, lon)
        found.add(zone)
    assert found == {"ell", None}  # the inner zone lies in the first: the first one counts


@pytest.fixture
async def places_client(aiohttp_client, tmp_path, catalogs):
    campaign = place_campaign()
    store = Store(tmp_path / "places.db")
    await store.write(register_campaigns, [campaign])
    clock = FakeClock("2026-03-02T12:00:00+01:00")
    app = create_app(WebConfig(), store, {campaign.id: campaign}, catalogs, b"k" * 32, clock)
    yield await aiohttp_client(app), store
    store.close()


async def post(client, body: dict | str):
    data = body if isinstance(body, str) else json.dumps(body)
    return await client.post(
        "/api/v1/campaigns/places/responses",
        data=data,
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )


async def test_points_are_stored_rounded_with_their_zone_and_zones_by_name(places_client):
    client, store = places_client
    places = [
        {"lat": 59.380123, "lon": 13.504871, "option": "lighting", "note": " Mörkt vid bron "},
        {"lat": 59.35, "lon": 13.45},
        {"zone": "kronoparken", "option": "people"},
    ]
    body = an_answer(places)
    assert 201 == (await post(client, body)).status
    [stored] = await store.responses("places")
    kept = stored.answers["unsafe-places"]
    area_map = place_campaign().map
    lat, lon = area_map.rounded(59.380123, 13.504871)
    assert {"lat": lat, "lon": lon, "zone": "centrum", "option": "lighting",
            "note": "Mörkt vid bron"} == kept[0]  # fmt: skip
    assert kept[1]["zone"] is None  # inside the map, outside every zone
    assert {"zone": "kronoparken", "option": "people"} == kept[2]
    # The same answer sent again is the same answer.
    assert 200 == (await post(client, body)).status


@pytest.mark.parametrize(
    ("places", "code"),
    [
        ([{"lat": 59.9, "lon": 13.5}], "place.outside"),
        ([{"lat": 13.504871, "lon": 59.380123}], "place.outside"),  # latitude and longitude swapped
        ([{"lat": "59.38", "lon": 13.5}], "place.not_a_point"),
        ([{"lat": True, "lon": 13.5}], "place.not_a_point"),
        ([{"lat": 59.38}], "place.not_a_point"),
        ([{"zone": "centrum"}] * 4, "place.too_many"),
        ([{"zone": "gamla-stan"}], "place.zone_unknown"),
        ([{"zone": "centrum", "option": "noise"}], "option.unknown"),
        ([{"option": "lighting"}], "place.missing"),
        ([{"zone": "centrum", "lat": 59.38, "lon": 13.5}], "answer.type"),
        ([{"zone": "centrum", "note": "x" * 281}], "place.note_too_long"),
        ([{"zone": "centrum", "colour": "red"}], "answer.type"),
        ([], "place.none"),
        ({"zone": "centrum"}, "field.type"),
        ("centrum", "answer.type"),
    ],
)
async def test_each_bad_place_is_refused_with_a_translated_422(places_client, places, code):
    client, _ = places_client
    response = await post(client, an_answer(places))
    assert 422 == response.status
    body = await response.json()
    assert code == body["error"]
    assert body["message"] and code not in body["message"]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
async def test_coordinates_that_are_not_finite_numbers_are_refused(places_client, number):
    client, _ = places_client
    text = json.dumps(an_answer([{"lat": 1.5, "lon": 13.5}])).replace("1.5", number)
    response = await post(client, text)
    assert 422 == response.status
    assert "place.not_a_point" == (await response.json())["error"]


async def test_the_campaign_api_gives_the_map_and_the_place_question(places_client):
    client, _ = places_client
    described = await (await client.get("/api/v1/campaigns/places")).json()
    assert [[59.33, 13.4], [59.43, 13.62]] == described["map"]["bounds"]
    assert ["centrum", "norrstrand", "kronoparken"] == [z["id"] for z in described["map"]["zones"]]
    [question] = [q for q in described["questions"] if q["kind"] == "place"]
    assert (3, 280) == (question["max"], question["note_max"])
