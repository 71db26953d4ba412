"""`medborgardialog demo` as a subprocess, and a browser-less staff session against it."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from tests.live_server import free_port
from tests.process_output import OutputLines

ROOT = Path(__file__).resolve().parent.parent
# The last line of the demo's banner: once it is printed, the demo serves.
READY = "database:"


class DemoProcess:
    """The demo started in `cwd` with `env` added to this environment; `printed` is what it
    printed up to the end of its banner. Every test that starts the demo starts it here."""

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
        self.output = OutputLines(self.process.stdout)
        try:
            self.printed = self.output.until(READY, timeout=90)
        except BaseException:
            self.stop()
            raise
        self.password = re.search(r"staff login: demo-admin / (\S+)", self.printed).group(1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
        self.output.join(timeout=20)
        self.process.stdout.close()

    def __enter__(self) -> DemoProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


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
