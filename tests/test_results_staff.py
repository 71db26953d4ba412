"""Staff and the published count over HTTP: publish from the results page, a summary per
language, bulk themes without a decision, suggested themes, places, a burst of web answers
flagged and the ranking without them, clearing a flag, and the population comparison."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from storage.moderation import CommentFilter, list_comments, list_tags
from tests.export_readers import read_csv
from tests.staff_support import add_account, answer, log_in, staff_app, token

BURST_AREAS = ["traffic", "graffiti-vandalism", "social-unrest"]
KIOSK_AREAS = ("violence-public", "unsafe-places", "drugs-alcohol")


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    await log_in(client)
    return client


async def seed(store, *responses):
    for response in responses:
        await store.save_response(response)


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def areas_of(soup: BeautifulSoup, table: str) -> list[str]:
    return [row["data-area"] for row in soup.select(f"#{table} tbody tr")]


async def test_publish_and_unpublish_from_the_results_page(client, store):
    await seed(store, answer(comment="Mörkt vid Nobelplan"))
    assert 404 == (await client.get("/c/demo/results")).status
    csrf = await token(client, "/staff/c/demo/")
    done = await client.post("/staff/c/demo/publication", data={"csrf": csrf, "action": "publish"})
    assert "Resultatet är publicerat sedan" in await done.text()
    assert 200 == (await client.get("/c/demo/results")).status
    events = await store.read(
        lambda db: db.conn.execute("SELECT kind FROM cycle_events").fetchall()
    )
    assert [("results_published",)] == events

    await client.post(
        "/staff/c/demo/summary",
        data={"csrf": csrf, "summary-sv": "De flesta handlar om trafik.", "summary-en": "Traffic."},
    )
    assert (
        "De flesta handlar om trafik." in await (await client.get("/c/demo/results?lang=sv")).text()
    )
    english = await (await client.get("/api/v1/campaigns/demo/results")).json()
    assert {"sv": "De flesta handlar om trafik.", "en": "Traffic."} == english["summary"]

    await client.post("/staff/c/demo/publication", data={"csrf": csrf, "action": "unpublish"})
    assert 404 == (await client.get("/c/demo/results")).status
    audit = await store.read(
        lambda db: db.conn.execute(
            "SELECT action FROM audit WHERE action LIKE 'results.%'"
        ).fetchall()
    )
    assert [("results.publish",), ("results.summary",), ("results.unpublish",)] == audit


async def test_a_publish_without_its_token_is_refused(client):
    refused = await client.post("/staff/c/demo/publication", data={"action": "publish"})
    assert 403 == refused.status
    assert 404 == (await client.get("/c/demo/results")).status


async def test_themes_on_many_comments_at_once_without_a_decision(client, store):
    traffic = answer(comment="Oväsen från bilar nattetid vid Nobelplan på Norrstrand")
    speed = answer(comment="Höga hastigheter vid skolan på Norrstrand", areas=BURST_AREAS)
    police = answer(comment="Vi vill se fler patrullerande poliser")
    await seed(store, traffic, speed, police)
    csrf = await token(client, "/staff/c/demo/comments")
    page = soup_of(await (await client.get("/staff/c/demo/comments")).text())
    suggested = page.select_one(f"#c-{traffic.id} .suggested").text
    assert "Trafik" in suggested
    places = [li.text for li in page.select("#place-counts li")]
    assert "Norrstrand: 2 synpunkter, mest Trafikbrott" == places[0]
    assert places[1].startswith("Nobelplan: 1 synpunkt")

    await client.post("/staff/c/demo/comments-bulk", data={"csrf": csrf, "action": "suggested"})
    tags = {t.name: t for t in await store.read(list_tags, "demo")}
    assert {"Trafik": 2, "Polisens synlighet": 1} == {n: t.comments for n, t in tags.items()}
    # Setting themes is no decision: every comment is still new.
    fresh = await store.read(list_comments, "demo", CommentFilter(status="new"))
    assert 3 == len(fresh)

    await client.post("/staff/c/demo/tags", data={"csrf": csrf, "name": "Skolor"})
    school = next(t for t in await store.read(list_tags, "demo") if t.name == "Skolor")
    form = [("csrf", csrf), ("action", "add_theme"), ("tag", str(school.id))]
    form += [("selected", speed.id), ("selected", police.id)]
    await client.post("/staff/c/demo/comments-bulk", data=form)
    form = [("csrf", csrf), ("action", "remove_theme"), ("tag", str(school.id))]
    await client.post("/staff/c/demo/comments-bulk", data=[*form, ("selected", police.id)])
    form = [
        ("csrf", csrf),
        ("action", "approved"),
        ("selected", traffic.id),
        ("selected", speed.id),
    ]
    await client.post("/staff/c/demo/comments-bulk", data=form)
    approved = await store.read(list_comments, "demo", CommentFilter(status="approved"))
    assert {traffic.id, speed.id} == {c.id for c in approved}
    by_id = {c.id: c for c in approved}
    assert {tags["Trafik"].id, school.id} == set(by_id[speed.id].tag_ids)

    await client.post("/staff/c/demo/publication", data={"csrf": csrf, "action": "publish"})
    body = await (await client.get("/api/v1/campaigns/demo/results")).json()
    assert {"Trafik": 2, "Polisens synlighet": 1, "Skolor": 1} == {
        t["theme"]: t["count"] for t in body["themes"]
    }
    assert {
        "Oväsen från bilar nattetid vid Nobelplan på Norrstrand",
        "Höga hastigheter vid skolan på Norrstrand",
    } == {c["text"] for c in body["comments"]}
    english = soup_of(await (await client.get("/c/demo/results?lang=en")).text())
    assert "Traffic" in english.select_one("table.themes").text


async def post_burst(client, answers: int = 7) -> None:
    """Web answers from one browser at one address (one signal), one after another."""
    for _ in range(answers):
        posted = await client.post(
            "/api/v1/campaigns/demo/responses",
            json={
                "id": str(uuid.uuid4()),
                "areas": BURST_AREAS,
                "comment": None,
                "locale": "sv",
                "channel": "web",
                "answers": {},
            },
        )
        assert 201 == posted.status


async def test_a_burst_from_one_web_signal_is_flagged_and_counted_apart(client, store):
    await seed(store, *(answer(channel="kiosk", areas=KIOSK_AREAS) for _ in range(4)))
    await post_burst(client)
    csrf = await token(client, "/staff/c/demo/")
    await client.post("/staff/c/demo/publication", data={"csrf": csrf, "action": "publish"})
    body = await (await client.get("/api/v1/campaigns/demo/results")).json()
    assert 11 == body["participants"]
    assert 7 == body["flagged"]
    assert set(BURST_AREAS) == {row["area"] for row in body["tally"][:3]}
    assert [7, 7, 7] == [row["votes"] for row in body["tally"][:3]]
    assert list(KIOSK_AREAS) == [row["area"] for row in body["tally_unflagged"][:3]]
    assert [4, 4, 4, 0] == [row["votes"] for row in body["tally_unflagged"][:4]]
    assert [1, 1, 1, 4] == [row["rank"] for row in body["tally_unflagged"][:4]]

    staff = soup_of(await (await client.get("/staff/c/demo/")).text())
    assert set(BURST_AREAS) == set(areas_of(staff, "staff-ranking")[:3])
    assert list(KIOSK_AREAS) == areas_of(staff, "staff-ranking-unflagged")[:3]
    public = soup_of(await (await client.get("/c/demo/results?lang=sv")).text())
    assert list(KIOSK_AREAS) == areas_of(public, "ranking-unflagged")[:3]
    assert public.select_one("#flag-note").text.startswith("7 svar är flaggade")

    flags = soup_of(await (await client.get("/staff/c/demo/flags")).text())
    rows = flags.select("#flags tbody tr")
    assert 7 == len(rows)
    assert "Många svar från samma webbläsare på kort tid" in rows[0].text
    first = rows[0]["id"].removeprefix("f-")
    await client.post(f"/staff/c/demo/flags/{first}", data={"csrf": csrf, "decision": "cleared"})
    body = await (await client.get("/api/v1/campaigns/demo/results")).json()
    assert 6 == body["flagged"]
    unflagged = {row["area"]: row["votes"] for row in body["tally_unflagged"]}
    assert {"traffic": 1, "violence-public": 4} == {
        a: unflagged[a] for a in ("traffic", "violence-public")
    }
    export = await client.get("/staff/c/demo/export/responses.csv?names=machine")
    rows = read_csv(await export.read())
    flag_of = {row[0]: row[rows[0].index("flag")] for row in rows[1:]}
    assert "burst; cleared" == flag_of[first]
    assert 6 == sum(flag == "burst" for flag in flag_of.values())
    assert 4 == sum(flag == "" for flag in flag_of.values())
    not_flagged = await client.post(
        f"/staff/c/demo/flags/{uuid.uuid4()}", data={"csrf": csrf, "decision": "confirmed"}
    )
    assert 404 == not_flagged.status


async def test_the_population_comparison_says_the_demo_figures_are_illustrative(client, store):
    await seed(
        store,
        *(answer(answers={"age": "65-plus"}, areas=KIOSK_AREAS) for _ in range(6)),
        *(answer(answers={"age": "under-20"}, areas=BURST_AREAS) for _ in range(5)),
    )
    staff = soup_of(await (await client.get("/staff/c/demo/")).text())
    assert staff.select_one("#illustrative") is not None
    weighted = [row.select_one("th").text for row in staff.select("#staff-weighted tbody tr")]
    # 65+ are 6 of 11 but 0.20 / 0.42 of the population kept: the young lead when weighted.
    assert {"Trafikbrott", "Social oro", "Klotter och vandalisering"} == set(weighted[:3])
    csrf = await token(client, "/staff/c/demo/")
    await client.post("/staff/c/demo/publication", data={"csrf": csrf, "action": "publish"})
    body = await (await client.get("/api/v1/campaigns/demo/results")).json()
    rep = body["representativeness"]
    assert rep["illustrative"] is True
    assert set(BURST_AREAS) == {w["area"] for w in rep["weighted"][:3]}
    assert {"20-34", "35-49", "50-64"} == set(rep["left_out"])
    public = soup_of(await (await client.get("/c/demo/results?lang=sv")).text())
    assert "påhittade" in public.select_one("#illustrative").text
    report = soup_of(await (await client.get("/staff/c/demo/report")).text())
    printed = [li.text.split(" (")[0] for li in report.select("#report-weighted li")]
    assert weighted == printed
    assert "påhittade" in report.select_one("#report-trust").text


async def test_the_printed_report_shows_the_ranking_without_flagged_answers(client, store):
    await seed(store, *(answer(channel="kiosk", areas=KIOSK_AREAS) for _ in range(4)))
    await post_burst(client)
    report = soup_of(await (await client.get("/staff/c/demo/report")).text())
    assert "7 svar är flaggade som automatiska eller upprepade" in report.text
    rows = report.select("#report-unflagged li")
    assert list(KIOSK_AREAS) == [li["data-area"] for li in rows[:3]]
    assert ["1", "1", "1", "4"] == [li["value"] for li in rows[:4]]


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/staff/c/demo/comments-bulk", {"action": "explode"}),
        ("/staff/c/demo/comments-bulk", {"action": "add_theme", "tag": "x"}),
        ("/staff/c/demo/publication", {"action": "maybe"}),
        ("/staff/c/demo/summary", {"summary-sv": "x" * 5000}),
        ("/staff/c/demo/flags/nope", {"decision": "forget"}),
    ],
)
async def test_bad_staff_input_gets_a_clear_400(client, path, form):
    csrf = await token(client, "/staff/c/demo/")
    refused = await client.post(path, data={"csrf": csrf, **form})
    assert 400 == refused.status
    assert "<h1" in await refused.text()


async def test_a_hurried_kiosk_walk_and_a_repeated_comment_are_flagged(client, store):
    same = "Mer poliser på stan, nu genast!"
    await seed(
        store,
        replace(answer(channel="kiosk", areas=KIOSK_AREAS), walk_seconds=5),
        replace(answer(channel="kiosk", areas=KIOSK_AREAS), walk_seconds=40),
        *(answer(comment=same, areas=BURST_AREAS) for _ in range(3)),
    )
    csrf = await token(client, "/staff/c/demo/")
    await client.post("/staff/c/demo/publication", data={"csrf": csrf, "action": "publish"})
    body = await (await client.get("/api/v1/campaigns/demo/results")).json()
    assert 4 == body["flagged"]
    assert 1 == body["tally_unflagged"][0]["votes"]
    flags = soup_of(await (await client.get("/staff/c/demo/flags")).text())
    reasons = [row.select("td")[4].text for row in flags.select("#flags tbody tr")]
    assert ["Kioskens svar gick på under åtta sekunder"] + [
        "Samma synpunkt i flera svar"
    ] * 3 == reasons


async def test_the_results_page_says_whom_lattlast_reached(client, store):
    await seed(store, replace(answer(), easy_read=True), answer(), answer(), answer())
    soup = soup_of(await (await client.get("/staff/c/demo/")).text())
    shown = soup.find(id="easy-read-count").find_parent("p").get_text(" ", strip=True)
    assert "1 (25,0\u00a0%) svarade med Lättläst" == shown
    # A campaign without easy texts does not mention it.
    soup = soup_of(await (await client.get("/staff/c/karlstad-2016/")).text())
    assert soup.find(id="easy-read-count") is None
