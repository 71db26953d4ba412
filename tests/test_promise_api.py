"""`GET /api/v1/promises/{promise}` and the public pages over HTTP, after an import."""

from __future__ import annotations

from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from kiosk.promises.cache import PROMISE_CACHE
from storage.promises import save_promise
from storage.subscriptions import NewSubscription, answer_followup, subscribe
from tests.fake_clock import FakeClock
from tests.promise_support import NOW, import_samples, samples
from tests.staff_support import staff_app

SEED_ACTIVITIES = [
    (
        "Polisen lovar att fortsätta arbeta med ordnings- och trygghetsfrågor i Filipstads "
        "centrum genom polisiär närvaro och synlighet samt besök i butiker.",
        ["polisen"],
    ),
    (
        "Filipstads kommun och polisen lovar att genomföra trygghetsvandringar vid minst två "
        "tillfällen under året.",
        ["kommunen"],
    ),
    (
        "Polisen lovar att fortsätta att använda polisvolontärer i trygghetsskapande syfte i "
        "samråd med kommunen och näringslivet.",
        ["polisen"],
    ),
    (
        "Polisen och Filipstads kommun lovar att tillsammans verka för att brukandet och "
        "missbruket av narkotika minskas i Filipstads kommun. Ungdomar och unga vuxna är "
        "prioriterade.",
        ["polisen", "kommunen"],
    ),
]
SEED_GOALS = [
    "Sträva efter att öka tryggheten i Filipstads kommun genom trygghetsvandringar, "
    "polisvolontärer och att polisen fortsätter att arbeta med ordnings- och trygghetsfrågor "
    "i kommunen.",
    "Sträva efter att minska bruket/missbruket i Filipstad samt att minska det synliga "
    "missbruket i centrum.",
]


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    await store.write(import_samples)
    return await aiohttp_client(staff_app(store, campaigns, catalogs, clock=FakeClock(NOW)))


async def test_the_api_reproduces_the_filipstad_seed(client):
    response = await client.get("/api/v1/promises/filipstad-2017")
    assert 200 == response.status
    body = await response.json()
    assert "filipstad-2017" == body["id"]
    assert ["filipstad-2016"] == body["campaigns"]
    assert ("2017-01-01", "2018-12-31", True) == (
        body["valid_from"],
        body["valid_until"],
        body["until_replaced"],
    )
    assert [
        {
            "id": "polisen",
            "name": {"sv": "Polisen", "en": "The Police", "ar": "الشرطة", "fi": "Poliisi"},
        },
        {
            "id": "kommunen",
            "name": {
                "sv": "Filipstads kommun",
                "en": "Filipstad Municipality",
                "ar": "بلدية فيليبستاد",
                "fi": "Filipstadin kunta",
            },
        },
    ] == body["parties"]
    assert SEED_ACTIVITIES == [(a["text"]["sv"], a["responsible"]) for a in body["activities"]]
    assert {"polisen": "upptäckt och lagföring", "kommunen": "uppföljning och vård"} == {
        party: role["sv"] for party, role in body["activities"][3]["roles"].items()
    }
    assert all({"sv", "en", "ar", "fi"} == set(a["text"]) for a in body["activities"])
    assert all("planned" == a["status"] and [] == a["updates"] for a in body["activities"])
    assert SEED_GOALS == [goal["sv"] for goal in body["goals"]]
    followup = body["followup"]
    assert ("2019-03-31", None, None) == (
        followup["planned"],
        followup["published_at"],
        followup["text"],
    )
    assert "lokalmedia och kommunens hemsida" == followup["channels"]["sv"]
    assert {"campaign", "area", "rank", "votes"} == set(body["focus"][0])
    assert {"unsafe-town-centre", "drug-abuse"} == {f["area"] for f in body["focus"]}


async def test_internal_updates_never_reach_the_api(client, store):
    from dataclasses import replace
    from datetime import date

    from storage.promises import get_promise, save_promise
    from survey.promises.promise import Update

    def add_internal(db):
        promise = get_promise(db, "demo").promise
        first = promise.activities[0]
        note = Update(date(2026, 11, 30), first.status, {"sv": "Intern anteckning"}, public=False)
        activities = (replace(first, updates=(*first.updates, note)), *promise.activities[1:])
        save_promise(db, replace(promise, activities=activities), actor="kim", now=NOW)

    await store.write(add_internal)
    body = await (await client.get("/api/v1/promises/demo")).json()
    texts = [u["text"].get("sv") for a in body["activities"] for u in a["updates"]]
    assert "Intern anteckning" not in texts
    assert len(texts) == 5


async def test_a_draft_or_unknown_promise_is_not_found(client, store):
    from dataclasses import replace

    from storage.promises import get_promise, save_promise

    def draft(db):
        promise = get_promise(db, "demo").promise
        save_promise(db, replace(promise, id="utkast", published=None), actor="kim", now=NOW)

    await store.write(draft)
    for path in ("/api/v1/promises/utkast", "/api/v1/promises/nope", "/p/utkast/", "/p/nope/"):
        response = await client.get(path)
        assert 404 == response.status, path
    body = await (await client.get("/api/v1/promises/nope")).json()
    assert "not_found" == body["error"]


