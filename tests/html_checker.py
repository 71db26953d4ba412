"""The Nu Html Checker (vnu.jar, from npm's `vnu-jar`), run with the machine's Java.

The jar is fetched into `.cache/vnu/` (ignored by git) the first time a test asks for it, so a
fresh clone needs nothing but `npm` and `java` on the PATH (`.ci/run` installs them).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = "26.9.27"
FOLDER = ROOT / ".cache" / "vnu"
JAR = FOLDER / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def fetch_jar() -> Path:
    """vnu.jar at the pinned version, fetched with npm unless it is already there."""
    installed = FOLDER / "node_modules" / "vnu-jar" / "package.json"
    if JAR.exists() and json.loads(installed.read_text())["version"] == VERSION:
        return JAR
    FOLDER.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        # The package's own install script fetches a Java: the machine's is used instead.
        [
            "npm",
            "install",
            "--no-save",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(FOLDER),
            f"vnu-jar@{VERSION}",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return JAR


def html_errors(jar: Path, files: list[Path]) -> list[str]:
    """Every error the checker finds in `files` (HTML documents), as "file:line: message"."""
    done = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    found = json.loads(done.stderr or done.stdout)
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()[:80]}]"
        for m in found["messages"]
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
