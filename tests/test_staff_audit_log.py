"""The audit log as an admin reads it: sentences in the staff language, local time,
filters by who, what and which dialogue, and a page at a time."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from storage.staff import audit
from tests.staff_support import add_account, log_in, staff_app, token


@pytest.fixture
async def admin(aiohttp_client, store, campaigns, catalogs):
    await add_account(store, "ada", "admin")
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    await log_in(client, "ada")
    return client


def rows(html: str) -> list[list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in tr.find_all("td")]
        for tr in soup.select("table.log tbody tr")
    ]


async def test_entries_read_as_sentences_at_local_time(admin, store):
    def record(db):
        db.conn.execute(
            "INSERT INTO audit (at, actor, action, campaign, detail) VALUES "
            "('2016-03-01T13:05:00.000000Z', 'kim', 'export', 'karlstad-2016', "
            '\'{"format": "xlsx", "table": "responses", "published": false}\')'
        )
        audit(db, "-", "login.refused")

    await store.write(record)
    page = await (await admin.get("/staff/admin/log")).text()
    found = rows(page)
    assert "En inloggning som okänt användarnamn nekades." == found[0][1]
    export = next(row for row in found if "exporterade" in row[1])
    assert "kim exporterade alla svar som XLSX." == export[1]
    assert export[0].startswith("1 mars 2016 14:05")  # Karlstad's time, not 13:05 UTC
    assert not any("login.refused" in row[1] for row in found)
    assert any("ada loggade in." == row[1] for row in found)


async def test_filters_and_paging(admin, store):
    def record(db):
        for n in range(120):
            audit(db, "bo" if n % 2 else "kim", "tag.add", "demo", {"name": f"Tema {n}"})

    await store.write(record)
    first = rows(await (await admin.get("/staff/admin/log?actor=bo&action=tag.add")).text())
    assert 50 == len(first)
    assert all(row[1].startswith("bo lade till temat Tema ") for row in first)
    assert "bo lade till temat Tema 119." == first[0][1]  # newest first
    second = await (await admin.get("/staff/admin/log?actor=bo&action=tag.add&page=2")).text()
    assert "sida 2 av 2" in second
    assert 10 == len(rows(second))
    soup = BeautifulSoup(second, "html.parser")
    assert soup.find("a", rel="prev") is not None and soup.find("a", rel="next") is None
    none = rows(await (await admin.get("/staff/admin/log?campaign=karlstad-2016")).text())
    assert [] == none
    odd = await admin.get("/staff/admin/log?page=-3&actor=%00")
    assert 200 == odd.status


async def test_in_arabic_and_only_for_admins(admin, store, aiohttp_client, campaigns, catalogs):
    csrf = await token(admin, "/staff/admin/log")
    form = {"csrf": csrf, "lang": "ar", "next": "/staff/admin/log"}
    await admin.post("/staff/language", data=form, allow_redirects=False)
    found = rows(await (await admin.get("/staff/admin/log")).text())
    assert "\u2068ada\u2069 سجّل الدخول." == found[0][1]
    await add_account(store, "kim", "analyst")
    other = await aiohttp_client(staff_app(store, campaigns, catalogs))
    await log_in(other, "kim")
    assert 403 == (await other.get("/staff/admin/log")).status
