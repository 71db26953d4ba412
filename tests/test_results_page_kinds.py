"""The published results page shows the public questions: each option's count in a table
("färre än 5" where fewer gave it), a scale's mean, in Swedish and Arabic; background
questions stay off the page."""

from __future__ import annotations

import uuid

import pytest
from bs4 import BeautifulSoup

from kiosk.app import create_app
from kiosk.config import WebConfig
from storage import Store
from storage.campaigns import register_campaigns
from storage.publication import publish
from survey import Response
from tests.fake_clock import FakeClock
from tests.kinds_campaign import kinds_campaign

GIVEN = [
    *[{"safe-evening": "very-unsafe", "when-unsafe": ["evening", "night"], "age": "20-34"}] * 5,
    *[{"safe-evening": "rather-safe", "when-unsafe": ["night"]}] * 6,
    *[{"safe-evening": "dont-know", "when-unsafe": ["day"]}] * 2,
]


def responses(campaign_id: str = "kinds") -> list[Response]:
    return [
        Response(
            id=str(uuid.uuid4()),
            campaign=campaign_id,
            channel="web",
            locale="sv",
            areas=("violence-public", "unsafe-places", "drugs-alcohol"),
            comment=None,
            answers=answers,
        )
        for answers in GIVEN
    ]


@pytest.fixture
async def published(aiohttp_client, tmp_path, catalogs):
    campaign = kinds_campaign()
    store = Store(tmp_path / "kinds.db")
    await store.write(register_campaigns, [campaign])
    for response in responses():
        await store.save_response(response)
    clock = FakeClock("2026-03-03T12:00:00+01:00")
    await store.write(publish, "kinds", "anna", clock.now())
    app = create_app(WebConfig(), store, {campaign.id: campaign}, catalogs, b"k" * 32, clock)
    yield await aiohttp_client(app)
    store.close()


def rows_of(table) -> dict[str, str]:
    return {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in table.find_all("tr")[1:]
    }


async def test_the_public_questions_in_a_table_with_a_scales_mean(published):
    page = await published.get("/c/kinds/results?lang=sv")
    assert 200 == page.status
    soup = BeautifulSoup(await page.text(), "html.parser")
    section = soup.find(id="questions")
    assert "Svaren på frågorna" == section.h2.get_text(strip=True)
    scale = soup.find("table", id="question-safe-evening")
    assert "Hur trygg känner du dig" in soup.find(id=scale["aria-labelledby"]).get_text()
    assert {
        "Mycket otrygg": "färre än 5",  # hidden with "Vet inte" (2), the next smallest
        "Ganska otrygg": "0",
        "Ganska trygg": "6",
        "Mycket trygg": "0",
        "Vet inte": "färre än 5",
        "Svarade på frågan": "13",
    } == rows_of(scale)
    assert "medelvärde 2,1 på en skala 1–4" == soup.find(id="mean-safe-evening").get_text()
    multi = rows_of(soup.find("table", id="question-when-unsafe"))
    assert {"Dag": "färre än 5", "Kväll": "färre än 5", "Natt": "11", "Helger": "0"} == {
        k: multi[k] for k in ("Dag", "Kväll", "Natt", "Helger")
    }
    assert soup.find(id="mean-when-unsafe") is None
    assert soup.find("table", id="question-age") is None  # background: not public


async def test_the_questions_in_arabic(published):
    soup = BeautifulSoup(
        await (await published.get("/c/kinds/results?lang=ar")).text(), "html.parser"
    )
    assert "rtl" == soup.html["dir"]
    scale = rows_of(soup.find("table", id="question-safe-evening"))
    assert "6" == scale["آمن إلى حد ما"]
    assert "أقل من 5" == scale["غير آمن جدًا"]
    mean = soup.find(id="mean-safe-evening").get_text()
    assert "2.1" in mean or "٢٫١" in mean or "2٫1" in mean
    assert "medelvärde" not in mean


async def test_the_note_on_small_groups_is_valid_html_in_every_language(published):
    client = published
    for lang in ("sv", "en", "ar", "fi"):
        html = await (await client.get(f"/c/kinds/results?lang={lang}")).text()
        assert "&lt;5" in html, lang  # "<5" written out in the note, escaped
        assert "<5" not in html, lang
