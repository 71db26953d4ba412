"""Where residents marked places, as staff see it over HTTP: residents and places per zone,
places per reason, the busiest cells and the map's clusters, each filtered on the server by
channel, venue and area chosen; a campaign without a place question has no such page."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from survey.validation import stored_answers
from tests.staff_support import add_account, answer, log_in, staff_app

STATION = {"lat": 59.378, "lon": 13.5, "option": "lighting"}  # in the town centre
VAXNAS = {"lat": 59.386, "lon": 13.47, "option": "people"}  # outside every zone
KIOSK_AREAS = ("violence-public", "drugs-alcohol", "traffic")


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    await log_in(client)
    demo = campaigns["demo"]
    for response in (
        answer(answers={"unsafe-places": [STATION, {"zone": "centrum"}, VAXNAS]}),
        answer(answers={"unsafe-places": [STATION]}),
        answer(answers={"unsafe-places": [{"zone": "norrstrand", "option": "traffic"}]}),
        answer(
            channel="kiosk",
            source="Stadsbiblioteket",
            areas=KIOSK_AREAS,
            answers={"unsafe-places": [VAXNAS, {**VAXNAS, "lat": 59.3862}]},
        ),
        answer(answers={"age": "35-49"}),  # no place
    ):
        # As the submit path keeps them: points rounded to the map's grid, with their zone.
        await store.save_response(replace(response, answers=stored_answers(demo, response.answers)))
    return client


async def page_of(client, query: str = "") -> BeautifulSoup:
    response = await client.get(f"/staff/c/demo/places{query}")
    assert 200 == response.status
    return BeautifulSoup(await response.text(), "html.parser")


def totals(soup: BeautifulSoup) -> tuple[int, int]:
    """(residents, places) from the line "Svarande som markerade platser: R. Platser: P."."""
    text = soup.select_one("#place-total").get_text()
    found = re.fullmatch(r"Svarande som markerade platser: (\d+)\. Platser: (\d+)\.", text)
    return int(found.group(1)), int(found.group(2))


def rows(soup: BeautifulSoup, table: str) -> list[list[str]]:
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select(f"#{table} tbody tr")
    ]


def clusters(soup: BeautifulSoup, size_m: int) -> list[list]:
    data = json.loads(soup.select_one("#places-map")["data-map"])
    return next(level["clusters"] for level in data["levels"] if level["size_m"] == size_m)


async def test_places_per_zone_and_reason_for_every_answer(client):
    soup = await page_of(client)
    assert (4, 7) == totals(soup)
    assert [
        ["Centrum", "2", "3"],
        ["Norrstrand", "1", "1"],
        ["Kronoparken", "0", "0"],
        ["Utanför områdena", "2", "3"],
    ] == rows(soup, "zone-table")
    assert [
        ["Dålig belysning", "2"],
        ["Personer som samlas", "3"],
        ["Trafiken", "1"],
        ["Ingen anledning angiven", "1"],
    ] == rows(soup, "reason-table")
    # Five points on the map: the station twice, Våxnäs three times, in two 250 m cells.
    near_station = [c[2] for c in clusters(soup, 250) if abs(c[0] - 59.378) < 0.001]
    assert [2] == near_station
    assert 2 == len(clusters(soup, 250))
    assert 5 == sum(c[2] for c in clusters(soup, 4000))
    position, zone, marked = rows(soup, "cell-table")[0]  # Våxnäs, the most places
    assert ("59.38", "utanför områdena", "3") == (position[:5], zone, marked)
    assert "Platser" in soup.select_one(".campaign-nav [aria-current=page]").get_text()


async def test_filters_by_channel_venue_and_area_chosen(client):
    soup = await page_of(client, "?channel=kiosk")
    assert (1, 2) == totals(soup)
    soup = await page_of(client, "?venue=Stadsbiblioteket")
    assert ["Utanför områdena", "1", "2"] == rows(soup, "zone-table")[-1]
    assert "selected" in soup.select_one("#f-venue option[value=Stadsbiblioteket]").attrs
    soup = await page_of(client, "?area=drugs-alcohol")
    assert (1, 2) == totals(soup)
    soup = await page_of(client, "?channel=web&area=unsafe-places")
    assert (3, 5) == totals(soup)
    soup = await page_of(client, "?channel=paper")
    assert (0, 0) == totals(soup)
    assert "Inga platser på kartan matchar urvalet." in soup.get_text()


async def test_unknown_filters_are_ignored_and_no_place_question_is_404(client):
    soup = await page_of(client, "?channel=fax&venue=%3Cb%3E&area=x&question=nope")
    assert (4, 7) == totals(soup)
    response = await client.get("/staff/c/karlstad-2016/places")
    assert 404 == response.status
    assert "frågar inte om platser" in await response.text()
    nav = await (await client.get("/staff/c/karlstad-2016/")).text()
    assert "/places" not in nav
