"""The notes residents wrote on places, moderated as comments are: listed escaped with likely
personal data marked, where and why; approved or hidden, filtered by status, audit-logged;
an unknown note is 404, a bad decision 400, never a 500."""

from __future__ import annotations

from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from storage.audit_log import recent_audit
from survey.validation import stored_answers
from tests.staff_support import add_account, answer, log_in, staff_app, token

HOSTILE = "Mörkt vid <script>alert(1)</script> busshållplatsen"
PHONE = "Ring mig på 070-123 45 67 om lampan"


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    await log_in(client)
    demo = campaigns["demo"]
    places = [
        {"lat": 59.378, "lon": 13.5, "option": "lighting", "note": HOSTILE},
        {"zone": "norrstrand"},
        {"zone": "kronoparken", "option": "people", "note": PHONE},
    ]
    response = answer(answers={"unsafe-places": places})
    response = replace(response, answers=stored_answers(demo, response.answers))
    await store.save_response(response)
    await store.save_response(answer(comment="Ingen plats här"))
    client.response_id = response.id
    return client


async def notes(client, query: str = "") -> BeautifulSoup:
    page = await client.get(f"/staff/c/demo/place-notes{query}")
    assert 200 == page.status
    return BeautifulSoup(await page.text(), "html.parser")


async def test_notes_are_listed_escaped_with_where_and_why(client):
    soup = await notes(client)
    articles = soup.select("article.comment")
    assert 2 == len(articles)
    texts = [a.select_one("blockquote").get_text() for a in articles]
    assert [HOSTILE, PHONE] == texts
    assert not soup.select("article script")  # shown as text, never as markup
    assert "070-123 45 67" in articles[1].select_one("mark").get_text()
    assert articles[0].select_one(".areas").get_text(" ", strip=True).startswith("Centrum (59.37")
    assert "Dålig belysning" in articles[0].select_one(".areas").get_text()
    where_why = articles[1].select_one(".areas").get_text(" ", strip=True)
    assert "Kronoparken · Personer som samlas" == where_why
    comments = BeautifulSoup(
        await (await client.get("/staff/c/demo/comments")).text(), "html.parser"
    )
    assert "/place-notes" in comments.select_one("#place-notes-link")["href"]


async def test_a_note_is_approved_hidden_and_filtered_by_status(client, store):
    csrf = await token(client, "/staff/c/demo/place-notes")
    path = f"/staff/c/demo/place-notes/{client.response_id}"
    done = await client.post(path, data={"csrf": csrf, "question": "unsafe-places", "n": "2",
                                         "status": "hidden"})  # fmt: skip
    assert 200 == done.status
    assert "Anteckningen är sparad: Dold." in await done.text()
    hidden = await notes(client, "?status=hidden")
    assert [PHONE] == [a.select_one("blockquote").get_text() for a in hidden.select("article")]
    assert 1 == len((await notes(client, "?status=new")).select("article"))
    [entry] = [e for e in await store.read(recent_audit) if e.action == "place_note.moderate"]
    assert "kim" == entry.actor


async def test_an_unknown_note_is_404_and_a_bad_decision_400(client):
    csrf = await token(client, "/staff/c/demo/place-notes")
    path = f"/staff/c/demo/place-notes/{client.response_id}"
    form = {"csrf": csrf, "question": "unsafe-places", "status": "approved"}
    assert 404 == (await client.post(path, data=form | {"n": "1"})).status  # a zone, no note
    assert 404 == (await client.post(path, data=form | {"n": "9"})).status
    assert 400 == (await client.post(path, data=form | {"n": "x"})).status
    assert 400 == (await client.post(path, data=form | {"n": "0", "status": "gone"})).status
    assert 404 == (await client.get("/staff/c/karlstad-2016/place-notes")).status
