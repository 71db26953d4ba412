"""The map of the place question, above its list of zones, in Chromium by touch: on the web
survey two places tapped and a zone ticked are stored (the points rounded to the map's grid,
their zones found by the server); a place is marked from the keyboard alone; at the kiosk
one place tapped is stored, the next resident finds no pin, and the map opens with the
server away. axe-core finds nothing with the map on
screen in Swedish and Arabic."""

from __future__ import annotations

from dataclasses import replace

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.kiosk_helpers import next_step as kiosk_next
from tests.kiosk_helpers import stored, wait_for_stored
from tests.live_server import LiveServer
from tests.place_campaign import place_campaign, place_campaign_text
from tests.test_kiosk_offline import wait_until_kept

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AREAS = ("violence-public", "unsafe-places", "traffic")
MAP = "#q-unsafe-places-map"
axe = Axe()


@pytest.fixture
def server(settings, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "places.toml").write_text(place_campaign_text(), encoding="utf-8")
    with LiveServer(replace(settings, campaigns_dir=folder)) as live:
        yield live


def current(page: Page):
    return page.locator(".step.current")


def web_next(page: Page) -> None:
    current(page).locator(".step-nav .primary").click()


def to_the_place_step(page: Page, url: str) -> None:
    page.goto(url)
    web_next(page)
    for area in AREAS:
        page.locator(f"label[for=area-{area}]").click()
    web_next(page)
    expect(page.locator(MAP + " .leaflet-marker-pane")).to_be_attached()


def tap_zone(page: Page, name: str, below: float = 0) -> None:
    """Tap the map where a zone's name is drawn (the middle of that zone), or `below` that
    many pixels lower (a pin stands above the place it marks)."""
    tooltip = page.locator(f"{MAP} .zone-name", has_text=name)
    box = tooltip.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 + below)


def assert_points(places: list[dict], zones: list[str]) -> None:
    area_map = place_campaign().map
    points = [place for place in places if "lat" in place]
    assert zones == [point["zone"] for point in points]
    for point in points:
        assert (point["lat"], point["lon"]) == area_map.rounded(point["lat"], point["lon"])


def test_the_web_survey_takes_places_tapped_on_the_map(page: Page, server):
    to_the_place_step(page, f"{server.url}/c/places/?lang=sv")
    expect(page.locator(MAP)).to_have_attribute("aria-label", "Karta för att markera platser")
    tap_zone(page, "Centrum")
    tap_zone(page, "Kronoparken")
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(2)
    expect(page.locator(".map-points li")).to_have_count(2)
    page.locator("label[for=q-unsafe-places-norrstrand]").click()
    web_next(page)
    while current(page).get_by_role("button", name="Hoppa över").count():
        current(page).get_by_role("button", name="Hoppa över").click()
    expect(page.locator('[data-summary="q-unsafe-places"]')).to_have_text(
        "Norrstrand, Punkt på kartan i Centrum, Punkt på kartan i Kronoparken"
    )
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    [answer] = stored(server, "places")
    places = answer.answers["unsafe-places"]
    assert {"zone": "norrstrand"} == places[0]
    assert 3 == len(places)
    assert_points(places, ["centrum", "kronoparken"])


def test_a_pin_is_removed_and_no_more_than_the_question_takes(page: Page, server):
    to_the_place_step(page, f"{server.url}/c/places/?lang=sv")
    for name in ("Norrstrand", "Centrum", "Kronoparken"):
        tap_zone(page, name)
    tap_zone(page, "Kronoparken", below=10)
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(3)
    expect(page.locator("#q-unsafe-places-error")).to_be_visible()
    page.locator(".map-points").get_by_role("button").first.click()
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(2)
    expect(page.locator(".map-points li")).to_have_count(2)


