"""The analyst copy as an analyst gets it: `export --format sqlite` writes a database for
Datasette with labels in the export's language and a tally view, and metadata.json beside
it; no staff table, session, secret or pseudonym, and only approved comments, redacted."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import Store
from storage.campaigns import register_campaigns
from storage.moderation import moderate
from storage.responses import save_response
from storage.sample_data import add_sample_data
from storage.staff import add_staff, audit, hash_password
from survey import Response
from tests.cli_process import run_cli

pytestmark = pytest.mark.process

STAFF_TABLES = {"staff", "staff_sessions", "audit", "kiosk_keys", "drafts", "health_probe"}


@pytest.fixture
def db(tmp_path: Path, campaigns) -> Path:
    path = tmp_path / "dialog.db"
    store = Store(path)

    def seed(db):
        register_campaigns(db, list(campaigns.values()))
        add_staff(db, "ada", hash_password("correct horse battery"), "admin")
        audit(db, "ada", "login")
        answers = [
            ("web", ("traffic", "unsafe-places", "drugs-alcohol"), "Ring 070-123 45 67, Nobelplan"),
            ("telegram", ("traffic", "violence-public", "social-unrest"), "Hemligt klagomål"),
            ("kiosk", ("traffic", "unsafe-places", "violence-public"), None),
        ]
        for n, (channel, areas, comment) in enumerate(answers):
            save_response(
                db,
                Response(
                    id=str(uuid.UUID(int=n + 1)),
                    campaign="demo",
                    channel=channel,
                    locale="sv",
                    areas=areas,
                    comment=comment,
                    source="Mitt i City" if channel == "kiosk" else None,
                    participant="ab" * 32 if channel == "telegram" else None,
                    answers={"age": "20-34"},
                ),
            )
        first = str(uuid.UUID(int=1))
        moderate(db, "demo", first, status="approved", redacted=None, tag_ids=[], actor="ada")

    store.call(seed, write=True)
    store.close()
    return path


def export(db: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(
        "export",
        "--db",
        str(db),
        "--campaign",
        "demo",
        "--format",
        "sqlite",
        "--out",
        str(out),
        *args,
    )


def test_the_copy_holds_answers_but_no_staff_tables_or_secrets(db, tmp_path):
    out = tmp_path / "analys.db"
    result = export(db, out, "--lang", "en")
    assert 0 == result.returncode, result.stderr
    with sqlite3.connect(out) as conn:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        views = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='view'")}
        assert {"responses", "areas", "response_areas", "places"} == names  # the demo asks where
        assert {"tally"} == views
        assert not names & STAFF_TABLES
        columns = [c[1] for c in conn.execute("PRAGMA table_info(responses)")]
        assert "participant" not in columns and "fingerprint" not in columns
        rows = conn.execute("SELECT channel, comment, age FROM responses ORDER BY id").fetchall()
        tally = conn.execute("SELECT area, label, votes, share_percent FROM tally").fetchall()
    assert ("Web survey", "Ring […], Nobelplan", "20–34") == rows[0]  # approved, redacted
    assert ("Telegram", None) == rows[1][:2]  # not approved: not handed out
    assert ("traffic", "Traffic offences", 3, 100.0) == tally[0]
    raw = out.read_bytes()
    assert b"argon2" not in raw and b"Hemligt" not in raw and b"abab" not in raw


def test_metadata_for_datasette_in_the_exports_language(db, tmp_path):
    out = tmp_path / "analys.db"
    assert 0 == export(db, out).returncode
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert "Demo: Trygg och säker" == metadata["title"]
    assert {"title", "description", "source", "license", "license_url", "databases"} <= set(
        metadata
    )
    tables = metadata["databases"]["analys"]["tables"]
    assert {"responses", "areas", "response_areas", "places", "tally"} == set(tables)
    assert (
        "När svaret kom in, i dialogens lokala tid"
        == (tables["responses"]["columns"]["submitted_at"])
    )
    assert "Hur gammal är du?" == tables["responses"]["columns"]["age"]


def test_sample_answers_are_marked(db, tmp_path, campaigns):
    store = Store(db)
    store.call(add_sample_data, campaigns["demo"], datetime.now(UTC), write=True)
    store.close()
    out = tmp_path / "analys.db"
    assert 0 == export(db, out).returncode
    with sqlite3.connect(out) as conn:
        counts = dict(conn.execute("SELECT sample, count(*) FROM responses GROUP BY sample"))
    assert 3 == counts[0] and counts[1] >= 300


def test_the_copy_needs_a_file(db):
    result = run_cli("export", "--db", str(db), "--campaign", "demo", "--format", "sqlite")
    assert "medborgardialog: error: an SQLITE export needs --out FILE\n" == result.stderr
