"""`medborgardialog demo` serves the sample promises, both published."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.demo_process import DemoProcess

pytestmark = pytest.mark.process


def test_demo_serves_both_sample_promises(tmp_path):
    with DemoProcess(tmp_path) as demo:
        assert f"{demo.base}/p/" in demo.printed
        with urllib.request.urlopen(f"{demo.base}/p/?lang=sv", timeout=10) as response:
            listing = response.read().decode()
        assert "Filipstad – medborgarlöften" in listing
        assert "Demo: medborgarlöften för en tryggare stad" in listing
        for promise in ("filipstad-2017", "demo"):
            with urllib.request.urlopen(f"{demo.base}/api/v1/promises/{promise}", timeout=10) as r:
                assert promise == json.loads(r.read())["id"]
