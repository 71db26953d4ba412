"""`medborgardialog demo` on a fresh directory: it prints the URLs and serves the survey."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

from tests.live_server import free_port


def test_demo_prints_the_urls_and_serves_the_web_survey(tmp_path):
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
        printed = "".join(lines)
        base = f"http://127.0.0.1:{port}"
        assert f"{base}/c/demo/" in printed
        assert f"{base}/kiosk/demo/?source=demo-kiosk" in printed
        assert f"{base}/staff/" in printed
        with urllib.request.urlopen(f"{base}/c/demo/", timeout=10) as response:
            assert 200 == response.status
            assert "Demo: Trygg och säker" in response.read().decode()
        assert (tmp_path / "medborgardialog-demo.db").exists()
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()
