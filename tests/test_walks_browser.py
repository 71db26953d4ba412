"""A safety walk on a phone in Chromium: three places marked while the signal is gone, each
stored once when it returns; axe-core on the walk page and the public walk page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from storage import Store
from storage.campaigns import register_campaigns
from storage.walks import decide_note, get_walk, save_point, set_point_status
from survey.promises.walks import parse_point
from tests.live_server import BackgroundSite
from tests.promise_support import NOW
from tests.staff_support import staff_app
from tests.test_accessibility_axe import violations
from tests.walk_support import make_walk, mapped_campaigns, point

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def walk_site(tmp_path, campaigns, catalogs):
    """The web app on a store with the demo promise and one walk; (site, store, walk, key)."""
    served = mapped_campaigns(campaigns)
    store = Store(tmp_path / "walks.db")
    store.call(register_campaigns, list(served.values()), write=True)
    walk, key = store.call(make_walk, write=True)
    site = BackgroundSite(lambda: staff_app(store, served, catalogs))
    with site:
        yield site, store, walk, key
    store.close()


def stored_ids(store: Store) -> list[str]:
    return [
        r[0]
        for r in store.call(lambda db: db.conn.execute("SELECT id FROM walk_points").fetchall())
    ]


def test_three_places_marked_offline_are_each_stored_once(
    browser: Browser, browser_context_args, walk_site
):
    site, store, walk, key = walk_site
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "is_mobile": True})
    page = context.new_page()
    page.goto(f"{site.url}/w/{walk.id}/?k={key}&lang=sv")
    expect(page.locator("#walk-map.leaflet-container")).to_be_visible()
    context.set_offline(True)
    categories = ["lighting", "vegetation", "litter"]
    for n, category in enumerate(categories):
        page.locator("#walk-map").tap(position={"x": 150 + 30 * n, "y": 120 + 20 * n})
        expect(page.locator("#position")).to_contain_text("Vald plats")
        page.locator(f"input[name=category][value={category}]").tap()
        page.locator("#note").fill(f"Plats nummer {n + 1}")
        page.locator("#save").tap()
        expect(page.locator("#outbox li")).to_have_count(n + 1)
    expect(page.locator("#outbox-status")).to_contain_text("Väntar på nät: 3")
    assert [] == stored_ids(store)
    context.set_offline(False)
    expect(page.locator("#outbox-status")).to_contain_text("Allt är skickat.", timeout=30_000)
    ids = stored_ids(store)
    assert 3 == len(ids) == len(set(ids))
    notes = store.call(
        lambda db: db.conn.execute(
            "SELECT category, note FROM walk_points ORDER BY note"
        ).fetchall()
    )
    assert [(c, f"Plats nummer {n + 1}") for n, c in enumerate(categories)] == notes
    # A reload sends nothing again: what was sent is marked so in the outbox.
    page.reload()
    expect(page.locator("#outbox li")).to_have_count(3)
    page.wait_for_timeout(500)
    assert 3 == len(stored_ids(store))
    context.close()


def test_a_place_by_zone_when_the_map_is_no_use(browser: Browser, browser_context_args, walk_site):
    site, store, walk, key = walk_site
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "is_mobile": True})
    page = context.new_page()
    page.goto(f"{site.url}/w/{walk.id}/?k={key}&lang=sv")
    page.locator("#zone").select_option(label="Norrstrand")
    page.locator("input[name=category][value=people]").check()
    page.locator("#save").click()
    expect(page.locator("#outbox-status")).to_contain_text("Allt är skickat.", timeout=15_000)
    zones = store.call(lambda db: db.conn.execute("SELECT zone FROM walk_points").fetchall())
    assert [("norrstrand",)] == zones
    context.close()


def test_a_wrong_key_gets_no_page(page, walk_site):
    site, _, walk, _ = walk_site
    response = page.goto(f"{site.url}/w/{walk.id}/?k=wrong")
    assert 403 == response.status


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def expect_zoom_titles(page, lang: str) -> None:
    """The walk map's zoom buttons speak the page's language, as the place map's do."""
    zoom_in, zoom_out = {"sv": ("Zooma in", "Zooma ut"), "ar": ("تكبير", "تصغير")}[lang]
    expect(page.locator("#walk-map .leaflet-control-zoom-in")).to_have_attribute("title", zoom_in)
    expect(page.locator("#walk-map .leaflet-control-zoom-out")).to_have_attribute("title", zoom_out)


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_walk_pages_pass_axe(page, walk_site, axe, lang):
    site, store, walk, key = walk_site

    def published(db):
        found = get_walk(db, walk.id)
        marked = parse_point(point(), mapped_campaigns({})["demo"].map, NOW)
        save_point(db, found, marked, NOW)
        set_point_status(
            db,
            found,
            marked.id,
            "rejected",
            responsible="kommunen",
            reason="Privat mark",
            actor="t",
            now=NOW,
        )
        decide_note(db, found, marked.id, True, actor="t", now=NOW)
        db.conn.execute("UPDATE walks SET published_at = ?", (NOW.isoformat(),))

    store.call(published, write=True)
    page.goto(f"{site.url}/w/{walk.id}/?k={key}&lang={lang}")
    expect(page.locator("#walk-map.leaflet-container")).to_be_visible()
    expect_zoom_titles(page, lang)
    assert [] == violations(axe, page)
    page.locator("#zone").select_option(index=1)
    expect(page.locator("#position")).not_to_be_empty()
    assert [] == violations(axe, page)
    page.goto(f"{site.url}/p/demo/walks/{walk.id}?lang={lang}")
    expect(page.locator(".walk-point")).to_have_count(1)
    expect(page.locator("#walk-map .leaflet-marker-icon")).to_have_count(1)
    expect_zoom_titles(page, lang)
    assert [] == violations(axe, page)
    page.goto(f"{site.url}/p/demo/?lang={lang}")
    assert [] == violations(axe, page)
