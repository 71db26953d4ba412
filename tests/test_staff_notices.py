"""Staff see how many subscribe, per campaign, promise and channel; never who."""

from __future__ import annotations

from datetime import UTC, datetime

from bs4 import BeautifulSoup

from storage.contacts import ContactBox
from storage.subscriptions import NewSubscription, subscribe
from tests.notice_helpers import activity_moved, record
from tests.staff_support import SECRET, add_account, log_in, staff_app


async def test_the_staff_page_counts_subscribers_and_shows_no_contact(
    store, campaigns, catalogs, aiohttp_client
):
    box, now = ContactBox(SECRET), datetime.now(UTC)
    for contact, channel, confirmed in (
        ("anna@example.se", "email", True),
        ("bo@example.se", "email", False),
        ("555123", "telegram", True),
    ):
        new = NewSubscription(
            channel, box.seal(contact), box.key(channel, contact), "demo", ("unsafe-places",),
            "sv", "web", "test", confirmed=confirmed,
        )  # fmt: skip
        await store.write(subscribe, new, now)
    await record(store, activity_moved(("unsafe-places",)))
    await add_account(store)
    client = await aiohttp_client(staff_app(store, campaigns, catalogs))
    anonymous = await client.get("/staff/notices/", allow_redirects=False)
    assert anonymous.status in (302, 303)  # to the login: counts are for staff only
    await log_in(client)
    page = await client.get("/staff/notices/")
    html = await page.text()
    assert 200 == page.status
    cells = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in BeautifulSoup(html, "html.parser").select("tbody tr")
    ]
    assert [["demo", "demo-2025", "e-post", "2", "1", "1"],
            ["demo", "demo-2025", "Telegram", "1", "0", "1"]] == cells  # fmt: skip
    for contact in ("anna@example.se", "bo@example.se", "555123"):
        assert contact not in html
