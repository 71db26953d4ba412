"""The command line as a user runs it: `python -m medborgardialog …` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str,
    cwd: Path = ROOT,
    stdin: str | None = None,
    env=None,
    text: bool = True,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """Run one command to its end; its output is captured (text unless `text=False`)."""
    return subprocess.run(
        [sys.executable, "-m", "medborgardialog", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=text,
        timeout=timeout,
        env=env,
    )
