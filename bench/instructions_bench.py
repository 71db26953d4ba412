"""Instructions the server executes per stored answer: a figure that stays put on a noisy machine.

Wall-clock figures on a shared 2-core machine move by a third from one minute to the next;
instruction counts do not (two runs agree within about 1.5%). This runs `medborgardialog
serve` under valgrind's callgrind with counting off, starts it once the server is up and
warmed, posts answers from an aiohttp client, and stops counting: every thread of the
server is counted, the client is not. Threads run one at a time under valgrind, so this
counts work, not contention; use `submit_bench.py` for throughput.

    python bench/instructions_bench.py [--answers 2000] [--checkout DIR ...]
        [--mode demo|places|both] [--keep DIR] [--connections 32]

With several `--checkout` folders (git worktrees, say) each is measured in turn, for a
before/after figure of a change. `--mode places` posts the demo answer with three places on
the demo's map (two points, each with a reason, one with a note, and a zone); `both` (the
default) measures the demo answer without places and with them, and gives the ratio (the
target is at most 1.3).

With 32 connections the database thread commits answers in batches, whose size follows
how fast client and server run on the day: the figure moves by a few per cent between runs
on a busy machine (measure before and after in the same run, alternating). With
`--connections 1` every answer is a batch of its own, and two runs agree within 0.3%: the
figure to compare a change by, though not the one the target is set for.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from submit_bench import answer, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
MODES = ("demo", "places")
_rng = random.Random(25)  # made-up places: the same ones every run


def answer_with_places() -> dict:
    """The demo answer with three places on the demo's map of Karlstad: two points (each
    somewhere else, so that nothing is cached across answers) and a zone."""
    given = answer()
    given["answers"]["unsafe-places"] = [
        {
            "lat": 59.376 + _rng.random() * 0.02,
            "lon": 13.49 + _rng.random() * 0.03,
            "option": "lighting",
        },
        {
            "lat": 59.33 + _rng.random() * 0.1,
            "lon": 13.40 + _rng.random() * 0.22,
            "option": "people",
            "note": "Mörkt och stökigt vid busshållplatsen på kvällarna.",
        },
        {"zone": "kronoparken"},
    ]
    return given


async def post_answers(url: str, count: int, mode: str = "demo", connections: int = 32) -> int:
    """Post `count` new answers; how many were not stored."""
    left, failed = count, 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections)) as s:

        async def worker() -> None:
            nonlocal left, failed
            while left > 0:
                left -= 1
                body = json.dumps(answer_with_places() if mode == "places" else answer())
                headers = {"Content-Type": "application/json"}
                async with s.post(url, data=body, headers=headers) as response:
                    await response.read()
                    failed += response.status != 201

        await asyncio.gather(*(worker() for _ in range(connections)))
    return failed


def control(pid: int, *flags: str) -> None:
    subprocess.run(["callgrind_control", *flags, str(pid)], check=True, capture_output=True)


def measure(
    checkout: Path,
    answers: int,
    mode: str = "demo",
    keep: Path | None = None,
    connections: int = 32,
) -> float:
    """Instructions per stored answer of `serve` from `checkout`, posting `mode` answers; with
    `keep`, callgrind's files are copied there (read them with `callgrind_annotate
    --inclusive=yes`)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        env = {
            **os.environ,
            "PYTHONPATH": str(checkout),
            "PYTHONHASHSEED": "0",
            "MEDBORGARDIALOG_DB": str(Path(folder) / "bench.db"),
        }
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no",
            f"--callgrind-out-file={out}", sys.executable, "-m", "medborgardialog", "serve",
            "--port", str(port),
        ]  # fmt: skip
        server = subprocess.Popen(
            command, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            base = f"http://127.0.0.1:{port}"
            asyncio.run(wait_until_up(base + "/", tries=3000))
            url = base + "/api/v1/campaigns/demo/responses"
            asyncio.run(post_answers(url, 300, mode, connections))  # warm-up, not counted
            control(server.pid, "-z")
            control(server.pid, "-i", "on")
            failed = asyncio.run(post_answers(url, answers, mode, connections))
            control(server.pid, "-i", "off")
            control(server.pid, "-d")
        finally:
            server.terminate()
            server.wait(timeout=60)
        if failed:
            raise RuntimeError(f"{failed} answers were not stored")
        total = 0
        for dump in Path(folder).glob("callgrind.out.*"):
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(dump, keep / f"{checkout.name}.{mode}.{dump.name}")
            for line in dump.read_text().splitlines():
                if line.startswith("totals:"):
                    total += int(line.split()[1])
        return total / answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--checkout", type=Path, action="append", default=[])
    parser.add_argument("--mode", choices=[*MODES, "both"], default="both")
    parser.add_argument("--keep", type=Path, help="a folder to keep callgrind's files in")
    parser.add_argument("--connections", type=int, default=32, help="answers posted at once")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    checkouts = args.checkout or [ROOT]
    modes = MODES if args.mode == "both" else (args.mode,)
    print(
        f"instructions per stored answer, {args.answers} answers, {args.connections} "
        f"connection{'s' if args.connections != 1 else ''}, all server threads:"
    )
    first = None
    for checkout in checkouts:
        figures = {}
        for mode in modes:
            figures[mode] = figure = measure(
                checkout.resolve(), args.answers, mode, args.keep, args.connections
            )
            first = first or figure
            change = f"{figure / first - 1:+.1%}"
            print(f"{checkout!s:>30} {mode:>6}: {figure:10,.0f}  ({change})", flush=True)
        if len(figures) == 2:
            ratio = figures["places"] / figures["demo"]
            print(f"{checkout!s:>30}: three places / none = {ratio:.2f} (target 1.3 or less)")


if __name__ == "__main__":
    main()
