"""«Berätta när det är åtgärdat»: a participant of a safety walk leaves an e-mail address
with a place, and hears once, by e-mail, when staff fix it or say why they will not; the
address is gone afterwards. The web app and its notice sender run as in `serve`, with an
SMTP server (aiosmtpd, STARTTLS) on 127.0.0.1."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer

from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from medborgardialog.settings import Settings
from storage import subscriptions
from storage.notices import owed_count
from storage.walks import get_walk, merge_point, set_point_status
from tests.fake_clock import FakeClock
from tests.live_server import free_port
from tests.mail_server import MailServer
from tests.notice_helpers import rows
from tests.waiting import until
from tests.walk_support import make_walk, point


@pytest.fixture
async def served(tmp_path):
    with MailServer(tmp_path) as smtp:
        port = free_port()
        env = smtp.notice_env(port)
        settings = Settings.from_env(env=env, db=tmp_path / "web.db", secret_file=tmp_path / "s")
        parts = assemble(settings)
        parts.clock = FakeClock(time.time())
        async with TestClient(TestServer(build_app(parts), port=port)) as client:
            walk, key = await parts.store.write(lambda db: make_walk(db, published=True))
            yield client, smtp.mailbox, parts, walk, key


def text_of(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def contact(email: str = "anna@example.se", **more) -> dict:
    return {"email": email, "consent": True, **more}


async def post(client, walk, key, body, lang: str = "sv"):
    return await client.post(
        f"/api/v1/walks/{walk.id}/points?lang={lang}", json=body, headers={"X-Walk-Key": key}
    )


async def decide(parts, walk, point_id: str, status: str, reason: str | None = None) -> None:
    await parts.store.write(
        lambda db: set_point_status(
            db, get_walk(db, walk.id), point_id, status, responsible="kommunen", reason=reason,
            actor="kim", now=parts.clock.now(),
        )
    )  # fmt: skip


async def test_a_fixed_place_is_told_once_and_the_address_is_deleted(served):
    client, mailbox, parts, walk, key = served
    db = parts.settings.db
    body = point(contact=contact(locale="en"))
    assert 201 == (await post(client, walk, key, body)).status
    assert 200 == (await post(client, walk, key, body)).status  # a resend keeps one
    [(sealed, channel, locale, watched)] = rows(
        db, "SELECT contact, channel, locale, point FROM subscriptions"
    )
    assert b"anna@example.se" not in sealed  # kept only encrypted
    assert ("email", "en", body["id"]) == (channel, locale, watched)

    await decide(parts, walk, body["id"], "planned")
    assert 0 == await parts.store.read(owed_count)  # planned is not what was asked for
    await decide(parts, walk, body["id"], "fixed")
    mail = await mailbox.wait(1)
    assert "anna@example.se" == mail["To"]
    assert "News about the place you marked" == mail["Subject"]
    assert "A place you marked (lighting) has been fixed." in text_of(mail)
    assert f"/p/demo/walks/{walk.id}" in text_of(mail)
    await until(lambda: [] == rows(db, "SELECT id FROM subscriptions"), what="the address to go")
    assert [] == rows(db, "SELECT id FROM notices")
    # Deciding again tells nobody: the address is gone.
    await decide(parts, walk, body["id"], "rejected", "Privat mark")
    assert 0 == await parts.store.read(owed_count)
    assert 1 == len(mailbox.mails)


async def test_a_rejected_place_is_told_with_its_reason(served):
    client, mailbox, parts, walk, key = served
    body = point(category="vegetation", contact=contact("bo@example.se"))
    assert 201 == (await post(client, walk, key, body)).status
    await decide(parts, walk, body["id"], "rejected", "Buskarna står på privat mark")
    mail = await mailbox.wait(1)
    assert "Nytt om platsen du markerade" == mail["Subject"]
    text = text_of(mail)
    assert "En plats du markerade (buskage och sikt) kommer inte att åtgärdas." in text
    assert "Skäl: Buskarna står på privat mark" in text


async def test_a_merged_duplicate_passes_its_subscriber_on(served):
    client, mailbox, parts, walk, key = served
    first, duplicate = point(), point(contact=contact("cy@example.se"))
    for body in (first, duplicate):
        assert 201 == (await post(client, walk, key, body)).status
    await parts.store.write(
        lambda db: merge_point(
            db, get_walk(db, walk.id), duplicate["id"], first["id"], actor="kim",
            now=parts.clock.now(),
        )
    )  # fmt: skip
    [(watched,)] = rows(parts.settings.db, "SELECT point FROM subscriptions")
    assert first["id"] == watched
    await decide(parts, walk, first["id"], "fixed")
    assert "cy@example.se" == (await mailbox.wait(1))["To"]


async def test_merged_into_a_place_already_fixed_is_told_at_once(served):
    client, mailbox, parts, walk, key = served
    fixed, duplicate = point(), point(contact=contact("dag@example.se"))
    assert 201 == (await post(client, walk, key, fixed)).status
    await decide(parts, walk, fixed["id"], "fixed")
    assert 201 == (await post(client, walk, key, duplicate)).status
    await parts.store.write(
        lambda db: merge_point(
            db, get_walk(db, walk.id), duplicate["id"], fixed["id"], actor="kim",
            now=parts.clock.now(),
        )
    )  # fmt: skip
    mail = await mailbox.wait(1)
    assert "dag@example.se" == mail["To"] and "är åtgärdad" in text_of(mail)


@pytest.mark.parametrize(
    ("given", "code", "message"),
    [
        (contact("anna@"), "contact.email_invalid", "Enter an e-mail address"),
        ({"email": "anna@example.se"}, "contact.consent_missing", "Tick that you want"),
        ("anna@example.se", "contact.invalid", "could not be read"),
    ],
)
async def test_a_bad_contact_is_refused_in_the_participants_language(served, given, code, message):
    client, _mailbox, parts, walk, key = served
    response = await post(client, walk, key, point(contact=given), lang="en")
    assert 422 == response.status
    found = await response.json()
    assert code == found["error"]
    assert message in found["message"]
    assert [] == rows(parts.settings.db, "SELECT id FROM walk_points")
    assert [] == rows(parts.settings.db, "SELECT id FROM subscriptions")


async def test_an_address_never_told_is_deleted_a_year_after_the_opt_in(served):
    client, _mailbox, parts, walk, key = served
    assert 201 == (await post(client, walk, key, point(contact=contact()))).status
    now = parts.clock.now()
    kept = await parts.store.write(subscriptions.expire, now + timedelta(days=364), 90)
    gone = await parts.store.write(subscriptions.expire, now + timedelta(days=366), 90)
    assert (0, 1) == (kept, gone)
