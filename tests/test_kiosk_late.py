"""An answer finished while the campaign was open and delivered after it closed: the kiosk
sends when it was given, and keeps it until the server has judged it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from campaigns import SAMPLE_DIR
from tests.kiosk_helpers import quick_walk, stored
from tests.live_server import LiveServer

API = "/api/v1/campaigns/late/responses"
REFUSED = "JSON.parse(localStorage.getItem('medborgardialog.refused.v1'))"


def closed_days_ago(folder, days: int) -> date:
    """A copy of the demo campaign, `late`, whose last day was `days` days ago."""
    closes = datetime.now(ZoneInfo("Europe/Stockholm")).date() - timedelta(days=days)
    demo = (SAMPLE_DIR / "demo.toml").read_text()
    late = demo.replace('id = "demo"', 'id = "late"').replace(
        "opens = 2024-01-01", f"opens = 2024-01-01\ncloses = {closes.isoformat()}"
    )
    folder.mkdir()
    (folder / "late.toml").write_text(late)
    return closes


def test_an_answer_captured_before_closing_carries_its_time_and_is_never_dropped(
    page: Page, settings, tmp_path
):
    closes = closed_days_ago(tmp_path / "campaigns", 3)
    settings = replace(settings, campaigns_dir=tmp_path / "campaigns")
    # The kiosk's clock on the campaign's last day, at noon: the resident finishes then, and
    # the answer reaches the server three days later.
    captured = datetime.combine(closes, time(11, 0), UTC)
    page.clock.set_system_time(captured)
    sent, answers = [], []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith(API) else None)
    page.on("response", lambda r: answers.append(r.status) if r.url.endswith(API) else None)
    with LiveServer(settings) as server:
        page.goto(server.url + "/kiosk/late/?source=stadshuset")
        quick_walk(page)
        expect(page.locator("#outbox .waiting")).to_have_count(0, timeout=20_000)
        [body] = sent
        given = datetime.fromisoformat(body["captured_at"])
        began = datetime.fromisoformat(body["started_at"])
        assert captured <= began <= given < captured + timedelta(minutes=5)
        assert given.tzinfo is not None
        [status] = answers
        if status == 201:
            # A server that judges by `captured_at`: stored, and marked late.
            [answer] = stored(server, "late")
            assert (str(answer.id), True) == (body["id"], answer.late)
            assert 0 <= answer.walk_seconds < 300
            expect(page.locator("#outbox")).to_be_hidden()
        else:
            # A server that judges by the time received refuses it for good: kept, with why.
            assert 410 == status
            assert [] == stored(server, "late")
            [kept] = page.evaluate(REFUSED)
            assert (body, "campaign.not_open") == (kept["body"], kept["error"])
            expect(page.locator("#outbox .refused")).to_have_text("1")
