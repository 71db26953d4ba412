"""The shared store: idempotent by UUID, one answer per participant, drafts, the tally."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import sqlite3
import threading
import uuid

from sqlite_utils import Database

from storage import Outcome, open_database
from storage.connection import connect, immediate
from storage.drafts import write_drafts
from storage.migrations import migrations
from storage.moderation import CommentFilter, list_comments
from storage.responses import count_tally, save_response
from storage.result_breakdowns import background_counts
from survey import Response
from tests.waiting import until

AREAS = ("violence-public", "unsafe-places", "traffic")


def response(**changes) -> Response:
    base = Response(
        id=str(uuid.uuid4()),
        campaign="demo",
        channel="web",
        locale="sv",
        areas=AREAS,
        comment="Mer belysning",
        answers={"age": "20-34"},
    )
    return dataclasses.replace(base, **changes)


async def count(store) -> int:
    return await store.read(
        lambda db: db.conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    )


async def test_the_same_uuid_twice_is_one_row(store):
    answer = response()
    assert Outcome.CREATED == await store.save_response(answer)
    assert Outcome.ALREADY_STORED == await store.save_response(answer)
    assert 1 == await count(store)


async def test_the_same_uuid_with_other_content_is_a_conflict(store):
    answer = response()
    await store.save_response(answer)
    assert Outcome.CONFLICT == await store.save_response(dataclasses.replace(answer, comment="X"))
    stored = await store.get_response(answer.id)
    assert "Mer belysning" == stored.comment


async def test_a_stored_response_reads_back(store):
    answer = response(source="mitt-i-city", channel="kiosk")
    await store.save_response(answer)
    stored = await store.get_response(answer.id)
    assert (AREAS, {"age": "20-34"}, "mitt-i-city") == (stored.areas, stored.answers, stored.source)
    assert stored.submitted_at.endswith("Z")


async def test_a_participant_changes_their_answer_in_place(store, campaigns):
    first = response(channel="telegram", participant="p" * 64, comment=None)
    await store.save_response(first)
    changed = response(
        channel="telegram",
        participant="p" * 64,
        areas=("traffic", "social-unrest", "unsafe-places"),
    )
    assert Outcome.CONFLICT == await store.save_response(changed)
    assert Outcome.REPLACED == await store.save_response(changed, replace=True)
    mine = await store.response_for_participant("demo", "p" * 64)
    assert (first.id, changed.areas) == (mine.id, mine.areas)
    assert 1 == await count(store)
    tally = await store.tally(campaigns["demo"])
    assert {area: 1 for area in changed.areas} == {c.area: c.votes for c in tally.areas if c.votes}


async def test_drafts_are_kept_replaced_and_deleted(store):
    for step in ("intro", "areas"):
        rows = {"r" * 64: ("demo", f'{{"step": "{step}"}}')}
        await store.write(write_drafts, "telegram", rows)
    assert '{"step": "areas"}' == await store.get_draft("telegram", "r" * 64)
    await store.write(write_drafts, "telegram", {"r" * 64: ("demo", None)})
    assert await store.get_draft("telegram", "r" * 64) is None


async def test_concurrent_answers_are_all_stored_and_tallied(store, campaigns):
    answers = [response(comment=None if n % 2 else f"c{n}") for n in range(300)]
    outcomes = await asyncio.gather(*(store.save_response(a) for a in answers))
    assert {Outcome.CREATED} == set(outcomes)
    result = await store.tally(campaigns["demo"])
    assert (300, 150) == (result.participants, result.comments)
    assert {"violence-public": 300, "unsafe-places": 300, "traffic": 300} == {
        c.area: c.votes for c in result.areas if c.votes
    }


async def test_background_answers_are_counted_per_option_and_by_the_areas_chosen(store, campaigns):
    young = response(answers={"age": "20-34", "district": "norrstrand"})
    other_order = response(answers={"district": "norrstrand", "age": "20-34"})
    older = response(
        areas=("traffic", "drugs-alcohol", "theft-burglary"), answers={"age": "65-plus"}
    )
    for answer in (young, other_order, older, response(answers={})):
        await store.save_response(answer)
    age, district, *_topic = await store.read(background_counts, campaigns["demo"])
    assert (3, {"20-34": 2, "65-plus": 1}) == (age.answered, age.options)
    assert {
        "20-34": dict.fromkeys(AREAS, 2),
        "65-plus": {"traffic": 1, "drugs-alcohol": 1, "theft-burglary": 1},
    } == age.areas_by_option
    assert (2, {"norrstrand": dict.fromkeys(AREAS, 2)}) == (
        district.answered,
        district.areas_by_option,
    )


async def test_comments_are_filtered_by_an_area_chosen(store):
    about_traffic = response(comment="Fartkameror")
    elsewhere = response(areas=("graffiti-vandalism", "unsafe-places", "social-unrest"))
    for answer in (about_traffic, elsewhere):
        await store.save_response(answer)
    found = await store.read(list_comments, "demo", CommentFilter(area="traffic"))
    assert ["Fartkameror"] == [comment.text for comment in found]


def test_a_database_from_before_the_choice_index_keeps_its_counts(tmp_path, campaigns):
    db = connect(tmp_path / "earlier.db")
    with immediate(db):
        migrations.apply(db, stop_before="m003_choices_in_responses")
        db.execute(  # the campaign's row as the first schema had it
            "INSERT INTO campaigns (id, definition, updated_at) VALUES ('demo', '{}', '')"
        )
        for areas in (AREAS, AREAS[::-1]):
            insert_as_before(db, response(areas=areas))
    db.conn.close()
    db = open_database(tmp_path / "earlier.db")
    assert not {"response_areas", "response_answers"} & set(db.table_names())
    tally = count_tally(db, campaigns["demo"])
    assert dict.fromkeys(AREAS, 2) == {c.area: c.votes for c in tally.areas if c.votes}
    db.conn.close()


def insert_as_before(
    db,
    answer: Response,
    submitted_at: str = "2024-03-01T11:00:00.000000Z",
    fingerprint: str | None = None,
):
    """A row as the first schema wrote it (the code of today writes more columns)."""
    db.execute(
        "INSERT INTO responses (id, campaign, channel, source, locale, areas, comment, answers, "
        "fingerprint, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            answer.id,
            answer.campaign,
            answer.channel,
            answer.source,
            answer.locale,
            json.dumps(list(answer.areas)),
            answer.comment,
            json.dumps(dict(answer.answers)),
            fingerprint or fingerprint_before_m016(answer),
            submitted_at,
            submitted_at,
        ],
    )


def fingerprint_before_m011(answer: Response) -> str:
    """The fingerprint as it was made before `m011_cheaper_fingerprints`."""
    content = {
        "campaign": answer.campaign,
        "channel": answer.channel,
        "source": answer.source,
        "locale": answer.locale,
        "areas": list(answer.areas),
        "comment": answer.comment,
        "answers": dict(sorted(answer.answers.items())),
    }
    raw = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def stored_before(tmp_path, migration: str, answer: Response, fingerprint) -> Database:
    """A database with `answer` stored as it was before `migration`, with its `fingerprint`
    of then; opened by the code of today (which migrates it)."""
    db = connect(tmp_path / "earlier.db")
    with immediate(db):
        migrations.apply(db, stop_before=migration)
        db.execute("INSERT INTO campaigns (id, definition, updated_at) VALUES ('demo', '{}', '')")
        insert_as_before(db, answer, fingerprint=fingerprint(answer))
    db.conn.close()
    return open_database(tmp_path / "earlier.db")


def test_an_answer_stored_before_the_cheaper_fingerprints_is_known_when_resent(tmp_path):
    first = response(answers={"district": "norrstrand", "age": "20-34"}, comment="Ljus, tack")
    db = stored_before(tmp_path, "m011_cheaper_fingerprints", first, fingerprint_before_m011)
    with immediate(db):
        assert Outcome.ALREADY_STORED == save_response(db, first)
        assert Outcome.CONFLICT == save_response(db, dataclasses.replace(first, comment="Annat"))
    (answers,) = db.conn.execute("SELECT answers FROM responses").fetchone()
    assert '{"age":"20-34","district":"norrstrand"}' == answers  # keys sorted, compact: now
    db.conn.close()


def fingerprint_before_m016(answer: Response) -> str:
    """The fingerprint `m011_cheaper_fingerprints` made, until `m016_answers_known_by_content`."""
    answers = json.dumps(dict(answer.answers), ensure_ascii=False, sort_keys=True)
    parts = (answer.campaign, answer.channel, answer.source, answer.locale,
             json.dumps(list(answer.areas)), answer.comment, answers)  # fmt: skip
    text = "".join(["~" if part is None else f"{len(part)}:{part}" for part in parts])
    return hashlib.sha256(text.encode()).hexdigest()


def test_an_answer_with_places_stored_with_a_fingerprint_is_known_when_resent(tmp_path):
    places = [{"lat": 59.380106, "lon": 13.504901, "option": "lighting", "note": "Mörkt"},
              {"zone": "centrum"}]  # fmt: skip
    first = response(answers={"where": places, "age": "20-34"})
    db = stored_before(tmp_path, "m016_answers_known_by_content", first, fingerprint_before_m016)
    assert "fingerprint" not in db["responses"].columns_dict
    with immediate(db):
        assert Outcome.ALREADY_STORED == save_response(db, first)
        changed = [{**places[0], "lat": 59.380555}, places[1]]
        assert Outcome.CONFLICT == save_response(
            db, dataclasses.replace(first, answers={"where": changed, "age": "20-34"})
        )
        for other in ({"comment": "Annat"}, {"source": "torget"}, {"areas": AREAS[::-1]}):
            assert Outcome.CONFLICT == save_response(db, dataclasses.replace(first, **other))
        # When and how it came is not content: a resend late, or in Lättläst, is a resend.
        later = dataclasses.replace(first, late=True, easy_read=True, signal="x")
        assert Outcome.ALREADY_STORED == save_response(db, later)
    (answers,) = db.conn.execute("SELECT answers FROM responses").fetchone()
    assert answers == (
        '{"age":"20-34","where":[{"lat":59.380106,"lon":13.504901,"note":"Mörkt",'
        '"option":"lighting"},{"zone":"centrum"}]}'
    )
    assert json.loads(answers) == first.answers
    db.conn.close()


def test_a_paper_answer_from_before_paper_dates_keeps_its_day(tmp_path, campaigns):
    db = connect(tmp_path / "earlier.db")
    with immediate(db):
        migrations.apply(db, stop_before="m005_when_given")
        db.execute(  # the campaign's row as the first schema had it
            "INSERT INTO campaigns (id, definition, updated_at) VALUES ('demo', '{}', '')"
        )
        insert_as_before(db, response(channel="paper", source="Workshop"))
        insert_as_before(db, response(channel="web"))
    db.conn.close()
    db = open_database(tmp_path / "earlier.db")
    rows = db.conn.execute("SELECT channel, paper_date, late FROM responses ORDER BY seq")
    assert [("paper", "2024-03-01", 0), ("web", None, 0)] == rows.fetchall()
    db.conn.close()


async def test_one_failing_write_does_not_undo_the_others(store):
    def broken(db):
        db.conn.execute("INSERT INTO audit (at, actor, action) VALUES ('now', 'x', 'y')")
        raise RuntimeError("boom")

    good = response()
    results = await asyncio.gather(
        store.write(broken), store.save_response(good), return_exceptions=True
    )
    assert isinstance(results[0], RuntimeError)
    assert Outcome.CREATED == results[1]
    assert 0 == await store.read(
        lambda db: db.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    )
    assert await store.get_response(good.id) is not None


async def in_one_batch(store, *saves):
    """Run the saves as one batch of the database thread: queued while it is kept busy."""
    held, gate = threading.Event(), threading.Event()

    def hold(db) -> None:
        held.set()
        gate.wait(10)

    busy = asyncio.ensure_future(store.write(hold))
    await until(held.is_set, what="the database thread to be busy")
    waiting = [asyncio.ensure_future(save) for save in saves]
    await until(lambda: len(saves) == queued(store), what="the saves to be queued")
    gate.set()
    await busy
    return await asyncio.gather(*waiting)


def queued(store) -> int:
    """How many calls wait for the database thread."""
    return store._worker._queue.qsize()


async def test_answers_committed_together_get_the_outcomes_of_one_by_one(store, campaigns):
    earlier, new, mine = response(), response(), response(channel="telegram", participant="s" * 64)
    await store.save_response(earlier)
    outcomes = await in_one_batch(
        store,
        store.save_response(new),
        store.save_response(new),
        store.save_response(dataclasses.replace(new, comment="Annat")),
        store.save_response(earlier),
        store.save_response(mine),
        store.save_response(response(channel="telegram", participant="s" * 64, comment="Ny")),
    )
    assert [
        Outcome.CREATED,
        Outcome.ALREADY_STORED,
        Outcome.CONFLICT,
        Outcome.ALREADY_STORED,
        Outcome.CREATED,
        Outcome.CONFLICT,
    ] == outcomes
    assert 3 == await count(store)
    tally = await store.tally(campaigns["demo"])
    assert (3, 9) == (tally.participants, sum(c.votes for c in tally.areas))
    assert "Mer belysning" == (await store.get_response(new.id)).comment


async def test_a_batch_of_only_resends_and_conflicts_creates_nothing(store):
    earlier = response()
    await store.save_response(earlier)
    outcomes = await in_one_batch(
        store,
        store.save_response(earlier),
        store.save_response(dataclasses.replace(earlier, comment="Annat")),
        store.save_response(earlier),
    )
    assert [Outcome.ALREADY_STORED, Outcome.CONFLICT, Outcome.ALREADY_STORED] == outcomes
    assert 1 == await count(store)


def test_opening_waits_while_another_process_creating_the_file_holds_its_lock(tmp_path):
    path = tmp_path / "new.db"
    creator = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    creator.execute("CREATE TABLE first (x)")
    creator.execute("BEGIN IMMEDIATE")  # SQLite refuses a switch to WAL at once meanwhile
    threading.Timer(0.3, creator.execute, ("COMMIT",)).start()
    db = connect(path)
    assert "wal" == db.conn.execute("PRAGMA journal_mode").fetchone()[0]
    db.conn.close()
    creator.close()


async def test_the_database_is_durable_and_in_wal_mode(store):
    mode, sync, fks = await store.read(
        lambda db: (
            db.conn.execute("PRAGMA journal_mode").fetchone()[0],
            db.conn.execute("PRAGMA synchronous").fetchone()[0],
            db.conn.execute("PRAGMA foreign_keys").fetchone()[0],
        )
    )
    assert ("wal", 2, 1) == (mode, sync, fks)
