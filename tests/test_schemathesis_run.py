"""schemathesis, every check, against the demo running as a user starts it.

A bounded run: a fixed seed and a few dozen examples per operation, with the demo's results
published so that the published-results routes answer 200 too. The README says how to run
a longer one; `schemathesis.toml` (read from the repository root) says where a check's
default does not fit what the API documents, and why.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

import pytest

from tests.cli_process import ROOT, run_cli
from tests.demo_process import DemoProcess

pytestmark = pytest.mark.process

EXAMPLES = 25
SEED = 1
RUN = "from schemathesis.cli import schemathesis; schemathesis()"


@pytest.fixture
def demo(tmp_path):
    demo = DemoProcess(tmp_path)
    try:
        published = run_cli(
            "results", "publish", "demo", "--db", str(tmp_path / "medborgardialog-demo.db")
        )
        assert 0 == published.returncode, published.stderr
        yield demo
    finally:
        demo.stop()


def test_schemathesis_finds_nothing_in_a_bounded_run(demo):
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN,
            "run",
            f"{demo.base}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            str(EXAMPLES),
            "--seed",
            str(SEED),
            "--workers",
            "1",
            "--no-color",
        ],
        cwd=ROOT,  # where schemathesis.toml is
        capture_output=True,
        text=True,
        timeout=170,
    )
    report = done.stdout + done.stderr
    assert 0 == done.returncode, report[-6000:]
    # Every operation of the document is run, none left out by the configuration.
    found = re.search(r"Operations:\s+(\d+) selected / (\d+) total", report)
    assert found is not None, report[-2000:]
    assert found.group(1) == found.group(2)
    with urllib.request.urlopen(f"{demo.base}/api/v1/openapi.json", timeout=10) as answer:
        described = json.load(answer)
    # A new route in the document is a new operation run here (schemathesis counts one
    # operation fewer than the document's methods: 15 of 16 today).
    operations = sum(len(methods) for methods in described["paths"].values())
    assert operations - 1 <= int(found.group(2))
