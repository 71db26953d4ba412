"""Publishing a safety walk is a cycle event: the subscribers of its activity's areas are
owed a notice, which says a walk was published and links to it; others are not."""

from __future__ import annotations

from datetime import UTC, datetime

from locales import Catalogs
from storage import subscriptions
from storage.contacts import ContactBox
from storage.walks import get_walk, set_published
from survey.promises.notice_text import NoticeItem, item_line
from tests.walk_support import make_walk

NOW = datetime(2026, 11, 21, 9, tzinfo=UTC)
BOX = ContactBox(b"k" * 32)


def subscribe(db, contact: str, areas: tuple[str, ...]) -> int:
    new = subscriptions.NewSubscription(
        "email", BOX.seal(contact), BOX.key("email", contact), "demo", areas, "sv", "web",
        "test", confirmed=True,
    )  # fmt: skip
    return subscriptions.subscribe(db, new, NOW)


def test_a_published_walk_is_owed_to_the_subscribers_of_its_activitys_areas(store):
    def scenario(db):
        anna = subscribe(db, "anna@example.se", ("unsafe-places", "traffic"))
        subscribe(db, "bo@example.se", ("drugs-alcohol",))
        walk, _ = make_walk(db)
        assert set_published(db, get_walk(db, walk.id), True, actor="kim", now=NOW)
        owed = db.execute(
            "SELECT n.subscription, e.kind, e.detail FROM notices n"
            " JOIN cycle_events e ON e.id = n.event WHERE e.kind = 'walk_published'"
        ).fetchall()
        return anna, walk, owed

    anna, walk, owed = store.call(scenario, write=True)
    [(subscription, kind, detail)] = owed
    assert (anna, "walk_published") == (subscription, kind)
    assert f"/p/demo/walks/{walk.id}" in detail


def test_the_notice_says_a_walk_was_published_in_every_language(store):
    walk, _ = store.call(make_walk, write=True)
    item = NoticeItem(
        "walk_published",
        {"title": {"sv": "Tryggare centrum"}, "text": {"sv": f"{walk.title}, 2026-11-20"}},
    )
    catalogs = Catalogs.load()
    line = item_line(item, "sv", catalogs.get("sv").gettext)
    assert "Tryggare centrum: En trygghetsvandring är publicerad" in line
    assert "Kvällsvandring i centrum, 2026-11-20" in line
    english = item_line(item, "en", catalogs.get("en").gettext)
    assert "safety walk" in english.lower()
