"""Publishing results: the CLI as an operator runs it, the public JSON and page over HTTP,
404 before publishing, the audit log and the cycle event, the home page's list."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kiosk.app import create_app
from kiosk.config import WebConfig
from kiosk.results.cache import CHECK_SECONDS
from storage import Store
from storage.campaigns import register_campaigns
from tests.cli_process import run_cli
from tests.fake_clock import FakeClock
from tests.karlstad_replay import PARTICIPANTS, SEED_ORDER, VOTES, store_replay


def results_cli(*args: str) -> subprocess.CompletedProcess:
    return run_cli("results", *args)


@pytest.fixture
def karlstad_db(tmp_path: Path, campaigns) -> Path:
    path = tmp_path / "karlstad.db"
    store = Store(path)

    def seed(db):
        register_campaigns(db, list(campaigns.values()))
        store_replay(db)

    store.call(seed, write=True)
    store.close()
    return path


@pytest.fixture
async def open_client(aiohttp_client, campaigns, catalogs):
    """A client of the app over a given database file."""
    stores = []

    async def make(path: Path, clock=None):
        store = Store(path)
        stores.append(store)
        app = create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32, clock=clock)
        return await aiohttp_client(app), store

    yield make
    for store in stores:
        store.close()


async def test_unpublished_results_are_404_as_page_and_json(karlstad_db, open_client):
    client, _ = await open_client(karlstad_db)
    page = await client.get("/c/karlstad-2016/results")
    assert 404 == page.status
    assert "Resultatet är inte publicerat." in await page.text()
    api = await client.get("/api/v1/campaigns/karlstad-2016/results")
    assert 404 == api.status
    assert "results.not_published" == (await api.json())["error"]
    unknown = await client.get("/api/v1/campaigns/nowhere/results")
    assert 404 == unknown.status


@pytest.mark.process
async def test_publish_from_the_cli_shows_the_seed_ranking(karlstad_db, open_client):
    done = results_cli("publish", "karlstad-2016", "--db", str(karlstad_db))
    assert 0 == done.returncode, done.stderr
    assert "karlstad-2016: published" in done.stdout
    again = results_cli("publish", "karlstad-2016", "--db", str(karlstad_db))
    assert "already published" in again.stdout

    client, store = await open_client(karlstad_db)
    body = await (await client.get("/api/v1/campaigns/karlstad-2016/results")).json()
    assert "karlstad-2016" == body["campaign"]
    assert PARTICIPANTS == body["participants"]
    assert {"web": 560, "kiosk": 213, "paper": 40} == body["channels"]
    assert list(SEED_ORDER) == [row["area"] for row in body["tally"]]
    assert list(VOTES) == [row["votes"] for row in body["tally"]]
    assert [1, 2, 3, 4, 5, 6, 7, 8] == [row["rank"] for row in body["tally"]]
    assert round(520 / 813, 4) == body["tally"][0]["share"]
    assert "Våld i offentlig miljö" == body["tally"][0]["label"]["sv"]
    assert 0 == body["flagged"]
    assert body["tally"] == body["tally_unflagged"]
    assert body["published_at"].startswith("20")
    assert {"themes", "summary", "comments"} <= set(body)

    zipped = await client.get("/c/karlstad-2016/results?lang=sv")
    assert "gzip" == zipped.headers["Content-Encoding"]
    plain = await client.get("/c/karlstad-2016/results?lang=sv", headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers
    html = await plain.text()
    assert html == await zipped.text()
    soup = BeautifulSoup(html, "html.parser")
    rows = soup.select("#ranking tbody tr")
    assert list(SEED_ORDER) == [row["data-area"] for row in rows]
    assert "813" == soup.select_one("#participants").text

    def published_rows(db):
        events = db.conn.execute("SELECT kind, campaign FROM cycle_events").fetchall()
        audits = db.conn.execute("SELECT actor, action, campaign FROM audit").fetchall()
        return events, audits

    events, audits = await store.read(published_rows)
    assert [("results_published", "karlstad-2016")] == events
    assert ("cli", "results.publish", "karlstad-2016") in audits

    home = await (await client.get("/?lang=sv")).text()
    links = [a["href"] for a in BeautifulSoup(home, "html.parser").select("a")]
    assert "/c/karlstad-2016/results?lang=sv" in links


@pytest.mark.process
async def test_unpublish_takes_the_page_down(karlstad_db, open_client):
    assert 0 == results_cli("publish", "karlstad-2016", "--db", str(karlstad_db)).returncode
    clock = FakeClock()
    client, _ = await open_client(karlstad_db, clock)
    assert 200 == (await client.get("/c/karlstad-2016/results")).status
    done = results_cli("unpublish", "karlstad-2016", "--db", str(karlstad_db))
    assert "karlstad-2016: unpublished" in done.stdout
    # Another process changed the file: served from memory until the next check...
    assert 200 == (await client.get("/c/karlstad-2016/results")).status
    clock.advance(CHECK_SECONDS)
    # ...which sees the change.
    assert 404 == (await client.get("/c/karlstad-2016/results")).status


@pytest.mark.process
def test_publishing_an_unknown_campaign_fails_clearly(tmp_path):
    done = results_cli("publish", "nowhere", "--db", str(tmp_path / "x.db"))
    assert 1 == done.returncode
    assert "no campaign 'nowhere'" in done.stderr
