"""The staff pages over HTTP: results, live figures, moderation, paper answers, report."""

from __future__ import annotations

import re

import pytest
from aiohttp import FormData

from kiosk.staff.figures import FRESH_SECONDS
from storage.moderation import CommentFilter, list_comments
from tests.fake_clock import FakeClock
from tests.staff_support import add_account, answer, log_in, staff_app, token


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs, clock):
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs, clock=clock))
    await log_in(client)
    return client


async def seed(store, *responses):
    for response in responses:
        await store.save_response(response)


async def test_results_rank_the_areas_with_votes_and_shares(client, store):
    await seed(
        store,
        answer(areas=("traffic", "unsafe-places", "social-unrest")),
        answer(
            areas=("traffic", "unsafe-places", "drugs-alcohol"),
            channel="kiosk",
            source="Mitt i City",
        ),
        answer(areas=("traffic", "violence-public", "drugs-alcohol"), comment="Fartkameror!"),
    )
    page = await client.get("/staff/c/demo/")
    html = await page.text()
    assert 200 == page.status
    ranked = [
        html.index(label)
        for label in ("1. Trafikbrott", "2. Otrygga miljöer", "2. Narkotika- och alkoholrelaterad")
    ]
    assert ranked == sorted(ranked)
    assert "3 (100,0\xa0%)" in html  # votes and share as text in the chart
    assert "Mitt i City" in html
    assert '<svg class="chart"' in html and 'role="img"' in html


async def test_the_live_figures_follow_new_answers(client, store, clock):
    first = await (await client.get("/staff/c/demo/live")).json()
    assert 0 == first["participants"]
    await seed(store, answer())
    shared = await (await client.get("/staff/c/demo/live")).json()
    assert 0 == shared["participants"]  # the counts are shared while fresh
    clock.advance(FRESH_SECONDS + 0.1)
    later = await (await client.get("/staff/c/demo/live")).json()
    assert 1 == later["participants"]
    assert "Trafikbrott" in later["html"]


async def test_small_background_groups_are_suppressed(client, store):
    await seed(store, *[answer(answers={"age": "20-34"}) for _ in range(6)])
    await seed(store, *[answer(answers={"age": "35-49"}) for _ in range(9)])
    await seed(store, *[answer(answers={"age": "65-plus"}) for _ in range(2)])
    await seed(store, *[answer() for _ in range(3)])
    html = await (await client.get("/staff/c/demo/")).text()
    table = html[html.index("Hur gammal är du?") :].split("</table>")[0]
    shown = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', table))
    assert {"6", "9"} == {shown["20–34 år"], shown["35–49 år"]}
    assert "&lt;5" == shown["65 år eller äldre"] == shown["Inget svar"]


async def test_moderating_a_comment_with_a_theme_and_a_redaction(client, store):
    shown = answer(comment="Ring 070-123 45 67, det är mörkt vid Nobelplan")
    await seed(store, shown, answer(comment="Något annat"))
    csrf = await token(client)
    await client.post("/staff/c/demo/tags", data={"name": "Belysning", "csrf": csrf})
    page = await client.get("/staff/c/demo/comments")
    html = await page.text()
    assert '<mark title="Troliga personuppgifter">070-123 45 67</mark>' in html
    tag_id = html.split('name="tag" value="')[1].split('"')[0]
    response = await client.post(
        f"/staff/c/demo/comments/{shown.id}",
        data={
            "csrf": csrf,
            "status": "approved",
            "tag": tag_id,
            "back": "status=new",
            "redacted": "Ring […], det är mörkt vid torget",
        },
        allow_redirects=False,
    )
    assert 303 == response.status
    assert f"/staff/c/demo/comments?status=new#c-{shown.id}" == response.headers["Location"]
    approved = await store.read(list_comments, "demo", CommentFilter(status="approved"))
    assert [shown.id] == [c.id for c in approved]
    assert "Ring […], det är mörkt vid torget" == approved[0].redacted
    by_tag = await client.get(f"/staff/c/demo/comments?tag={tag_id}")
    assert "Något annat" not in await by_tag.text()
    fresh = await client.get("/staff/c/demo/comments?status=new")
    assert "Något annat" in await fresh.text() and "Nobelplan" not in await fresh.text()
    audit = await store.read(
        lambda db: db.conn.execute(
            "SELECT actor, action FROM audit WHERE action LIKE 'comment.%'"
        ).fetchall()
    )
    assert [("kim", "comment.moderate")] == audit


