"""The outbox: which subscribers an event owes a notice, written in the event's transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from locales import Catalogs
from medborgardialog.notice_sender import NoticeSender
from storage import notices, subscriptions
from storage.contacts import ContactBox
from storage.events import CycleEvent, record_event
from storage.notice_preview import preview_notices
from storage.promises import record_due_publications, save_promise
from tests.notice_helpers import activity_moved, followup
from tests.promise_support import samples

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
BOX = ContactBox(b"k" * 32)


def add(db, contact: str, areas: tuple[str, ...], confirmed: bool = True, campaign="demo") -> int:
    new = subscriptions.NewSubscription(
        "email", BOX.seal(contact), BOX.key("email", contact), campaign, areas, "sv", "web",
        "test", confirmed=confirmed,
    )  # fmt: skip
    return subscriptions.subscribe(db, new, NOW)


def call(store, fn, *args):
    return store.call(fn, *args, write=True)


def test_an_activity_event_owes_notices_only_to_its_areas(store):
    def scenario(db):
        anna = add(db, "anna@example.se", ("unsafe-places", "traffic"))
        add(db, "bo@example.se", ("drugs-alcohol",))
        add(db, "unconfirmed@example.se", ("unsafe-places",), confirmed=False)
        add(db, "other@example.se", ("unsafe-places",), campaign="karlstad-2016")
        record_event(db, activity_moved(("unsafe-places",)), NOW)
        owed = db.execute("SELECT subscription FROM notices").fetchall()
        return anna, [row[0] for row in owed]

    anna, owed = call(store, scenario)
    assert [anna] == owed


def test_a_failing_change_leaves_no_notice_behind(store):
    def failing(db):
        add(db, "anna@example.se", ("unsafe-places",))

    call(store, failing)

    def change_that_fails(db):
        record_event(db, activity_moved(("unsafe-places",)), NOW)
        raise RuntimeError("the promise change itself failed")

    with pytest.raises(RuntimeError):
        call(store, change_that_fails)
    assert 0 == store.call(notices.owed_count)


def test_the_digest_waits_and_then_groups(store):
    call(store, lambda db: add(db, "anna@example.se", ("unsafe-places",)))
    call(store, record_event, activity_moved(("unsafe-places",)), NOW)
    day = timedelta(days=1)

    def claim(at):
        return call(store, lambda db: notices.claim_due(db, ["email"], at, digest=day, lease=day))

    [first] = claim(NOW)
    call(store, notices.mark_sent, [notices.Delivered(first.subscription, first.notices, NOW)])
    call(store, record_event, activity_moved(("unsafe-places",), "done"), NOW + timedelta(hours=1))
    call(store, record_event, followup(), NOW + timedelta(hours=2))
    assert [] == claim(NOW + timedelta(hours=3))  # told within the day: waits
    [grouped] = claim(NOW + day)
    assert ["activity_status", "followup_published"] == [i.kind for i in grouped.items]


def test_subscriptions_expire(store):
    call(store, lambda db: add(db, "late@example.se", ("unsafe-places",), confirmed=False))
    call(store, lambda db: add(db, "anna@example.se", ("unsafe-places",)))
    assert 1 == call(store, subscriptions.expire, NOW + timedelta(hours=49), 90)
    call(store, record_event, followup(), NOW)
    assert 0 == call(store, subscriptions.expire, NOW + timedelta(days=89), 90)
    assert 1 == call(store, subscriptions.expire, NOW + timedelta(days=90), 90)


def test_a_subscription_ends_a_year_after_the_promise_at_the_latest(store):
    sid = call(store, lambda db: add(db, "anna@example.se", ("unsafe-places",)))
    event = CycleEvent(
        "promise_published", campaign="demo", promise="demo-2025",
        detail={"valid_until": "2027-12-31"},
    )  # fmt: skip
    call(store, record_event, event, NOW)
    row = store.call(subscriptions.get, sid)
    assert row["expires_at"].startswith("2028-12-30")
    assert "demo-2025" == row["promise"]


def test_staff_preview_counts_and_shows_every_language(store):
    call(store, lambda db: add(db, "anna@example.se", ("unsafe-places",)))
    call(store, lambda db: add(db, "bo@example.se", ("traffic",)))
    catalogs = Catalogs.load()
    count, texts = store.call(
        lambda db: preview_notices(db, activity_moved(("traffic",)), catalogs, now=NOW)
    )
    assert 1 == count
    assert set(catalogs.languages) == set(texts)
    assert "Trygghetsvandringar i centrum" in texts["sv"]
    assert "Safety walks in the centre" in texts["en"]
    assert 0 == store.call(notices.owed_count)  # a preview records nothing


def test_notice_settings_from_the_environment():
    from medborgardialog.settings import Settings

    env = {"MEDBORGARDIALOG_NOTICE_DIGEST": "6h", "MEDBORGARDIALOG_NOTICE_GRACE_DAYS": "30"}
    settings = Settings.from_env(env=env, db="x.db")
    assert (21_600, 30) == (settings.notice_digest_seconds, settings.notice_grace_days)
    assert 0 == Settings.from_env(env={"MEDBORGARDIALOG_NOTICE_DIGEST": "0"}).notice_digest_seconds
    assert 86_400 == Settings.from_env(env={}).notice_digest_seconds
    assert (None, None) == (Settings.from_env(env={}).smtp_url, Settings.from_env(env={}).mail_from)
    with pytest.raises(ValueError):
        Settings.from_env(env={"MEDBORGARDIALOG_NOTICE_DIGEST": "soon"})


def test_the_bots_earlier_consents_move_into_subscriptions(tmp_path, campaigns):
    from storage.connection import connect, immediate
    from storage.migrations import migrate, migrations
    from storage.responses import set_followup_consent

    db = connect(tmp_path / "old.db")
    with immediate(db):
        migrations.apply(db, stop_before="m008_subscriptions")
        db.execute(  # the campaign's row as the schema of then had it
            "INSERT INTO campaigns (id, definition, updated_at) VALUES ('demo', '{}', '')"
        )
        for number, consent in ((1, True), (2, False)):
            db.execute(  # the bot's answer as the schema of then had it
                "INSERT INTO responses (id, campaign, channel, locale, participant, areas, "
                "fingerprint, submitted_at, updated_at) VALUES (?, 'demo', 'telegram', 'fi', ?, "
                "?, ?, '', '')",
                [
                    f"00000000-0000-4000-8000-00000000000{number}",
                    f"p{number}",
                    '["traffic", "unsafe-places", "drugs-alcohol"]',
                    f"fingerprint-{number}",
                ],
            )
            set_followup_consent(db, "demo", f"p{number}", consent)
    migrate(db)
    moved = list(
        db.query("SELECT channel, contact, areas, locale, consent_text FROM subscriptions")
    )
    assert [
        {"channel": "telegram", "contact": None, "locale": "fi", "consent_text": "bot-followup-0",
         "areas": '["traffic", "unsafe-places", "drugs-alcohol"]'}
    ] == moved  # fmt: skip
    assert [0, 0] == [row[0] for row in db.execute("SELECT followup_consent FROM responses")]
    db.conn.close()


def test_a_promise_with_its_publishing_day_ahead_is_announced_once_that_day_comes(store):
    demo = replace(samples()["demo"], published=NOW.date() + timedelta(days=2))

    def saved(db):
        add(db, "anna@example.se", ("unsafe-places",), campaign=demo.campaign)
        save_promise(db, demo, actor="test", now=NOW)

    call(store, saved)
    announced = "SELECT count(*) FROM cycle_events WHERE kind = 'promise_published'"
    assert [(0,)] == store.call(lambda db: db.execute(announced).fetchall())
    day = NOW + timedelta(days=1)
    assert 0 == call(store, record_due_publications, day.date(), day)  # not yet
    day = NOW + timedelta(days=2)
    assert 1 == call(store, record_due_publications, day.date(), day)
    assert 1 == store.call(notices.owed_count)
    assert 0 == call(store, record_due_publications, day.date(), day)  # once


async def test_the_sender_announces_a_promise_on_its_publishing_day(store, catalogs):
    demo = replace(samples()["demo"], published=NOW.date() + timedelta(days=1))
    call(store, lambda db: save_promise(db, demo, actor="test", now=NOW))
    day = [NOW]
    sender = NoticeSender(store, b"k" * 32, catalogs, {}, clock=lambda: day[0])
    kinds = "SELECT kind, promise FROM cycle_events"
    await sender.deliver_due()
    assert [] == store.call(lambda db: db.execute(kinds).fetchall())
    day[0] = NOW + timedelta(days=1)
    await sender.deliver_due()
    day[0] += timedelta(hours=1)
    await sender.deliver_due()
    assert [("promise_published", "demo")] == store.call(lambda db: db.execute(kinds).fetchall())


def test_a_promise_public_long_before_it_was_first_seen_is_not_announced(store):
    filipstad = samples()["filipstad-2017"]
    call(store, lambda db: save_promise(db, filipstad, actor="test", now=NOW))
    call(store, lambda db: db.execute("DELETE FROM cycle_events"))  # a database from before
    assert 0 == call(store, record_due_publications, NOW.date(), NOW)
