"""`medborgardialog demo` serves the sample promises, both published."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

from tests.live_server import free_port


def test_demo_serves_both_sample_promises(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "medborgardialog", "demo", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while not any("staff pages:" in line for line in lines):
            line = process.stdout.readline()
            assert line and time.monotonic() < deadline, "".join(lines)
            lines.append(line)
        base = f"http://127.0.0.1:{port}"
        assert f"{base}/p/" in "".join(lines)
        with urllib.request.urlopen(f"{base}/p/?lang=sv", timeout=10) as response:
            listing = response.read().decode()
        assert "Filipstad – medborgarlöften" in listing
        assert "Demo: medborgarlöften för en tryggare stad" in listing
        for promise in ("filipstad-2017", "demo"):
            with urllib.request.urlopen(f"{base}/api/v1/promises/{promise}", timeout=10) as r:
                assert promise == json.loads(r.read())["id"]
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()