async def test_the_page_says_said_promised_progress_and_the_planned_followup(client):
    response = await client.get("/p/filipstad-2017/?lang=sv")
    assert 200 == response.status
    soup = BeautifulSoup(await response.text(), "html.parser")
    assert ["Det här sa ni", "Det här lovar vi", "Så går det"] == [
        h.get_text(strip=True) for h in soup.select("main section > h2")
    ]
    assert 4 == len(soup.select("li.activity"))
    drugs = soup.select("li.activity")[3]
    assert ["Polisen (upptäckt och lagföring)", "Filipstads kommun (uppföljning och vård)"] == [
        p.get_text(strip=True) for p in drugs.select(".party")
    ]
    planned = soup.select_one(".followup-planned").get_text(" ", strip=True)
    assert "31 mars 2019" in planned and "lokalmedia och kommunens hemsida" in planned
    period = soup.select_one(".period").get_text(" ", strip=True)
    assert "1 januari 2017" in period and "fram tills nya medborgarlöften" in period


async def test_a_quiet_activity_says_how_long_since_its_last_news(client):
    soup = BeautifulSoup(await (await client.get("/p/demo/?lang=sv")).text(), "html.parser")
    items = {
        item.select_one("h3").get_text(strip=True): item for item in soup.select(".progress-item")
    }
    # Activity 3's last public update was on 10 February 2026: 294 days before NOW.
    assert "Senast uppdaterad för 294 dagar sedan." in items["Aktivitet 3"].get_text(
        " ", strip=True
    )
    assert items["Aktivitet 2"].select_one(".quiet") is None
    assert "Försenad" in items["Aktivitet 3"].select_one(".status").get_text()
    assert "⏸" == items["Aktivitet 3"].select_one(".status .icon").get_text()


async def test_the_list_and_home_page_show_current_promises(client):
    listing = BeautifulSoup(await (await client.get("/p/?lang=sv")).text(), "html.parser")
    assert {"/p/filipstad-2017/?lang=sv", "/p/demo/?lang=sv"} == {
        a["href"] for a in listing.select(".promise-list a")
    }
    home = BeautifulSoup(await (await client.get("/?lang=sv")).text(), "html.parser")
    assert 2 == len(home.select(".promise-list li"))


async def test_a_newer_promise_in_force_replaces_the_one_valid_until_replaced(client, store):
    newer = replace(
        samples()["filipstad-2017"],
        id="filipstad-2026",
        valid_from=NOW.date(),
        valid_until=None,
        published=NOW.date(),
        replaces=("filipstad-2017",),
    )
    await store.write(lambda db: save_promise(db, newer, actor="kim", now=NOW))
    listing = BeautifulSoup(await (await client.get("/p/?lang=sv")).text(), "html.parser")
    assert {"/p/filipstad-2026/?lang=sv", "/p/demo/?lang=sv"} == {
        a["href"] for a in listing.select(".promise-list a")
    }
    page = BeautifulSoup(await (await client.get("/p/filipstad-2017/")).text(), "html.parser")
    assert "/p/filipstad-2026/" == page.select_one("#replaced-by a")["href"]
    body = await (await client.get("/api/v1/promises/filipstad-2026")).json()
    assert ["filipstad-2017"] == body["replaces"]


async def test_the_qr_code_is_an_svg_of_the_public_address(client):
    response = await client.get("/p/demo/qr.svg")
    assert 200 == response.status
    assert "image/svg+xml" == response.content_type
    assert (await response.text()).startswith("<svg")


async def test_the_published_follow_up_shows_what_residents_noticed(client, store):
    demo = samples()["demo"]
    page = BeautifulSoup(await (await client.get("/p/demo/")).text(), "html.parser")
    assert page.select_one("#noticed") is None  # not before the follow-up is published

    followup = replace(
        demo.followup,
        text={lang: "Det här gjorde vi." for lang in demo.languages},
        published_at=NOW.replace(tzinfo=None),
    )

    def publish_and_answer(db):
        save_promise(db, replace(demo, followup=followup), actor="test", now=NOW)
        for n, answer in enumerate(("clearly", "clearly", "no")):
            resident = NewSubscription(
                "email",
                b"sealed",
                f"key-{n}",
                "demo",
                ("unsafe-places",),
                "sv",
                "web",
                "v1",
                promise="demo",
                confirmed=True,
            )
            subscription = subscribe(db, resident, NOW)
            assert "counted" == answer_followup(db, subscription, answer)

    await store.write(publish_and_answer)
    client.app[PROMISE_CACHE].clear()
    page = BeautifulSoup(await (await client.get("/p/demo/")).text(), "html.parser")
    rows = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in page.select("#noticed tbody tr")
    }
    assert {"Ja, tydligt": "2", "Ja, lite": "0", "Nej": "1", "Vet inte": "0"} == rows
