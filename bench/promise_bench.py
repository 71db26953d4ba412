"""Requests per second and latency of the public promise page, measured with `wrk`.

A real server in a subprocess (`medborgardialog serve`, a file database with the sample
promises imported first), `wrk` with 64 connections for a short run against
`/p/filipstad-2017/` in Swedish (by Accept-Language), then against the promise's JSON.
The load generator runs on the same machine and takes part of its CPU. Target: at least
1,000 requests/s with a 99th percentile under 50 ms.

The server's CPU time per request is printed too: on a shared machine the wall-clock
figures depend on what else runs, that one does not.

    python bench/promise_bench.py [--seconds 10] [--connections 64] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("/p/filipstad-2017/", "/api/v1/promises/filipstad-2017")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not answer at {url}")


def milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * UNITS[unit]


def run_wrk(url: str, seconds: int, connections: int, threads: int) -> dict[str, float]:
    """One wrk run; its requests/s, median and 99th percentile (ms) and errors."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        "Accept-Language: sv",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"\b(50|99)%\s+([\d.]+(?:us|ms|s))\b", output))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(latency["50"]),
        "p99": milliseconds(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "none",
    }


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux), to judge the server's own
    cost apart from how busy the machine is."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=64, help="open connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        command = [sys.executable, "-m", "medborgardialog"]
        for name in ("filipstad-2017", "demo"):
            subprocess.run(
                [
                    *command,
                    "promises",
                    "import",
                    str(ROOT / "promises" / f"{name}.toml"),
                    "--db",
                    str(db),
                ],
                check=True,
                env=env,
                capture_output=True,
            )
        port = free_port()
        server = subprocess.Popen(
            [*command, "serve", "--db", str(db), "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + PATHS[0])
            print(
                f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, one server process"
            )
            for path in PATHS:
                run_wrk(base + path, 2, args.connections, args.threads)  # warm up
                before = cpu_seconds(server.pid)
                figures = run_wrk(base + path, args.seconds, args.connections, args.threads)
                used = cpu_seconds(server.pid) - before
                per_request = used / (figures["rps"] * args.seconds) * 1000
                verdict = "ok" if figures["rps"] >= 1000 and figures["p99"] < 50 else "BELOW TARGET"
                print(
                    f"{path}: {figures['rps']:,.0f} requests/s, p50 {figures['p50']:.1f} ms, "
                    f"p99 {figures['p99']:.1f} ms, non-2xx {figures['non_2xx']}, "
                    f"socket errors {figures['socket_errors']}, server CPU {per_request:.2f} ms "
                    f"per request ({verdict})"
                )
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
