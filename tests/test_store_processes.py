"""Two processes on one file, and a process killed mid-stream: nothing acknowledged is lost."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.process_output import OutputLines

pytestmark = pytest.mark.process

WRITER = [sys.executable, "-m", "tests.store_writer"]
ROOT = Path(__file__).resolve().parent.parent


def stored_ids(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM responses")}


def test_two_processes_write_one_file_at_once(tmp_path: Path):
    db = tmp_path / "shared.db"
    writers = [
        subprocess.Popen(
            [*WRITER, str(db), "400", f"process-{n}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    outputs = [w.communicate(timeout=120) for w in writers]
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert 0 == writer.returncode, err
        assert "locked" not in err
    acknowledged = {line for out, _ in outputs for line in out.split()}
    assert 800 == len(acknowledged)
    assert acknowledged == stored_ids(db)


def test_sigkill_loses_no_acknowledged_answer(tmp_path: Path):
    db = tmp_path / "killed.db"
    writer = subprocess.Popen(
        [*WRITER, str(db), "100000", "kiosk"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    output = OutputLines(writer.stdout)
    acknowledged = []
    while len(acknowledged) < 500:
        line = output.next(timeout=60)
        assert line is not None, "the writer ended early"
        acknowledged.append(line.strip())
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    acknowledged += [line.strip() for line in output.rest(timeout=30) if len(line.strip()) == 36]
    writer.stdout.close()
    assert -signal.SIGKILL == writer.returncode
    missing = set(acknowledged) - stored_ids(db)
    assert set() == missing
