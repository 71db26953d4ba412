"""The staff results page for every question kind: each question's answers by channel and
by venue, a scale's mean and its cross-table against the chosen areas, in the page's
language, small groups shown as <5."""

from __future__ import annotations

import uuid

import pytest
from bs4 import BeautifulSoup

from storage import Store
from storage.campaigns import register_campaigns
from storage.result_breakdowns import question_splits
from survey import Response
from tests.fake_clock import FakeClock
from tests.kinds_campaign import kinds_campaign
from tests.staff_support import add_account, log_in, staff_app, token

AREAS = ("violence-public", "unsafe-places", "traffic")


def one(channel: str, scale: str, picks: list[str], source: str | None = None, **more):
    answers = {"safe-evening": scale, "when-unsafe": picks} if picks else {"safe-evening": scale}
    return Response(
        id=str(uuid.uuid4()),
        campaign="kinds",
        channel=channel,
        locale="sv",
        areas=more.get("areas", AREAS),
        comment=None,
        source=source,
        answers=answers,
    )


# Web: 6 (5 of them "rather-safe"), kiosk at the library: 5, paper at a workshop: 2.
ANSWERS = [
    *(one("web", "rather-safe", ["evening", "night"]) for _ in range(5)),
    one("web", "very-unsafe", ["night"], areas=("drugs-alcohol", "traffic", "graffiti-vandalism")),
    *(one("kiosk", "very-safe", ["day"], source="Biblioteket") for _ in range(4)),
    one("kiosk", "dont-know", [], source="Biblioteket"),
    *(one("paper", "rather-unsafe", ["weekends"], source="Workshop") for _ in range(2)),
]


@pytest.fixture
async def kinds(aiohttp_client, tmp_path, catalogs):
    campaign = kinds_campaign()
    store = Store(tmp_path / "kinds.db")
    await store.write(register_campaigns, [campaign])
    for response in ANSWERS:
        await store.save_response(response)
    await add_account(store, "kim", "analyst")
    app = staff_app(store, {campaign.id: campaign}, catalogs, clock=FakeClock())
    client = await aiohttp_client(app)
    await log_in(client)
    yield client, store, campaign
    store.close()


def table_of(soup: BeautifulSoup, table_id: str) -> dict[str, list[str]]:
    """A table's rows: the row header to its cells' texts (the header row under "")."""
    table = soup.find(id=table_id)
    rows = {"": [th.get_text(strip=True) for th in table.thead.find_all("th")[1:]]}
    for tr in table.tbody.find_all("tr"):
        rows[tr.th.get_text(strip=True)] = [td.get_text(strip=True) for td in tr.find_all("td")]
    return rows


async def test_the_store_splits_each_question_by_channel_and_venue(kinds):
    _, store, campaign = kinds
    splits = {s.question: s for s in await store.read(question_splits, campaign)}
    scale = splits["safe-evening"]
    assert 6 == scale.by_channel["web"].answered
    assert {"rather-safe": 5, "very-unsafe": 1} == scale.by_channel["web"].options
    assert {"very-safe": 4, "dont-know": 1} == scale.by_venue[("kiosk", "Biblioteket")].options
    multi = splits["when-unsafe"]
    assert 6 == multi.by_channel["web"].answered  # each resident once…
    assert {"evening": 5, "night": 6} == multi.by_channel["web"].options  # …per option picked
    assert 4 == multi.by_channel["kiosk"].answered  # one skipped it


async def test_each_question_by_channel_and_venue_and_a_scales_mean(kinds):
    client, _, _ = kinds
    soup = BeautifulSoup(await (await client.get("/staff/c/kinds/")).text(), "html.parser")
    scale = soup.find(id="question-safe-evening")
    assert "Hur trygg känner du dig ute ensam en sen kväll" in scale.h3.get_text()
    # Scored points 2×2 (paper), 5×3, 1×1 (web), 4×4 (kiosk) over 12: 36 / 12.
    assert "medelvärde 3,0 på en skala 1–4" == scale.find(class_="mean").get_text(strip=True)
    channels = table_of(soup, "question-safe-evening-channels")
    assert ["Kiosk", "Webbenkät", "Papper och workshop"] == channels[""]
    assert ["<5", "6", "<5"] == channels["Svarade på frågan"]  # with a partner hidden
    # The web's lone "very unsafe" is hidden, and its five "rather safe" with it.
    assert ["0", "<5", "<5"] == channels["Ganska trygg"]
    assert ["<5", "0", "<5"] == channels["Mycket trygg"]  # the kiosk's 4 are under five
    venues = table_of(soup, "question-safe-evening-venues")
    assert ["Biblioteket (Kiosk)", "Workshop (Papper och workshop)"] == venues[""]
    multi = table_of(soup, "question-when-unsafe-channels")
    assert ["<5", "6", "<5"] == multi["Svarade på frågan"]
    assert ["<5", "5", "<5"] == multi["Kväll"] and ["<5", "6", "<5"] == multi["Natt"]
    crossed = scale.find("table", class_="crossed")
    header = [th.get_text(strip=True) for th in crossed.thead.find_all("th")]
    rows = {
        tr.th.get_text(strip=True): [td.get_text() for td in tr.find_all("td")]
        for tr in crossed.tbody.find_all("tr")
    }
    traffic = header.index("Trafikbrott") - 1
    assert "5" == rows["Ganska trygg"][traffic]  # five "rather safe" chose traffic
    assert "<5" == rows["Mycket otrygg"][traffic]


async def test_the_question_tables_follow_the_staff_pages_language(kinds):
    client, _, _ = kinds
    csrf = await token(client, "/staff/c/kinds/")
    await client.post("/staff/language", data={"lang": "en", "csrf": csrf})
    soup = BeautifulSoup(await (await client.get("/staff/c/kinds/")).text(), "html.parser")
    scale = soup.find(id="question-safe-evening")
    assert "How safe do you feel" in scale.h3.get_text()
    assert "mean 3.0 on a scale of 1–4" == scale.find(class_="mean").get_text(strip=True)
    channels = table_of(soup, "question-safe-evening-channels")
    assert "Rather safe" in channels
    live = await (await client.get("/staff/c/kinds/live")).json()
    assert "mean 3.0 on a scale of 1–4" in live["html"]
