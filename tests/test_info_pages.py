"""The pages about the service: the accessibility statement with what DIGG asks for, the
privacy page, both linked from every public page's footer; the home page's language switch
and staff login link."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.staff_support import staff_app


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    config = {"organisation": "Karlstads kommun", "contact": "dialog@karlstad.se"}
    return await aiohttp_client(staff_app(store, campaigns, catalogs, **config))


def page(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


async def test_the_accessibility_statement_has_what_digg_requires(client):
    response = await client.get("/tillganglighet")
    assert 200 == response.status
    soup = page(await response.text())
    text = soup.get_text(" ", strip=True)
    assert "Tillgänglighetsredogörelse för Medborgardialog" == soup.h1.get_text(strip=True)
    assert "Karlstads kommun står bakom Medborgardialog" in text  # organisation and service
    assert "delvis förenlig med lagen om tillgänglighet" in text  # compliance status
    headings = [h.get_text(strip=True) for h in soup.find_all("h2")]
    assert "Kända brister" in headings
    assert "Rapportera brister i tjänstens tillgänglighet" in headings
    assert soup.find("a", href="mailto:dialog@karlstad.se") is not None
    assert soup.find("a", href="https://www.digg.se/tdosanmalan") is not None
    assert "Hur vi har testat tjänsten" in headings and "WCAG 2.1 nivå AA" in text
    assert "Senaste bedömningen gjordes den 1 december 2026." in text


async def test_without_an_organisation_setting_the_organisers_are_named(
    aiohttp_client, store, campaigns, catalogs
):
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    text = page(await (await client.get("/tillganglighet?lang=en")).text()).get_text(" ")
    assert "Polisen i Karlstad" in text and "DIGG" in text


async def test_the_privacy_page_says_what_is_kept_and_for_how_long(client):
    soup = page(await (await client.get("/integritet")).text())
    headings = [h.get_text(strip=True) for h in soup.find_all("h2")]
    assert ["Vad vi sparar", "Hur länge vi sparar det"] == headings[:2]
    assert "Karlstads kommun ansvarar" in soup.get_text(" ")


@pytest.mark.parametrize("path", ["/", "/c/demo/", "/c/karlstad-2016/", "/integritet", "/nowhere"])
async def test_every_public_page_links_both_in_its_footer(client, path):
    soup = page(await (await client.get(f"{path}?lang=ar")).text())
    links = {a["href"] for a in soup.select("footer.site-footer a")}
    assert {"/tillganglighet?lang=ar", "/integritet?lang=ar"} <= links, path


async def test_the_home_page_has_a_language_switch_and_the_staff_login(client):
    soup = page(await (await client.get("/?lang=fi")).text())
    switch = soup.select("nav.languages a")
    assert ["sv", "en", "ar", "fi"] == [a["lang"] for a in switch]
    assert "fi" == soup.html["lang"]
    assert soup.find("a", href="/staff/login") is not None
    staff = await client.get("/staff/login")
    assert 200 == staff.status
