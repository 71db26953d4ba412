"""`medborgardialog export` as an operator runs it: a subprocess writing real files."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from medborgardialog.exporting import _progress_bar
from storage import Store
from storage.campaigns import register_campaigns
from storage.responses import save_response
from survey import Response
from tests.cli_process import run_cli
from tests.export_readers import read_csv, read_xlsx


def run(*args: str) -> subprocess.CompletedProcess:
    return run_cli("export", *args, text=False)


@pytest.fixture
def db(tmp_path: Path, campaigns) -> Path:
    path = tmp_path / "dialog.db"
    store = Store(path)

    def seed(db):
        register_campaigns(db, list(campaigns.values()))
        for n, comment in enumerate(["=1+1", "Mer polis på stan", None]):
            save_response(
                db,
                Response(
                    id=str(uuid.UUID(int=n + 1)),
                    campaign="karlstad-2016",
                    channel="web",
                    locale="sv",
                    areas=("violence-public", "unsafe-places", "drugs-alcohol"),
                    comment=comment,
                ),
            )

    store.call(seed, write=True)
    store.close()
    return path


@pytest.mark.process
def test_csv_for_swedish_excel(db: Path, tmp_path: Path):
    out = tmp_path / "svar.csv"
    result = run(
        "--db", str(db), "--campaign", "karlstad-2016", "--format", "csv", "--out", str(out)
    )
    assert 0 == result.returncode, result.stderr
    rows = read_csv(out.read_bytes())
    assert 4 == len(rows)
    comments = [row[rows[0].index("Synpunkt")] for row in rows[1:]]
    assert ["'=1+1", "Mer polis på stan", ""] == comments
    assert out.read_bytes().count(b"\r\n") == 4


@pytest.mark.process
def test_comma_separated_on_request_to_standard_output(db: Path):
    result = run(
        "--db",
        str(db),
        "--campaign",
        "karlstad-2016",
        "--format",
        "csv",
        "--delimiter",
        "comma",
        "--table",
        "tally",
    )
    assert 0 == result.returncode, result.stderr
    rows = read_csv(result.stdout, ",")
    assert ["1", "violence-public", "Våld i offentlig miljö", "3", "100.0"] == rows[1]


@pytest.mark.process
def test_xlsx_needs_a_file_and_writes_one(db: Path, tmp_path: Path):
    refused = run("--db", str(db), "--campaign", "karlstad-2016", "--format", "xlsx")
    assert 1 == refused.returncode
    assert b"medborgardialog: error: an XLSX export needs --out FILE\n" == refused.stderr
    out = tmp_path / "svar.xlsx"
    result = run(
        "--db", str(db), "--campaign", "karlstad-2016", "--format", "xlsx", "--out", str(out)
    )
    assert 0 == result.returncode, result.stderr
    rows = read_xlsx(out)
    assert "=1+1" == rows[1][rows[0].index("Synpunkt")]  # a text cell, never a formula
    assert 4 == len(rows)


@pytest.mark.process
def test_json_in_the_documented_shape(db: Path, tmp_path: Path):
    out = tmp_path / "svar.json"
    result = run(
        "--db", str(db), "--campaign", "karlstad-2016", "--format", "json", "--out", str(out)
    )
    assert 0 == result.returncode, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"campaign", "participants", "tally", "responses"} == set(data)
    assert 3 == data["participants"] == len(data["responses"])


@pytest.mark.process
def test_published_comments_and_the_audit_log(db: Path):
    result = run(
        "--db",
        str(db),
        "--campaign",
        "karlstad-2016",
        "--format",
        "csv",
        "--table",
        "comments",
        "--published",
        "--machine-names",
    )
    assert 0 == result.returncode, result.stderr
    assert [["date", "areas", "themes", "comment"]] == read_csv(result.stdout)
    with sqlite3.connect(db) as conn:
        logged = conn.execute("SELECT actor, action, campaign, detail FROM audit").fetchall()
    assert ("cli", "export", "karlstad-2016") == logged[-1][:3]
    assert {"format": "csv", "table": "comments", "published": True} == json.loads(logged[-1][3])


@pytest.mark.process
def test_an_unknown_campaign_is_one_line(db: Path):
    result = run("--db", str(db), "--campaign", "nowhere", "--format", "csv")
    assert 1 == result.returncode
    assert result.stderr.startswith(b"medborgardialog: error: unknown campaign 'nowhere'")
    assert b"Traceback" not in result.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_export_shows_a_progress_bar_on_a_terminal():
    screen = Terminal()
    show = _progress_bar(lambda: 50_000, screen)
    show(25_000)
    show(50_000)
    lines = screen.getvalue().split("\r")
    assert "[###############...............]  50% 25000/50000 rows" in lines[1]
    assert lines[2].startswith("[##############################] 100% 50000/50000 rows")
    assert lines[2].endswith("\n")
    assert _progress_bar(lambda: 50_000, io.StringIO()) is None  # not a terminal
    assert _progress_bar(lambda: 10, Terminal()) is None  # too short to need one
