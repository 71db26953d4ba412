"""Hearing back by e-mail, end to end: the web pages, the sender inside `serve`, and an SMTP
server (aiosmtpd, STARTTLS) on 127.0.0.1."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer
from bs4 import BeautifulSoup

from kiosk.follow.signup_limits import MAILS_PER_HOUR, SignupLimits
from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from medborgardialog.settings import Settings
from storage.subscriptions import followup_answer_counts
from tests.fake_clock import FakeClock
from tests.live_server import free_port
from tests.mail_server import MailServer
from tests.notice_helpers import activity_moved, followup, record, rows
from tests.promise_support import import_samples
from tests.waiting import until

LINK = re.compile(r"https?://\S+")


@pytest.fixture
def clock():
    return FakeClock(time.time())


@pytest.fixture
async def served(tmp_path, clock):
    with MailServer(tmp_path) as smtp:
        port = free_port()
        env = smtp.notice_env(port)
        settings = Settings.from_env(env=env, db=tmp_path / "web.db", secret_file=tmp_path / "s")
        parts = assemble(settings)
        parts.clock = clock
        async with TestClient(TestServer(build_app(parts), port=port)) as client:
            yield client, smtp.mailbox, parts


def text_of(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def path_of(url: str) -> str:
    return urlsplit(url).path


async def subscribe_and_confirm(client, mailbox, email: str, areas: list[str]) -> None:
    mails = len(mailbox.mails)
    form = [("email", email), ("consent", "yes")] + [("area", a) for a in areas]
    page = await client.post("/c/demo/follow", data=form)
    assert 200 == page.status
    assert "Titta i din e-post" in await page.text()
    mail = await mailbox.wait(mails + 1)
    assert email == mail["To"]
    link = next(u for u in LINK.findall(text_of(mail)) if "/follow/confirm/" in u)
    assert link in mail.get_body(preferencelist=("html",)).get_content()
    shown = await client.get(path_of(link))  # opening the link only shows the button
    soup = BeautifulSoup(await shown.text(), "html.parser")
    assert "Bekräfta" == soup.select_one("form button").get_text(strip=True)
    confirmed = await client.post(path_of(link), data={"do": "confirm"})
    assert "Prenumerationen är bekräftad" in await confirmed.text()


async def test_subscribe_confirm_receive_and_unsubscribe_with_one_post(served, tmp_path):
    client, mailbox, parts = served
    db = parts.settings.db
    await subscribe_and_confirm(client, mailbox, "anna@example.se", ["unsafe-places", "traffic"])
    assert all(mailbox.tls_seen)  # every mail went over STARTTLS
    [(contact, confirmed)] = rows(db, "SELECT contact, confirmed_at FROM subscriptions")
    assert b"anna@example.se" not in contact and confirmed is not None

    await record(parts.store, activity_moved(("unsafe-places",)))
    notice = await mailbox.wait(2)
    assert "Trygghetsvandringar i centrum" in text_of(notice)
    assert "http://127.0.0.1:" in text_of(notice) and "/p/demo-2025/" in text_of(notice)
    assert "List-Unsubscribe=One-Click" == notice["List-Unsubscribe-Post"]
    unsubscribe = str(notice["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe in text_of(notice)
    html = notice.get_body(preferencelist=("html",)).get_content()
    assert "Trygghetsvandringar i centrum" in html

    one_click = await client.post(
        path_of(unsubscribe),
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert 200 == one_click.status
    assert [] == rows(db, "SELECT id FROM subscriptions")
    assert [] == rows(db, "SELECT id FROM notices")
    again = await client.get(path_of(unsubscribe))
    assert 410 == again.status


async def test_nothing_is_kept_without_the_ticked_consent(served):
    client, mailbox, parts = served
    form = [("email", "bo@example.se"), ("area", "traffic")]
    page = await client.post("/c/demo/follow", data=form)
    assert 422 == page.status
    assert "Kryssa i" in await page.text()
    bad_address = [("email", "bo@"), ("area", "traffic"), ("consent", "yes")]
    bad = await client.post("/c/demo/follow", data=bad_address)
    assert 422 == bad.status
    assert [] == rows(parts.settings.db, "SELECT id FROM subscriptions")
    forged = await client.get("/follow/stop/1.AAAAAAAAAAAAAAAAAAAAAA")
    assert 404 == forged.status
    assert [] == mailbox.mails


async def test_one_address_gets_one_confirmation_mail_in_ten_minutes(served, clock):
    client, mailbox, _ = served
    form = [("email", "bo@example.se"), ("consent", "yes"), ("area", "traffic")]
    assert 200 == (await client.post("/c/demo/follow", data=form)).status
    await mailbox.wait(1)
    again = await client.post("/c/demo/follow", data=form)
    assert 429 == again.status
    assert "Vi har nyss skickat en länk till den adressen" in await again.text()
    assert "600" == again.headers["Retry-After"]
    other = [("email", "cy@example.se"), ("consent", "yes"), ("area", "traffic")]
    assert 200 == (await client.post("/c/demo/follow", data=other)).status
    clock.advance(minutes=10)
    assert 200 == (await client.post("/c/demo/follow", data=form)).status
    await mailbox.wait(3)
    assert ["bo@example.se", "cy@example.se", "bo@example.se"] == [m["To"] for m in mailbox.mails]


def test_at_most_so_many_confirmation_mails_an_hour():
    clock = FakeClock()
    limits = SignupLimits(clock)
    assert [None] * MAILS_PER_HOUR == [limits.refusal(f"k{n}") for n in range(MAILS_PER_HOUR)]
    assert "busy" == limits.refusal("one more")
    clock.advance(hours=1)
    assert limits.refusal("one more") is None


async def test_the_follow_up_question_is_answered_with_one_click(served):
    client, mailbox, parts = served
    await subscribe_and_confirm(client, mailbox, "cilla@example.se", ["unsafe-places"])
    await record(parts.store, followup())
    notice = await mailbox.wait(2)
    assert "Har du märkt någon skillnad?" in text_of(notice)
    link = next(u for u in LINK.findall(text_of(notice)) if "/follow/answer/" in u)
    page = BeautifulSoup(await (await client.get(path_of(link))).text(), "html.parser")
    labels = [b.get_text(strip=True) for b in page.select("form button")]
    assert ["Ja, tydligt", "Ja, lite", "Nej", "Vet inte"] == labels
    first = await client.post(path_of(link), data={"answer": "somewhat"})
    assert "Tack för ditt svar!" in await first.text()
    second = await client.post(path_of(link), data={"answer": "no"})
    assert "Du har redan svarat" in await second.text()
    counts = await parts.store.read(lambda db: followup_answer_counts(db, promise="demo-2025"))
    assert {"clearly": 0, "somewhat": 1, "no": 0, "unknown": 0} == counts


async def test_a_permanent_refusal_deletes_the_subscription(served):
    client, mailbox, parts = served
    await subscribe_and_confirm(client, mailbox, "gone@example.se", ["unsafe-places"])
    mailbox.refuse.add("gone@example.se")
    await record(parts.store, activity_moved(("unsafe-places",)))
    db = parts.settings.db
    await until(lambda: [] == rows(db, "SELECT id FROM subscriptions"), what="the row to go")


async def test_the_kiosk_thank_you_carries_a_code_to_the_sign_up_on_ones_own_phone(served):
    client, _mailbox, _parts = served
    kiosk = BeautifulSoup(await (await client.get("/kiosk/demo/")).text(), "html.parser")
    code = BeautifulSoup(kiosk.select_one("template#follow-code").decode_contents(), "html.parser")
    assert "/c/demo/follow.svg" == code.select_one("img")["src"]
    assert "/c/demo/follow" in code.get_text()
    assert not kiosk.select("input[type=email]")  # never an address on a public screen
    svg = await client.get("/c/demo/follow.svg")
    assert "image/svg+xml" == svg.content_type
    assert (await svg.text()).lstrip().startswith("<svg")
    form = BeautifulSoup(await (await client.get("/c/demo/follow?via=kiosk")).text(), "html.parser")
    assert "kiosk" == form.select_one("input[name=via]")["value"]
    assert form.select_one("input[name=consent]").get("checked") is None  # off by default


async def test_a_public_promise_page_leads_to_the_sign_up_where_areas_are_chosen(served):
    client, _mailbox, parts = served
    await parts.store.write(import_samples)
    page = BeautifulSoup(await (await client.get("/p/demo/?lang=en")).text(), "html.parser")
    link = page.select_one(".follow-link a")
    assert "/c/demo/follow?lang=en" == link["href"]
    form = BeautifulSoup(await (await client.get(link["href"])).text(), "html.parser")
    assert {a.id for a in parts.campaigns["demo"].areas} == {
        box["value"] for box in form.select("input[name=area]")
    }
