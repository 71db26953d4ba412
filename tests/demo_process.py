"""`medborgardialog demo` as a subprocess, and a browser-less staff session against it."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.live_server import free_port

ROOT = Path(__file__).resolve().parent.parent


class DemoProcess:
    """The demo started in `cwd` with `env` added to this environment; `printed` is what it
    printed up to the line with the staff login."""

    def __init__(self, cwd: Path, env: dict[str, str] | None = None, *args: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "medborgardialog", "demo", "--port", str(self.port), *args],
            cwd=cwd,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines: list[str] = []
        deadline = time.monotonic() + 90
        while not any("database:" in line for line in lines):
            line = self.process.stdout.readline()
            assert line and time.monotonic() < deadline, "".join(lines)
            lines.append(line)
        self.printed = "".join(lines)
        self.password = re.search(r"staff login: demo-admin / (\S+)", self.printed).group(1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.process.stdout.close()


class StaffBrowser:
    """A staff member's cookies and forms, over plain HTTP."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=20) as response:
            return response.read().decode()

    def post(self, path: str, fields: dict[str, str], csrf_from: str) -> str:
        token = re.search(r'name="csrf" value="([^"]+)"', self.get(csrf_from)).group(1)
        body = urllib.parse.urlencode({**fields, "csrf": token}).encode()
        with self.opener.open(self.base + path, data=body, timeout=20) as response:
            return response.read().decode()

    def log_in(self, username: str, password: str) -> str:
        return self.post(
            "/staff/login",
            {"username": username, "password": password, "next": "/staff/"},
            "/staff/login",
        )