# Resolves after two frames have been drawn.
NEXT_FRAMES = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user moves through a page."""
    for _ in range(40):
        if page.locator(selector).evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def test_a_place_is_marked_from_the_keyboard(page: Page, server):
    to_the_place_step(page, f"{server.url}/c/places/?lang=sv")
    tab_to(page, MAP)
    # Enter drops a pin at the cross in the map's middle.
    page.keyboard.press("Enter")
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(1)
    # "+" zooms in, the arrow keys move the map; "Markera här" drops the next pin at its
    # new middle.
    zone = f"{MAP} path.leaflet-interactive"
    width = page.locator(zone).first.bounding_box()["width"]
    page.keyboard.press("+")
    page.wait_for_function(
        f"w => document.querySelector('{zone}').getBoundingClientRect().width > w * 1.5", arg=width
    )
    left = page.locator(zone).first.bounding_box()["x"]
    # A key pressed while the map still moves is let go by Leaflet: press until it moved.
    for _ in range(30):
        if page.locator(zone).first.bounding_box()["x"] < left - 100:
            break
        page.keyboard.press("ArrowRight")
        page.evaluate(NEXT_FRAMES)
    assert page.locator(zone).first.bounding_box()["x"] < left - 100
    tab_to(page, ".step.current .mark-here")
    expect(page.locator(".step.current .mark-here")).to_have_text("Markera här")
    page.keyboard.press("Enter")
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(2)
    expect(page.locator(".map-points li")).to_have_count(2)
    tab_to(page, ".step.current .step-nav .primary")
    page.keyboard.press("Enter")
    while current(page).get_by_role("button", name="Hoppa över").count():
        current(page).get_by_role("button", name="Hoppa över").focus()
        page.keyboard.press("Enter")
    page.get_by_role("button", name="Skicka svar").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()
    [answer] = stored(server, "places")
    first, second = answer.answers["unsafe-places"]
    assert first["lat"] == second["lat"] and second["lon"] > first["lon"]  # moved east


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_map_is_accessible(page: Page, server, lang):
    to_the_place_step(page, f"{server.url}/c/places/?lang={lang}")
    tap_zone(page, "Centrum" if lang == "sv" else "وسط المدينة")
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(1)
    # Leaflet's zoom buttons speak the page's language.
    zoom_in = {"sv": "Zooma in", "ar": "تكبير"}[lang]
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", zoom_in)
    found = axe.run(page, options=WCAG_21_AA).response["violations"]
    assert [] == [f"{v['id']}: {v['nodes'][0]['target']}" for v in found]


def kiosk_to_the_place_step(page: Page) -> None:
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    kiosk_next(page)
    for index in (0, 1, 6):
        page.locator(".tile").nth(index).tap()
    kiosk_next(page)
    expect(page.locator(".screen-choice h1")).to_contain_text("Var känner du dig otrygg?")
    expect(page.locator(MAP + " .zone-name").first).to_be_visible()


def test_the_kiosk_takes_a_place_tapped_on_the_map(page: Page, server):
    page.goto(server.url + "/kiosk/places/?source=bibliotek")
    kiosk_to_the_place_step(page)
    tap_zone(page, "Norrstrand")
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(1)
    while page.locator(".screen-confirm").count() == 0:
        kiosk_next(page)
    expect(page.locator(".screen-confirm .summary")).to_contain_text("Punkt på kartan i Norrstrand")
    kiosk_next(page)
    expect(page.locator(".screen-thanks h1")).to_be_visible()
    [answer] = wait_for_stored(server, 1, campaign="places")
    places = answer.answers["unsafe-places"]
    assert 1 == len(places)
    assert_points(places, ["norrstrand"])
    # The next resident finds no pin.
    page.get_by_role("button", name="Klar").tap()
    kiosk_to_the_place_step(page)
    expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(0)


def test_the_kiosk_map_opens_while_the_server_is_down(page: Page, settings, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "places.toml").write_text(place_campaign_text(), encoding="utf-8")
    server = LiveServer(replace(settings, campaigns_dir=folder)).start()
    try:
        page.goto(server.url + "/kiosk/places/?source=bibliotek")
        wait_until_kept(page)
        server.stop()
        page.reload()
        kiosk_to_the_place_step(page)
        tap_zone(page, "Centrum")
        expect(page.locator(f"{MAP} .leaflet-marker-icon")).to_have_count(1)
    finally:
        server.stop()


def test_with_tiles_the_pages_let_them_load_under_the_zones(page: Page, settings, tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    tiles = 'tiles = "https://tiles.example.org/{z}/{x}/{y}.png"\nattribution = "© Kartverket"\n'
    text = place_campaign_text().replace("precision_m = 50\n", "precision_m = 50\n" + tiles, 1)
    (folder / "places.toml").write_text(text, encoding="utf-8")
    # No tile is ever fetched from the network: each is answered here.
    page.route("https://tiles.example.org/**", lambda route: route.fulfill(status=404))
    with LiveServer(replace(settings, campaigns_dir=folder)) as server:
        for path in ("/c/places/?lang=sv", "/kiosk/places/?source=bibliotek"):
            policy = page.request.get(server.url + path).headers["content-security-policy"]
            assert "img-src 'self' data: https://tiles.example.org" in policy
        to_the_place_step(page, f"{server.url}/c/places/?lang=sv")
        expect(page.locator(f"{MAP} .leaflet-tile-pane img").first).to_be_attached()
        expect(page.locator(f"{MAP} .leaflet-control-attribution")).to_contain_text("Kartverket")
