"""The kiosk loses nothing: answers wait in the outbox while the server is away."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.kiosk_helpers import KIOSK, quick_walk, stored, wait_for_stored
from tests.live_server import LiveServer

API = "**/api/v1/campaigns/*/responses"


def test_three_answers_while_the_server_is_down_are_stored_exactly_once(page: Page, settings):
    server = LiveServer(settings).start()
    try:
        page.goto(server.url + KIOSK)
        server.stop()
        for tiles in ((0, 1, 2), (3, 4, 5), (5, 6, 7)):
            quick_walk(page, tiles)
        expect(page.locator("#outbox")).to_have_text("3")
        server = LiveServer(settings, port=server.settings.port).start()
        expect(page.locator("#outbox")).to_be_hidden(timeout=40_000)
        answers = wait_for_stored(server, 3)
        assert 3 == len({a.id for a in answers}) == len(answers)
        assert {("mitt-i-city", "kiosk")} == {(a.source, a.channel) for a in answers}
    finally:
        server.stop()


def test_a_reload_with_a_full_outbox_still_delivers(page: Page, settings):
    with LiveServer(settings) as server:
        page.route(API, lambda route: route.abort())
        page.goto(server.url + KIOSK)
        quick_walk(page)
        quick_walk(page, (2, 3, 4))
        expect(page.locator("#outbox")).to_have_text("2")
        page.reload()
        expect(page.locator("#outbox")).to_have_text("2")
        assert [] == stored(server)
        page.unroute(API)
        expect(page.locator("#outbox")).to_be_hidden(timeout=20_000)
        assert 2 == len(wait_for_stored(server, 2))


def test_the_outbox_survives_a_browser_restart(
    browser_type, browser_type_launch_args, settings, tmp_path
):
    profile = tmp_path / "profile"
    with LiveServer(settings) as server:
        context = browser_type.launch_persistent_context(
            profile, **browser_type_launch_args, has_touch=True
        )
        page = context.pages[0] if context.pages else context.new_page()
        page.route(API, lambda route: route.abort())
        page.goto(server.url + KIOSK)
        quick_walk(page)
        expect(page.locator("#outbox")).to_have_text("1")
        context.close()
        assert [] == stored(server)
        context = browser_type.launch_persistent_context(
            profile, **browser_type_launch_args, has_touch=True
        )
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(server.url + KIOSK)
            expect(page.locator("#outbox")).to_be_hidden(timeout=20_000)
            assert 1 == len(wait_for_stored(server, 1))
        finally:
            context.close()