async def test_a_paper_answer_is_stored_with_who_keyed_it_in(client, store):
    csrf = await token(client, "/staff/c/demo/paper")
    form = {
        "csrf": csrf,
        "id": "6f1e4d3c-2b1a-4f5e-8d7c-6b5a4f3e2d1c",
        "source": "Workshop KCCC",
        "date": "2024-03-01",
        "locale": "sv",
        "comment": "Mer polis",
        "q.age": "35-49",
    }
    areas = [("area", "traffic"), ("area", "unsafe-places"), ("area", "social-unrest")]
    data = [*form.items(), *areas]
    response = await client.post("/staff/c/demo/paper", data=data, allow_redirects=False)
    assert 303 == response.status
    stored = await store.get_response("6f1e4d3c-2b1a-4f5e-8d7c-6b5a4f3e2d1c")
    assert ("paper", "Workshop KCCC", "Mer polis") == (
        stored.channel,
        stored.source,
        stored.comment,
    )
    assert {"age": "35-49"} == dict(stored.answers)
    assert stored.submitted_at.startswith("2024-03-01T11:00:00")
    entered_by = await store.read(
        lambda db: db.conn.execute(
            "SELECT entered_by FROM responses WHERE id = ?", (stored.id,)
        ).fetchone()[0]
    )
    assert "kim" == entered_by
    again = await client.get("/staff/c/demo/paper")
    html = await again.text()
    assert 'value="Workshop KCCC"' in html and "Svaret är sparat." in html
    resent = await client.post("/staff/c/demo/paper", data=data)
    assert "Det här svaret var redan sparat." in await resent.text()


async def test_a_wrong_paper_answer_says_what_to_correct(client, store, campaigns):
    csrf = await token(client, "/staff/c/demo/paper")
    data = [
        ("csrf", csrf),
        ("source", ""),
        ("date", "2999-01-01"),
        ("locale", "sv"),
        ("area", "traffic"),
        ("comment", "<b>hej</b>"),
    ]
    response = await client.post("/staff/c/demo/paper", data=data)
    html = await response.text()
    assert 422 == response.status
    assert "Välj 3 områden." in html
    assert "Skriv var svaret samlades in" in html
    assert "Datumet ligger i framtiden" in html
    assert "&lt;b&gt;hej&lt;/b&gt;</textarea>" in html
    assert 0 == (await store.tally(campaigns["demo"])).participants


BATCH = (
    "source;date;area_1;area_2;area_3;comment;age;district;locale\r\n"
    "Workshop KCCC;2024-02-01;1;2;3;Bra möte;35–49 år;;sv\r\n"
    "Workshop KCCC;2024-02-01;Trafikbrott;unsafe-places;Social oro;;;norrstrand;\r\n"
    ";2024-02-01;1;1;2;;ålder?;;sv\r\n"
    "Workshop KCCC;2024-02-01;1;2;9;;;;sv\r\n"
    "Workshop KCCC;2024-02-01;1;2;;;;;sv\r\n"
)


async def import_batch(client, content: str, **fields):
    csrf = await token(client, "/staff/c/demo/paper")
    form = FormData()
    form.add_field("csrf", csrf)
    for name, value in fields.items():
        form.add_field(name, value)
    form.add_field(
        "file", content.encode("utf-8"), filename="workshop.csv", content_type="text/csv"
    )
    return await client.post("/staff/c/demo/paper/import", data=form)


