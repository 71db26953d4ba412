"""A promise's activity may name zones of its campaign's map: checked on load, carried by
the JSON, edited by staff; and residents who marked a place in a zone (and asked to hear
back) are told of what happens there, as they are of their areas: by e-mail, once."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer
from bs4 import BeautifulSoup

from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from medborgardialog.settings import Settings
from promises import SAMPLE_DIR as PROMISE_DIR
from storage import subscriptions
from storage.contacts import ContactBox
from storage.events import CycleEvent, record_event
from storage.walks import get_walk, set_published
from survey.kinds.place import zones_marked
from survey.promises.loader import PromiseError, check_links, parse_promise
from tests.fake_clock import FakeClock
from tests.live_server import free_port
from tests.mail_server import MailServer
from tests.notice_helpers import rows
from tests.promise_support import NOW, import_samples
from tests.staff_support import add_account, log_in, staff_app, token
from tests.waiting import until
from tests.walk_support import make_walk, mapped_campaigns, write_campaign_dir

DEMO = (PROMISE_DIR / "demo.toml").read_text(encoding="utf-8")
LINK = re.compile(r"https?://\S+")
BOX = ContactBox(b"z" * 32)


def test_an_activitys_zones_are_read_and_carried_by_the_json(campaigns):
    promise = parse_promise(DEMO, "demo.toml")
    assert ("centrum",) == promise.activity("narvaro-i-centrum").zones
    check_links(promise, campaigns, "demo.toml")


def test_a_zone_not_on_the_campaigns_map_is_refused(campaigns):
    wrong = DEMO.replace('zones = ["centrum"]', 'zones = ["centrum", "gruvan"]')
    with pytest.raises(PromiseError, match=r"activities\[1\]\.zones\[1\].*'gruvan'"):
        check_links(parse_promise(wrong, "demo.toml"), campaigns, "demo.toml")
    not_ids = DEMO.replace('zones = ["centrum"]', "zones = [1]")
    with pytest.raises(PromiseError, match=r"activities\[1\]\.zones"):
        parse_promise(not_ids, "demo.toml")


def test_zones_need_a_campaign_with_a_map(campaigns):
    text = (PROMISE_DIR / "filipstad-2017.toml").read_text(encoding="utf-8")
    first = text.index("[[activities]]")
    end = text.index("\n", text.index("responsible", first))
    with_zone = text[:end] + '\nzones = ["centrum"]' + text[end:]
    with pytest.raises(PromiseError, match="has no map"):
        check_links(parse_promise(with_zone, "f.toml"), campaigns, "f.toml")


def test_the_zones_a_resident_marked_come_from_their_places(campaigns):
    campaign = mapped_campaigns(campaigns)["demo"]
    answers = {
        "unsafe-places": [
            {"lat": 59.380, "lon": 13.505},  # a point in Centrum
            {"zone": "norrstrand"},
            "centrum",
            {"lat": 59.34, "lon": 13.61},  # on the map, in no zone
        ]
    }
    assert ("centrum", "norrstrand") == zones_marked(campaign, answers)
    assert () == zones_marked(campaign, {})


def subscribe(db, email: str, areas=(), zones=()) -> int:
    new = subscriptions.NewSubscription(
        "email", BOX.seal(email), BOX.key("email", email), "demo", tuple(areas), "sv", "web",
        "test", confirmed=True, zones=tuple(zones),
    )  # fmt: skip
    return subscriptions.subscribe(db, new, NOW)


def test_an_activity_in_a_zone_is_owed_to_those_who_marked_a_place_there(store):
    def scenario(db):
        centrum = subscribe(db, "anna@example.se", ["traffic"], ["centrum"])
        subscribe(db, "bo@example.se", ["traffic"], ["norrstrand"])
        event = CycleEvent(
            "activity_status", campaign="demo", promise="demo", activity="narvaro-i-centrum",
            areas=("violence-public",), zones=("centrum",), detail={"status": "ongoing"},
        )  # fmt: skip
        record_event(db, event, NOW)
        return centrum, db.execute("SELECT subscription FROM notices").fetchall()

    centrum, owed = store.call(scenario, write=True)
    assert [(centrum,)] == owed


@pytest.fixture
async def staff_client(aiohttp_client, store, campaigns, catalogs):
    await store.write(import_samples)
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs, clock=FakeClock(NOW)))
    await log_in(client, "kim")
    return client


async def test_staff_choose_the_zones_of_an_activity(staff_client, store):
    path = "/staff/promises/demo/activities/narvaro-i-centrum"
    page = BeautifulSoup(await (await staff_client.get(path)).text(), "html.parser")
    boxes = {box["value"]: box.has_attr("checked") for box in page.select("input[name=zones]")}
    assert {"centrum": True, "norrstrand": False, "kronoparken": False} == boxes
    form = {
        "csrf": await token(staff_client, "/staff/promises/"),
        "revision": page.select_one('input[name="revision"]')["value"],
        "responsible.polisen": "on",
        "areas": "violence-public",
        "text.sv": "Polisen är synlig i centrum och på Norrstrand.",
    }
    data = [*form.items(), ("zones", "centrum"), ("zones", "norrstrand"), ("zones", "gruvan")]
    saved = await staff_client.post(path, data=data, allow_redirects=False)
    assert 303 == saved.status
    found = await (await staff_client.get("/api/v1/promises/demo")).json()
    activity = next(a for a in found["activities"] if a["id"] == "narvaro-i-centrum")
    assert ["centrum", "norrstrand"] == activity["zones"]


@pytest.fixture
async def served(tmp_path):
    with MailServer(tmp_path) as smtp:
        port = free_port()
        env = smtp.notice_env(port)
        settings = Settings.from_env(
            env=env,
            db=tmp_path / "web.db",
            secret_file=tmp_path / "s",
            campaigns_dir=write_campaign_dir(tmp_path / "campaigns"),
        )
        parts = assemble(settings)
        parts.clock = FakeClock(time.time())
        async with TestClient(TestServer(build_app(parts), port=port)) as client:
            yield client, smtp.mailbox, parts


async def opt_in_after_answering(client, mailbox, email: str, places: list[str]) -> None:
    """Answer the web survey (its form, as without a script), then opt in on its thank-you
    and confirm by the link in the mail."""
    survey = BeautifulSoup(await (await client.get("/c/demo/")).text(), "html.parser")
    form = [("id", survey.select_one("input[name=id]")["value"])]
    form += [("areas", a) for a in ("violence-public", "drugs-alcohol", "traffic")]
    form += [("q-unsafe-places", zone) for zone in places]
    thanks = BeautifulSoup(await (await client.post("/c/demo/", data=form)).text(), "html.parser")
    offer = thanks.select_one("section.follow form")
    hidden = [(i["name"], i["value"]) for i in offer.select("input[type=hidden]")]
    assert places == [value for name, value in hidden if name == "zone"]
    mails = len(mailbox.mails)
    signed = await client.post(
        offer["action"], data=[*hidden, ("email", email), ("consent", "yes")]
    )
    assert 200 == signed.status
    mail = await mailbox.wait(mails + 1)
    text = mail.get_body(preferencelist=("plain",)).get_content()
    link = next(u for u in LINK.findall(text) if "/follow/confirm/" in u)
    assert 200 == (await client.post(urlsplit(link).path, data={"do": "confirm"})).status


async def test_a_published_walk_reaches_who_marked_a_place_in_its_zone_once(served):
    client, mailbox, parts = served
    await parts.store.write(import_samples)
    walk, _ = await parts.store.write(make_walk)
    await opt_in_after_answering(client, mailbox, "anna@example.se", ["norrstrand"])
    await opt_in_after_answering(client, mailbox, "bo@example.se", ["centrum"])
    db = parts.settings.db
    assert [('["norrstrand"]',), ('["centrum"]',)] == rows(db, "SELECT zones FROM subscriptions")

    def publish(db):
        return set_published(db, get_walk(db, walk.id), True, actor="kim", now=parts.clock.now())

    assert await parts.store.write(publish)  # trygghetsvandringar: Norrstrand, Kronoparken
    notice = await mailbox.wait(3)
    assert "anna@example.se" == notice["To"]
    text = notice.get_body(preferencelist=("plain",)).get_content()
    assert "En trygghetsvandring är publicerad" in text
    assert f"/p/demo/walks/{walk.id}" in text
    await until(lambda: rows(db, "SELECT sent_at FROM notices")[0][0], what="the mark")
    assert 1 == len(rows(db, "SELECT id FROM notices"))  # one notice, for Norrstrand only
    assert ["anna@example.se"] == [m["To"] for m in mailbox.mails[2:]]
