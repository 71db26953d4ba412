"""`promises check` and `promises import` as an operator runs them, and `staff add --party`."""

from __future__ import annotations

import json
import sqlite3

import pytest

from promises import SAMPLE_DIR
from tests.test_cli import run

pytestmark = pytest.mark.process

FILIPSTAD = (SAMPLE_DIR / "filipstad-2017.toml").read_text(encoding="utf-8")


def rows(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_check_lists_the_sample_promises():
    result = run("promises", "check")
    assert 0 == result.returncode, result.stderr
    assert "filipstad-2017: ok (4 activities, parties polisen, kommunen" in result.stdout
    assert "demo: ok" in result.stdout


def test_check_names_the_file_key_and_problem(tmp_path):
    (tmp_path / "bad.toml").write_text(FILIPSTAD.replace('status = "planned"', 'status = "x"', 1))
    result = run("promises", "check", str(tmp_path))
    assert 1 == result.returncode
    assert "bad.toml: activities[0].status: must be one of" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_is_idempotent_and_a_changed_file_records_updates_and_events(tmp_path):
    db = tmp_path / "m.db"
    path = tmp_path / "filipstad-2017.toml"
    path.write_text(FILIPSTAD, encoding="utf-8")
    first = run("promises", "import", str(path), "--db", str(db))
    assert 0 == first.returncode, first.stderr
    assert "filipstad-2017: imported" in first.stdout
    assert (
        "filipstad-2017: unchanged" in run("promises", "import", str(path), "--db", str(db)).stdout
    )
    assert [("promise_published",)] == rows(db, "SELECT kind FROM cycle_events")

    changed = FILIPSTAD.replace(
        'areas = ["unsafe-town-centre"]\nstatus = "planned"',
        'areas = ["unsafe-town-centre"]\nstatus = "done"\n'
        '[[activities.updates]]\ndate = 2017-10-05\nstatus = "done"\n'
        'text = { sv = "Två vandringar är gjorda.", en = "Two walks done.", '
        'ar = "أُنجزت جولتان.", fi = "Kaksi kävelyä tehty." }',
        1,
    )
    path.write_text(changed, encoding="utf-8")
    second = run("promises", "import", str(path), "--db", str(db))
    assert 0 == second.returncode, second.stderr
    assert "updated (revision 2, 1 new updates, 1 events)" in second.stdout
    events = rows(db, "SELECT kind, campaign, promise, activity, areas, detail FROM cycle_events")
    kind, campaign, promise, activity, areas, detail = events[-1]
    assert ("activity_status", "filipstad-2016", "filipstad-2017", "trygghetsvandringar") == (
        kind,
        campaign,
        promise,
        activity,
    )
    assert ["unsafe-town-centre"] == json.loads(areas)
    assert {"status": "done", "previous_status": "planned"}.items() <= json.loads(detail).items()
    assert "Två vandringar är gjorda." == json.loads(detail)["text"]["sv"]
    assert [("done",)] == rows(
        db, "SELECT status FROM promise_activities WHERE id = 'trygghetsvandringar'"
    )
    assert "unchanged" in run("promises", "import", str(path), "--db", str(db)).stdout
    actions = [a for (a,) in rows(db, "SELECT action FROM audit ORDER BY id")]
    assert ["promise.create", "promise.import"] == actions


def test_a_file_without_published_is_a_draft(tmp_path):
    db = tmp_path / "m.db"
    path = tmp_path / "draft.toml"
    path.write_text(FILIPSTAD.replace("published = 2017-01-01\n", ""), encoding="utf-8")
    assert 0 == run("promises", "import", str(path), "--db", str(db)).returncode
    assert [(None,)] == rows(db, "SELECT published_on FROM promises")
    assert [] == rows(db, "SELECT kind FROM cycle_events")


def test_staff_add_with_a_party(tmp_path):
    db = tmp_path / "m.db"
    result = run(
        "staff",
        "add",
        "anna",
        "--party",
        "polisen",
        "--password-stdin",
        "--db",
        str(db),
        stdin="long enough password\n",
    )
    assert 0 == result.returncode, result.stderr
    assert [("anna", "polisen")] == rows(db, "SELECT username, party FROM staff")
    bad = run(
        "staff",
        "add",
        "bo",
        "--party",
        "Polisen!",
        "--password-stdin",
        "--db",
        str(db),
        stdin="long enough password\n",
    )
    assert 1 == bad.returncode and "is not a party id" in bad.stderr
