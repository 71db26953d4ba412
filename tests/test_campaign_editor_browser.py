"""An organiser makes a campaign in the staff pages and opens it; a resident answers it on
the web survey, at the kiosk and in the bot, with no restart; the answers are in the results.
Chromium for the pages, the fake Bot API for the bot inside `serve`."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from medborgardialog.settings import Settings
from storage.campaigns import stored_campaign
from storage.responses import count_tally
from storage.staff import add_staff
from survey.loader import parse_campaign
from tests.bot_harness import press, say
from tests.editor_support import AREAS
from tests.fake_telegram import FakeTelegram
from tests.kiosk_helpers import next_step, stored, wait_for_stored, walk_to_confirm
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD

pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "kil-2026"


class LoopThread:
    """An event loop in a thread of its own, for the fake Bot API (Playwright owns ours)."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.loop.run_forever()
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()

    def run(self, coroutine, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def telegram():
    loops = LoopThread()
    tg = FakeTelegram()
    loops.run(tg.__aenter__())
    yield loops, tg
    loops.run(tg.__aexit__(None, None, None))
    loops.stop()


@pytest.fixture
def server(tmp_path, telegram):
    _, tg = telegram
    env = {"TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_API_URL": tg.url}
    settings = Settings.from_env(env=env, db=tmp_path / "x.db", secret_file=tmp_path / "secret")
    with LiveServer(settings) as live:
        live.parts.store.call(add_staff, "olle", _HASH, "organiser", write=True)
        yield live


def fill_areas(page: Page, areas: list[tuple[int, str, str, str]]) -> None:
    """Two new areas in the editor's empty rows, then save."""
    for index, area_id, sv, en in areas:
        page.locator(f"#f-area-{index}-id").fill(area_id)
        page.locator(f"#f-area-{index}-label-sv").fill(sv)
        page.locator(f"#f-area-{index}-label-en").fill(en)
    page.locator("#save-campaign").click()
    expect(page.get_by_role("status")).to_contain_text("Utkastet är sparat")


def make_campaign(page: Page, server) -> None:
    """What the organiser does: log in, create, write in two languages, preview, open."""
    page.goto(f"{server.url}/staff/")
    page.get_by_label("Användarnamn").fill("olle")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Medborgardialoger").first.click()
    page.locator("#n-id").fill(CAMPAIGN)
    page.locator("#n-lang-en").check()
    page.get_by_role("button", name="Skapa utkast").click()
    expect(page.get_by_role("status")).to_contain_text("skapad som utkast")
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    for name, text in {
        "title-sv": "Trygg i Kil",
        "title-en": "Safe in Kil",
        "intro-sv": "Vad ska polisen och kommunen arbeta med?",
        "intro-en": "What should the police and the municipality work on?",
        "next_steps-sv": "Vi läser alla svar.",
        "next_steps-en": "We read every answer.",
        "organiser-0-sv": "Polisen i Kil",
        "organiser-0-en": "Kil Police",
        "opens": yesterday,
        "pick": "3",
    }.items():
        page.locator(f"#f-{name}").fill(text)
    rows = [(i, area_id, sv, en) for i, (area_id, (sv, en)) in enumerate(AREAS.items())]
    page.locator("#save-campaign").click()
    expect(page.locator("#problems")).to_contain_text("Lägg till minst två områden")
    for start in (0, 2, 4):
        fill_areas(page, rows[start : start + 2])
    expect(page.locator("#problems")).to_have_count(0)
    page.locator("#preview-link").click()
    expect(page.locator(".bot-message").nth(2)).to_contain_text("Välj de 3 områden")
    expect(page.locator(".bot-buttons").nth(2)).to_contain_text("Ungdomar som stör")
    page.locator("#preview-web").click()
    expect(page.locator("label[for=area-belysning]")).to_contain_text("Dålig belysning")
    page.go_back()
    page.locator("#preview-kiosk").click()
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    next_step(page)
    expect(page.locator(".tile").nth(5)).to_contain_text("Ungdomar som stör")
    page.go_back()
    page.get_by_role("link", name="Tillbaka till redigeringen").click()
    page.locator("#open-campaign").click()
    expect(page.get_by_role("status")).to_contain_text("Medborgardialogen är öppnad")


def answer_on_the_web(page: Page, server) -> None:
    page.goto(f"{server.url}/c/{CAMPAIGN}/?lang=sv")
    current = page.locator(".step.current")
    current.get_by_role("button", name="Nästa").click()
    for area in ("belysning", "trafik", "klotter"):
        page.locator(f"label[for=area-{area}]").click()
    current.get_by_role("button", name="Nästa").click()
    current.get_by_role("button", name="Hoppa över").click()
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()


def answer_at_the_kiosk(page: Page, server) -> None:
    page.goto(f"{server.url}/kiosk/{CAMPAIGN}/?source=bibliotek")
    walk_to_confirm(page, (0, 3, 5))
    next_step(page)
    expect(page.locator(".screen-thanks h1")).to_have_text("Tack för ditt svar!")


async def answer_in_the_bot(tg: FakeTelegram) -> None:
    user = tg.user(7350123469, language_code="sv")
    await say(user, f"/start {CAMPAIGN}")  # the intro heads the areas
    for index in (0, 1, 4):  # the third goes on to the comment
        await press(user, CAMPAIGN, "A", index)
    await press(user, CAMPAIGN, "S")
    await press(user, CAMPAIGN, "C")
    await user.wait_for_text("Tack")


def test_an_organiser_makes_and_opens_a_campaign_that_every_channel_then_takes(
    page: Page, server, telegram, tmp_path
):
    loops, tg = telegram
    make_campaign(page, server)
    answer_on_the_web(page, server)
    answer_at_the_kiosk(page, server)
    loops.run(answer_in_the_bot(tg))
    found = wait_for_stored(server, 3, campaign=CAMPAIGN)
    assert ["kiosk", "telegram", "web"] == sorted(r.channel for r in found)
    store = server.parts.store
    campaign = server.parts.campaigns[CAMPAIGN]
    tally = store.call(count_tally, campaign)
    assert 3 == tally.participants
    assert {"belysning": 3} == {c.area: c.votes for c in tally.areas if c.votes == 3}
    page.goto(f"{server.url}/staff/c/{CAMPAIGN}/")
    expect(page.locator("table.data").first.locator("tbody tr").first).to_contain_text(
        "Dålig belysning"
    )

    exported = tmp_path / "out" / f"{CAMPAIGN}.toml"
    exported.parent.mkdir()
    command = [sys.executable, "-m", "medborgardialog", "campaigns"]
    db = str(server.settings.db)
    export = [*command, "export", CAMPAIGN, "--db", db, "--out", str(exported)]
    subprocess.run(export, cwd=ROOT, check=True, timeout=60)
    checked = subprocess.run(
        [*command, "check", str(exported.parent)], cwd=ROOT, capture_output=True, text=True
    )
    assert f"{CAMPAIGN}: ok (6 areas, pick 3, languages sv, en)\n" == checked.stdout
    fresh = str(tmp_path / "fresh.db")
    subprocess.run([*command, "import", str(exported), "--db", fresh], cwd=ROOT, check=True)
    from storage import open_database

    copy = open_database(fresh)
    again = parse_campaign(stored_campaign(copy, CAMPAIGN).document)
    copy.conn.close()
    assert campaign == again
    assert stored(server, CAMPAIGN) == found
