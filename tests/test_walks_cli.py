"""`walks create|status|publish` as an operator runs them, against a server's database."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import uuid

import pytest

from promises import SAMPLE_DIR
from tests.cli_process import run_cli
from tests.walk_support import write_campaign_dir, write_mapless_campaign_dir

pytestmark = pytest.mark.process


def rows(db, sql, args=()):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.fixture
def setup(tmp_path):
    """A database with the demo promise, and a campaign folder whose demo has a map."""
    db = tmp_path / "w.db"
    folder = write_campaign_dir(tmp_path / "campaigns")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDBORGARDIALOG_")}
    imported = run_cli(
        "promises", "import", str(SAMPLE_DIR / "demo.toml"), "--db", str(db),
        "--campaigns", str(folder), env=env,
    )  # fmt: skip
    assert 0 == imported.returncode, imported.stderr
    return db, folder, env


def create(db, folder, env, *extra):
    return run_cli(
        "walks", "create", "--db", str(db), "--campaigns", str(folder), "--promise", "demo",
        "--activity", "trygghetsvandringar", "--date", "2026-03-05",
        "--title", "Kvällsvandring i centrum", *extra, env=env,
    )  # fmt: skip


def test_create_prints_the_id_and_the_participants_link(setup):
    db, folder, env = setup
    result = create(db, folder, {**env, "MEDBORGARDIALOG_PUBLIC_URL": "https://dialog.example"})
    assert 0 == result.returncode, result.stderr
    walk_id, link = result.stdout.split()
    assert link.startswith(f"https://dialog.example/w/{walk_id}/?k=")
    key = link.split("?k=")[1]
    assert len(key) >= 32
    stored = rows(db, "SELECT key_hash, promise, activity, on_date FROM walks")
    assert 1 == len(stored)
    assert key not in str(stored)  # only its hash
    assert ("demo", "trygghetsvandringar", "2026-03-05") == stored[0][1:]
    assert [("walk.create",)] == rows(db, "SELECT action FROM audit WHERE action LIKE 'walk.%'")


def test_create_json_is_one_line(setup):
    db, folder, env = setup
    result = create(db, folder, env, "--json")
    assert 0 == result.returncode, result.stderr
    assert 1 == len(result.stdout.strip().splitlines())
    body = json.loads(result.stdout)
    assert {"id", "key", "link"} == set(body)
    assert f"/w/{body['id']}/?k={body['key']}" == body["link"]


def test_create_refuses_an_unknown_activity_and_a_campaign_without_a_map(setup):
    db, folder, env = setup
    wrong = run_cli(
        "walks", "create", "--db", str(db), "--campaigns", str(folder), "--promise", "demo",
        "--activity", "nosuch", "--date", "2026-03-05", "--title", "X", env=env,
    )  # fmt: skip
    assert 1 == wrong.returncode
    assert "no activity 'nosuch'" in wrong.stderr
    mapless = write_mapless_campaign_dir(folder.parent / "mapless")
    no_map = run_cli(
        "walks", "create", "--db", str(db), "--campaigns", str(mapless), "--promise", "demo",
        "--activity", "trygghetsvandringar", "--date", "2026-03-05", "--title", "X", env=env,
    )  # fmt: skip
    assert 1 == no_map.returncode
    assert "has no [map]" in no_map.stderr
    assert "Traceback" not in no_map.stderr + wrong.stderr


def test_status_and_publish(setup):
    db, folder, env = setup
    walk = json.loads(create(db, folder, env, "--json").stdout)["id"]
    point = str(uuid.uuid4())
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO walk_points (walk, id, lat, lon, category, fingerprint, created_at, "
            "updated_at) VALUES (?, ?, 59.38, 13.505, 'lighting', 'x', 'now', 'now')",
            (walk, point),
        )
    refused = run_cli(
        "walks", "status", walk, point, "--status", "rejected", "--db", str(db), env=env
    )
    assert 1 == refused.returncode
    assert "needs a public reason" in refused.stderr
    assert [("new", None)] == rows(db, "SELECT status, reason FROM walk_points")
    done = run_cli(
        "walks", "status", walk, point, "--status", "rejected", "--responsible", "Trafikverket",
        "--reason", "Vägen är statens", "--db", str(db), env=env,
    )  # fmt: skip
    assert 0 == done.returncode, done.stderr
    assert [("rejected", "Trafikverket", "Vägen är statens")] == rows(
        db, "SELECT status, responsible, reason FROM walk_points"
    )
    fixed = run_cli(
        "walks", "status", walk, point, "--status", "fixed", "--responsible", "kommunen",
        "--db", str(db), env=env,
    )  # fmt: skip
    assert 0 == fixed.returncode, fixed.stderr
    assert [("fixed", "kommunen", None)] == rows(
        db, "SELECT status, responsible, reason FROM walk_points"
    )
    unknown = run_cli("walks", "status", walk, "nosuch", "--status", "fixed", "--db", str(db))
    assert 1 == unknown.returncode and "no point" in unknown.stderr
    published = run_cli("walks", "publish", walk, "--db", str(db), env=env)
    assert 0 == published.returncode, published.stderr
    assert f"{walk}: published" in published.stdout
    assert rows(db, "SELECT published_at FROM walks")[0][0]
    actions = [a for (a,) in rows(db, "SELECT action FROM audit WHERE action LIKE 'walk.%'")]
    assert ["walk.create", "walk.point_status", "walk.point_status", "walk.publish"] == actions


def test_a_new_key_replaces_the_old_one(setup):
    db, folder, env = setup
    first = json.loads(create(db, folder, env, "--json").stdout)
    second = run_cli("walks", "new-key", first["id"], "--db", str(db), "--json", env=env)
    assert 0 == second.returncode, second.stderr
    body = json.loads(second.stdout)
    assert body["key"] != first["key"]
    (stored,) = rows(db, "SELECT key_hash FROM walks")[0]
    assert hashlib.sha256(body["key"].encode()).hexdigest() == stored
