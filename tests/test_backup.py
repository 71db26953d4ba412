"""`medborgardialog backup` as an operator runs it, while another process writes answers."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.process_output import OutputLines

pytestmark = pytest.mark.process

ROOT = Path(__file__).resolve().parent.parent


def backup(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "medborgardialog", "backup", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def ids_in(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {id_ for (id_,) in conn.execute("SELECT id FROM responses")}


def test_a_backup_taken_while_answers_arrive_is_consistent(tmp_path):
    db = tmp_path / "dialog.db"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store_writer", str(db), "200000", "mitt-i-city"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    output = OutputLines(writer.stdout)
    try:
        for _ in range(200):  # answers are being stored
            assert output.next(timeout=60)
        copies = []
        for n in range(2):
            out = tmp_path / f"backup-{n}.db"
            result = backup("--db", str(db), "--out", str(out))
            assert 0 == result.returncode, result.stderr
            assert "integrity ok" in result.stdout
            copies.append(out)
        assert writer.poll() is None  # still writing while both copies were taken
    finally:
        writer.terminate()
        writer.wait(timeout=30)
        output.join(timeout=30)
        writer.stdout.close()
    stored = ids_in(db)
    first, second = (ids_in(copy) for copy in copies)
    assert 200 <= len(first) <= len(second)
    assert first <= second <= stored
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert ("ok",) == conn.execute("PRAGMA integrity_check").fetchone()
            assert ("delete",) == conn.execute("PRAGMA journal_mode").fetchone()
        assert not Path(f"{copy}-wal").exists()
        assert 0o600 == os.stat(copy).st_mode & 0o777


def test_backup_errors_are_one_line(tmp_path):
    missing = backup("--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "b.db"))
    assert (1, "") == (missing.returncode, missing.stdout)
    assert missing.stderr.startswith("medborgardialog: error: no database at ")
    db = tmp_path / "d.db"
    sqlite3.connect(db).close()
    itself = backup("--db", str(db), "--out", str(db))
    assert "medborgardialog: error: --out must not be the database itself\n" == itself.stderr