async def test_a_batch_stores_the_good_rows_and_explains_the_others(client, store, campaigns):
    response = await import_batch(client, BATCH)
    html = await response.text()
    assert 200 == response.status
    assert "2 rader sparade" in html and "3 rader avvisade" in html
    assert "Sparade rader (radnummer i filen): 2–3" in html
    assert "Samma område är valt två gånger." in html
    assert "Okänt område: 9." in html
    assert "Okänt svar på age: ålder?." in html
    assert "Skriv var svaret samlades in" in html
    assert "Välj 3 områden." in html
    tally = await store.tally(campaigns["demo"])
    assert 2 == tally.participants == tally.by_channel["paper"]
    again = await import_batch(client, BATCH)
    assert "Den här filen är redan inläst." in await again.text()
    assert 2 == (await store.tally(campaigns["demo"])).participants


async def test_a_batch_without_the_area_columns_stores_nothing(client, store, campaigns):
    response = await import_batch(client, "source;areas\r\nX;1 2 3\r\n")
    assert 422 == response.status
    assert "Filen saknar kolumnerna area_1, area_2, area_3." in await response.text()
    assert 0 == (await store.tally(campaigns["demo"])).participants


async def test_the_batch_template_has_the_campaigns_columns(client):
    response = await client.get("/staff/c/demo/paper/template.csv")
    text = (await response.read()).decode("utf-8-sig")
    columns = (
        "source;date;area_1;area_2;area_3;comment;age;district;safe-evening;when-unsafe;"
        "unsafe-places;locale"
    )
    assert text.startswith(columns + "\r\n")


async def test_the_report_in_the_campaigns_language_or_another(client, store):
    await seed(store, answer(comment="Ring 070-123 45 67 om gatlyktan"))
    swedish = await (await client.get("/staff/c/demo/report")).text()
    assert '<html lang="sv" dir="ltr">' in swedish
    assert "1 person var med och tyckte till" in swedish
    assert "Det här tycker invånarna är viktigast" in swedish
    assert 'id="report-unflagged"' not in swedish  # nothing flagged: nothing to add
    arabic = await (await client.get("/staff/c/demo/report?lang=ar")).text()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "العنف في الأماكن العامة" in arabic
    assert "070-123" not in swedish  # not approved, so never quoted


async def test_an_unknown_campaign_is_a_clear_page(client):
    response = await client.get("/staff/c/nowhere/")
    assert 404 == response.status
    assert "Det finns ingen medborgardialog med det namnet." in await response.text()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
async def test_each_export_downloads_and_is_audited(client, store, fmt):
    await seed(store, answer(comment='=HYPERLINK("http://x")'))
    response = await client.get(f"/staff/c/demo/export/responses.{fmt}")
    body = await response.read()
    assert 200 == response.status
    assert "attachment" in response.headers["Content-Disposition"]
    assert len(body) > 100
    if fmt == "csv":
        assert body.startswith("\ufeffSvarets id;".encode()) and b"'=HYPERLINK" in body
    logged = await store.read(
        lambda db: db.conn.execute(
            "SELECT actor, action, detail FROM audit WHERE action = 'export'"
        ).fetchall()
    )
    assert "kim" == logged[-1][0] and f'"format": "{fmt}"' in logged[-1][2]


async def test_an_export_that_does_not_exist_is_a_404(client):
    assert 404 == (await client.get("/staff/c/demo/export/tally.json")).status
    assert 404 == (await client.get("/staff/c/demo/export/secrets.csv")).status


async def test_the_export_page_offers_the_language_and_machine_names(client, store):
    await seed(store, answer(comment="-5 grader"))
    page = await (await client.get("/staff/c/demo/exports?lang=en&names=machine")).text()
    assert "/staff/c/demo/export/responses.csv?lang=en&amp;names=machine" in page
    english = await client.get("/staff/c/demo/export/responses.csv?lang=en")
    assert (await english.read()).decode("utf-8-sig").startswith("Response id;Submitted (local")
    machine = await client.get("/staff/c/demo/export/responses.csv?names=machine")
    body = (await machine.read()).decode("utf-8-sig")
    assert body.startswith("id;submitted_at;submitted_at_utc;channel;source;locale;area_")
    assert ";'-5 grader;" in body
