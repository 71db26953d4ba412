"""`medborgardialog demo` on a fresh directory: it prints the URLs and serves the survey."""

from __future__ import annotations

import urllib.request

import pytest

from tests.demo_process import DemoProcess

pytestmark = pytest.mark.process


def test_demo_prints_the_urls_and_serves_the_web_survey(tmp_path):
    with DemoProcess(tmp_path) as demo:
        base = demo.base
        assert f"{base}/c/demo/" in demo.printed
        assert f"{base}/kiosk/demo/?source=demo-kiosk" in demo.printed
        assert f"{base}/staff/" in demo.printed
        with urllib.request.urlopen(f"{base}/c/demo/", timeout=10) as response:
            assert 200 == response.status
            assert "Demo: Trygg och säker" in response.read().decode()
        assert (tmp_path / "medborgardialog-demo.db").exists()
