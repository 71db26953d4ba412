"""The web survey's first step as a phone sees it: Lighthouse's performance score and
cumulative layout shift, against Debian's Chromium.

Starts `medborgardialog demo` (a database of its own in a temporary folder) and runs the npm
package `lighthouse` with its default mobile settings (a slow 4G network and a 4× slower
CPU, simulated) on `/c/demo/`, a few times; the median counts. Lighthouse is not a
dependency of the project: install it outside the repository, for example

    npm install --prefix /tmp/lh lighthouse
    python bench/lighthouse_bench.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse
                                     [--runs 3] [--checkout DIR ...]

With several `--checkout` folders (git worktrees, say) each is measured in turn, for a
before/after figure. The machine's load moves the score (its CPU is simulated from the
real one's timings); the layout shift does not move with the load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FIGURES = (
    ("score", "performance score", "{:.0f}"),
    ("cls", "cumulative layout shift", "{:.3f}"),
    ("fcp", "first contentful paint, ms", "{:.0f}"),
    ("lcp", "largest contentful paint, ms", "{:.0f}"),
    ("tbt", "total blocking time, ms", "{:.0f}"),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str) -> None:
    for _ in range(600):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def lighthouse(command: str, url: str) -> dict[str, float]:
    """One run's figures."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    options = ["--output=json", "--output-path=stdout", "--quiet"]
    options += ["--only-categories=performance", "--chrome-flags=--headless --no-sandbox"]
    out = subprocess.run(
        [command, url, *options],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    report = json.loads(out)
    audits = report["audits"]
    return {
        "score": report["categories"]["performance"]["score"] * 100,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
    }


def measure(checkout: Path, command: str, runs: int) -> dict[str, float]:
    """The median of each figure over `runs` runs on the demo served from `checkout`."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        demo = [sys.executable, "-m", "medborgardialog", "demo", "--port", str(port)]
        server = subprocess.Popen(
            [*demo, "--db", str(Path(folder) / "demo.db")],
            cwd=checkout,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/c/demo/"
            wait_until_up(url)
            found = [lighthouse(command, url) for _ in range(runs)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {key: statistics.median(run[key] for run in found) for key, _, _ in FIGURES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--checkout", type=Path, action="append", default=[])
    args = parser.parse_args()
    if shutil.which(args.lighthouse) is None:
        sys.exit("lighthouse is not installed (npm install --prefix /tmp/lh lighthouse)")
    print(f"web survey, first step (/c/demo/), Lighthouse mobile, median of {args.runs}:")
    for checkout in args.checkout or [ROOT]:
        figures = measure(checkout.resolve(), args.lighthouse, args.runs)
        shown = ", ".join(f"{name} {fmt.format(figures[key])}" for key, name, fmt in FIGURES)
        print(f"{checkout}: {shown}", flush=True)
    print("load average (1, 5, 15 min): " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))


if __name__ == "__main__":
    main()
