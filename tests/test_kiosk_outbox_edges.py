"""Nothing lost at the kiosk: a refused answer is kept with its reason, a full local storage
keeps every answer in memory, and the server's "not now" answers are retried."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.kiosk_helpers import KIOSK, quick_walk, stored, wait_for_stored
from tests.live_server import LiveServer

API = "**/api/v1/campaigns/*/responses"
WAITING = "JSON.parse(localStorage.getItem('medborgardialog.outbox.v1'))"
REFUSED = "JSON.parse(localStorage.getItem('medborgardialog.refused.v1'))"
# Fill the origin's local storage to the last character, as a kiosk that ran for months might.
FILL_STORAGE = """() => {
    let size = 1 << 20, n = 0;
    while (size >= 1) {
        try { localStorage.setItem("fill-" + n++, "x".repeat(size)); }
        catch { size = Math.floor(size / 2); }
    }
}"""


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def test_a_refused_answer_is_kept_with_the_reason_and_shown_apart(page: Page, server):
    # The 2016 campaign closed long ago: the server refuses the answer for good (410).
    page.goto(server.url + "/kiosk/karlstad-2016/?source=bibliotek")
    quick_walk(page)
    dot = page.locator("#outbox")
    expect(dot.locator(".refused")).to_have_text("1")
    expect(dot.locator(".waiting")).to_have_count(0)
    expect(dot).to_have_attribute("aria-label", "Svar som servern inte tog emot: 1")
    # A sign of its own, not a colour only: "!" on a square, where waiting is "↑" on a dot.
    sign = "e => getComputedStyle(e, '::before').content"
    assert '"! "' == dot.locator(".refused").evaluate(sign)
    [entry] = page.evaluate(REFUSED)
    assert (410, "campaign.not_open") == (entry["status"], entry["error"])
    assert entry["message"]
    assert (["bibliotek"], "kiosk") == ([entry["body"]["source"]], entry["body"]["channel"])
    assert [] == page.evaluate(WAITING)
    assert [] == stored(server, "karlstad-2016")
    # Kept across a reload, and never sent again.
    page.reload()
    expect(dot.locator(".refused")).to_have_text("1")
    assert [entry] == page.evaluate(REFUSED)


def test_with_local_storage_full_every_answer_is_kept_in_memory_and_sent(
    page: Page, server, campaigns
):
    walks = ((0, 1, 2), (3, 4, 5), (5, 6, 7))
    ids = [area.id for area in campaigns["demo"].areas]
    page.route(API, lambda route: route.abort())
    page.goto(server.url + KIOSK)
    page.evaluate(FILL_STORAGE)
    for tiles in walks:
        quick_walk(page, tiles)
    expect(page.locator("#outbox .waiting")).to_have_text("3")
    assert page.evaluate(WAITING) is None
    page.get_by_role("button", name="Kioskens status").tap()
    dialog = page.get_by_role("dialog", name="Kioskens status")
    expect(dialog).to_contain_text("Väntar på att skickas: 3")
    expect(dialog).to_contain_text("Webbläsarens lagring är full")
    dialog.get_by_role("button", name="Stäng").tap()
    page.unroute(API)
    expect(page.locator("#outbox")).to_be_hidden(timeout=20_000)
    answers = wait_for_stored(server, 3)
    # Each answer as given: none overwrote another.
    assert {tuple(ids[i] for i in tiles) for tiles in walks} == {a.areas for a in answers}
    assert 3 == len({a.id for a in answers}) == len(answers)


def test_unavailable_storage_rate_limits_and_timeouts_are_retried(page: Page, server):
    refusals = [
        (503, {"Retry-After": "1"}, '{"error": "storage.unavailable", "message": "Försök igen"}'),
        (429, {}, '{"error": "rate_limited", "message": "Vänta"}'),
        (408, {}, ""),
    ]
    seen = []

    def answer(route: Route) -> None:
        seen.append(route.request.post_data_json["id"])
        if refusals:
            status, headers, body = refusals.pop(0)
            route.fulfill(
                status=status, headers=headers, body=body, content_type="application/json"
            )
        else:
            route.continue_()

    page.route(API, answer)
    page.goto(server.url + KIOSK)
    quick_walk(page)
    expect(page.locator("#outbox")).to_be_hidden(timeout=30_000)
    [answer_stored] = wait_for_stored(server, 1)
    assert 4 == len(seen) and {str(answer_stored.id)} == set(seen)
    assert [] == (page.evaluate(REFUSED) or [])
