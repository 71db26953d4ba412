"""The command line as a user runs it: a subprocess, one clear line on error, no traceback."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from medborgardialog.cli import build_parser
from tests.cli_process import ROOT, run_cli


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None, env=None):
    return run_cli(*args, cwd=cwd, stdin=stdin, env=env, timeout=60)


def test_every_command_has_help_text():
    def undocumented(parser: argparse.ArgumentParser, path: str):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if not choice.help:
                        yield f"{path} {choice.dest}"
                for name, sub in action.choices.items():
                    yield from undocumented(sub, f"{path} {name}")
            elif not action.help:
                yield f"{path} {action.dest}"

    assert [] == list(undocumented(build_parser(), "medborgardialog"))


@pytest.mark.process
def test_help_lists_the_commands():
    result = run("--help")
    assert 0 == result.returncode
    for command in ("demo", "serve", "bot", "export", "staff", "campaigns"):
        assert command in result.stdout


@pytest.mark.process
def test_campaigns_check_lists_the_samples():
    result = run("campaigns", "check")
    assert 0 == result.returncode, result.stderr
    assert "karlstad-2016: ok (8 areas, pick 3, languages sv, en, ar, fi)" in result.stdout


@pytest.mark.process
def test_a_broken_campaign_file_is_one_line(tmp_path: Path):
    shutil.copy(ROOT / "campaigns" / "demo.toml", tmp_path / "demo.toml")
    text = (tmp_path / "demo.toml").read_text(encoding="utf-8")
    (tmp_path / "demo.toml").write_text(text.replace("pick = 3", "pick = 30"), encoding="utf-8")
    result = run("campaigns", "check", str(tmp_path))
    assert 1 == result.returncode
    assert (
        "medborgardialog: error: demo.toml: pick: must be between 1 and the number of areas (8)\n"
        == result.stderr
    )


@pytest.mark.process
def test_staff_add_hashes_with_argon2id(tmp_path: Path):
    db = tmp_path / "staff.db"
    result = run(
        "staff", "add", "kim", "--db", str(db), "--password-stdin", stdin="correct horse battery\n"
    )
    assert 0 == result.returncode, result.stderr
    assert "created analyst kim\n" == result.stdout
    import sqlite3

    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("SELECT password_hash FROM staff").fetchone()
    assert stored.startswith("$argon2id$")
    assert not PasswordHasher().check_needs_rehash(stored)  # argon2's defaults, as in use
    assert "correct horse" not in db.read_bytes().decode("latin-1")


@pytest.mark.process
def test_staff_add_refuses_a_short_password(tmp_path: Path):
    result = run(
        "staff", "add", "kim", "--db", str(tmp_path / "s.db"), "--password-stdin", stdin="short\n"
    )
    assert (1, "medborgardialog: error: the password must be at least 10 characters\n") == (
        result.returncode,
        result.stderr,
    )


@pytest.mark.process
def test_export_json_has_the_design_shape(tmp_path: Path):
    db = tmp_path / "export.db"
    subprocess.run(
        [sys.executable, "-m", "tests.store_writer", str(db), "5", "mitt-i-city"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=60,
    )
    out = tmp_path / "demo.json"
    result = run(
        "export", "--db", str(db), "--campaign", "demo", "--format", "json", "--out", str(out)
    )
    assert 0 == result.returncode, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert ["campaign", "participants", "tally", "responses"] == list(data)
    assert 5 == data["participants"]
    assert {"area": "violence-public", "label": "Våld i offentlig miljö", "votes": 5} == (
        data["tally"][0]
    )
    assert {
        "id",
        "channel",
        "source",
        "locale",
        "submitted_at",
        "areas",
        "comment",
        "answers",
        "late",
        "easy_read",
    } == set(data["responses"][0])


@pytest.mark.process
def test_export_errors_are_one_line(tmp_path: Path):
    missing = run(
        "export", "--db", str(tmp_path / "none.db"), "--campaign", "demo", "--format", "json"
    )
    assert 1 == missing.returncode
    assert missing.stderr.startswith("medborgardialog: error: no database at ")
    assert "Traceback" not in missing.stderr


@pytest.mark.process
def test_campaigns_check_names_lattlast_and_refuses_a_bad_easy_text(tmp_path: Path):
    result = run("campaigns", "check")
    assert 0 == result.returncode, result.stderr
    assert "demo: ok (8 areas, pick 3, languages sv, en, ar, fi; lättläst sv)" in result.stdout
    text = (ROOT / "campaigns" / "demo.toml").read_text(encoding="utf-8")
    (tmp_path / "demo.toml").write_text(
        text.replace('sv-easy = "Brott i trafiken"', 'de-easy = "Verkehr"'), encoding="utf-8"
    )
    result = run("campaigns", "check", str(tmp_path))
    assert 1 == result.returncode
    assert (
        "medborgardialog: error: demo.toml: areas[6].label.de-easy: is an easy-to-read text in a "
        "language the file does not have\n" == result.stderr
    )
