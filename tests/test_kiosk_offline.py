"""The kiosk opens again while the server is away: its service worker keeps the page."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from kiosk.app import STATIC_DIR, create_app
from kiosk.config import WebConfig
from tests.kiosk_helpers import KIOSK, quick_walk, wait_for_stored
from tests.live_server import LiveServer
from tests.reverse_proxy import ReverseProxy

OUTBOX = "JSON.parse(localStorage.getItem('medborgardialog.outbox.v1'))"
# Every URL in the page's Cache Storage.
CACHED_URLS = """async () => {
    const urls = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        urls.push(...(await cache.keys()).map((request) => request.url));
    }
    return urls;
}"""


def registered_script() -> str:
    main = (STATIC_DIR / "kiosk" / "main.js").read_text()
    return re.search(r'serviceWorker\.register\("([^"]+)"\)', main).group(1)


def wait_until(page: Page, script: str, timeout: float = 15.0) -> None:
    """Poll a script, awaiting its promise: `wait_for_function` would take the promise itself
    for a truthy answer, and its polling is an eval that the kiosk's CSP forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false: {script}"
        page.wait_for_timeout(100)


def wait_until_kept(page: Page) -> None:
    """Until the worker controls the page and has kept it (it keeps the page last)."""
    wait_until(page, "navigator.serviceWorker.controller !== null")
    wait_until(page, "caches.match(location.href).then(Boolean)")


def cached_paths(page: Page) -> list[str]:
    return sorted(urlsplit(url).path for url in page.evaluate(CACHED_URLS))


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    return await aiohttp_client(create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32))


async def test_the_service_worker_is_javascript_from_the_kiosk_folder(client):
    script = registered_script()
    response = await client.get(script)
    assert 200 == response.status
    assert response.content_type in {"text/javascript", "application/javascript"}
    # Without a Service-Worker-Allowed header, a worker's scope is at most its own folder.
    assert "Service-Worker-Allowed" not in response.headers
    assert KIOSK.startswith(script.rsplit("/", 1)[0] + "/")


def test_a_reload_while_the_server_is_down_still_takes_an_answer(page: Page, settings):
    server = LiveServer(settings).start()
    try:
        page.goto(server.url + KIOSK)
        # 127.0.0.1 is a secure context, like localhost: service workers are on offer.
        assert page.evaluate("window.isSecureContext")
        wait_until_kept(page)
        scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
        assert server.url + "/kiosk/" == scope
        server.stop()
        page.reload()
        expect(page.locator(".screen-attract h1")).to_have_text("Tyck till!")
        quick_walk(page)
        expect(page.locator("#outbox")).to_have_text("1")
        [entry] = page.evaluate(OUTBOX)
        assert "mitt-i-city" == entry["body"]["source"]
        server = LiveServer(settings, port=server.settings.port).start()
        expect(page.locator("#outbox")).to_be_hidden(timeout=40_000)
        [answer] = wait_for_stored(server, 1)
        assert (entry["body"]["id"], "kiosk") == (str(answer.id), answer.channel)
        # Only the page and its static files were kept: no answer, no API call.
        paths = cached_paths(page)
        assert "/kiosk/demo/" in paths
        assert "/static/shared/walk.js" in paths
        kept = ("/static/kiosk/", "/static/shared/", "/static/vendor/leaflet/")
        assert all(p == "/kiosk/demo/" or p.startswith(kept) for p in paths)
    finally:
        server.stop()


def test_behind_a_proxy_a_502_while_the_server_is_down_is_the_server_away(page: Page, settings):
    server = LiveServer(settings).start()
    try:
        with ReverseProxy(server.url) as proxy:
            page.goto(proxy.url + KIOSK)
            wait_until_kept(page)
            server.stop()
            assert 502 == page.request.get(proxy.url + KIOSK).status
            page.reload()
            expect(page.locator(".screen-attract h1")).to_have_text("Tyck till!")
            quick_walk(page)
            expect(page.locator("#outbox")).to_have_text("1")
            [entry] = page.evaluate(OUTBOX)
            server = LiveServer(settings, port=server.settings.port).start()
            expect(page.locator("#outbox")).to_be_hidden(timeout=40_000)
            [answer] = wait_for_stored(server, 1)
            assert entry["body"]["id"] == str(answer.id)
    finally:
        server.stop()


def test_a_reload_with_the_server_up_replaces_the_kept_files(page: Page, settings):
    with LiveServer(settings) as server:
        page.goto(server.url + KIOSK)
        wait_until_kept(page)
        # The script of a previous release, as a kiosk that ran it would have kept it.
        page.evaluate(
            """async () => {
                const [name] = await caches.keys();
                const cache = await caches.open(name);
                await cache.put("/static/kiosk/main.js?v=last-release", new Response(""));
            }"""
        )
        page.reload()
        expect(page.locator(".screen-attract")).to_be_visible()
        current = page.locator("script[type=module]").get_attribute("src")
        wait_until(
            page,
            f"""async () => {{
                const urls = await ({CACHED_URLS})();
                return !urls.some((url) => url.endsWith("?v=last-release"));
            }}""",
        )
        paths = cached_paths(page)
        assert len(paths) == len(set(paths))
        assert any(url.endswith(current) for url in page.evaluate(CACHED_URLS))


def test_the_status_page_opens_while_the_server_is_down(page: Page, settings):
    server = LiveServer(settings).start()
    try:
        page.goto(server.url + KIOSK)
        wait_until_kept(page)
        status = server.url + "/kiosk/demo/status?source=mitt-i-city"
        page.goto(status)
        expect(page.locator(".waiting-count")).to_be_visible()
        wait_until(page, f"caches.match({status!r}).then(Boolean)")
        page.route("**/api/v1/campaigns/*/responses", lambda route: route.abort())
        page.goto(server.url + KIOSK)
        quick_walk(page)
        server.stop()
        page.goto(status)
        expect(page.locator(".waiting-count")).to_have_text("Väntar på att skickas: 1")
    finally:
        server.stop()
