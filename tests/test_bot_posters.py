"""The staff's posters: per campaign and venue, a QR code for the bot and one for the web."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from kiosk.staff.results.posters import BOT_USERNAME, qr_svg
from tests.staff_support import add_account, log_in, staff_app

SVG = "{http://www.w3.org/2000/svg}"


async def poster_client(aiohttp_client, store, campaigns, catalogs, **config):
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs, **config))
    await log_in(client)
    return client


def codes(html: str) -> dict[str, str]:
    """The poster's QR codes (as SVG text) by their title."""
    found = {}
    for svg in BeautifulSoup(html, "html.parser").select("figure svg"):
        root = ET.fromstring(str(svg))  # well-formed SVG
        found[root.find(f"{SVG}title").text] = str(svg)
    return found


def same_code(svg: str, url: str, label: str) -> bool:
    """Whether `svg` encodes `url`: the same QR code made again is the same drawing."""
    again = BeautifulSoup(str(qr_svg(url, label)), "html.parser").svg
    return ET.fromstring(svg).find(f"{SVG}path").get("d") == ET.fromstring(str(again)).find(
        f"{SVG}path"
    ).get("d")


async def test_a_poster_links_the_bot_and_the_web_survey_with_the_venue(
    aiohttp_client, store, campaigns, catalogs
):
    client = await poster_client(
        aiohttp_client,
        store,
        campaigns,
        catalogs,
        public_url="https://dialog.karlstad.se",
        bot_username="KarlstadDialogBot",
    )
    page = await client.get("/staff/c/demo/poster?venue=bibliotek")
    assert 200 == page.status
    html = await page.text()
    soup = BeautifulSoup(html, "html.parser")
    assert "Demo: Trygg och säker" == soup.h1.text
    assert "Polisen · Kommunen" == soup.select_one(".organisers").text
    found = codes(html)
    bot_url = "https://t.me/KarlstadDialogBot?start=demo--bibliotek"
    web_url = "https://dialog.karlstad.se/c/demo/?source=bibliotek"
    assert same_code(found["QR-kod till Telegram-boten"], bot_url, "QR-kod till Telegram-boten")
    assert same_code(found["QR-kod till webbenkäten"], web_url, "QR-kod till webbenkäten")
    assert not same_code(found["QR-kod till webbenkäten"], bot_url, "QR-kod till webbenkäten")
    assert [bot_url, web_url] == [s.text for s in soup.select(".link")]


async def test_without_a_public_url_the_request_host_is_used_and_the_bot_name_learnt(
    aiohttp_client, store, campaigns, catalogs
):
    client = await poster_client(aiohttp_client, store, campaigns, catalogs)
    html = await (await client.get("/staff/c/demo/poster")).text()
    assert "Svara i Telegram" not in html  # no bot name known yet: only the web survey
    client.server.app[BOT_USERNAME].value = "MedborgarBot"  # as the bot's start-up sets it
    page = await client.get("/staff/c/demo/poster?lang=en&venue=station")
    soup = BeautifulSoup(await page.text(), "html.parser")
    host = f"http://{client.server.host}:{client.server.port}"
    assert [
        "https://t.me/MedborgarBot?start=demo--station",
        f"{host}/c/demo/?source=station",
    ] == [s.text for s in soup.select(".link")]
    assert "en" == soup.html["lang"] and "The police · The municipality" in soup.text


@pytest.mark.parametrize("venue", ["bib liotek", "a.b", "x" * 41, "-x"])
async def test_a_bad_venue_is_a_clear_400(aiohttp_client, store, campaigns, catalogs, venue):
    client = await poster_client(aiohttp_client, store, campaigns, catalogs)
    page = await client.get("/staff/c/demo/poster", params={"venue": venue})
    assert 400 == page.status
    assert "En plats skrivs med högst 40 bokstäver" in await page.text()


async def test_posters_are_for_staff_only(aiohttp_client, store, campaigns, catalogs):
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    page = await client.get("/staff/c/demo/poster", allow_redirects=False)
    assert page.status in (302, 303)


async def test_the_campaign_pages_link_to_the_poster(aiohttp_client, store, campaigns, catalogs):
    client = await poster_client(aiohttp_client, store, campaigns, catalogs)
    soup = BeautifulSoup(await (await client.get("/staff/c/demo/")).text(), "html.parser")
    assert soup.select_one('.campaign-nav a[href="/staff/c/demo/poster"]').text == "Affisch"
