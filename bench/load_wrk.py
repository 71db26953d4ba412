"""The submit bench's load from `wrk` (a C load generator): each request a new answer id.

The Lua script builds a distinct UUID per request (a random prefix per thread and a counter)
and prints its figures in one line the bench reads back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

SCRIPT = r"""
local counter = 0
local prefix
local body_head = '{"id":"'
local body_tail = '","areas":["violence-public","unsafe-places","traffic"],' ..
  '"comment":"Bättre belysning i gångtunneln vid stationen, tack.","locale":"sv",' ..
  '"channel":"kiosk","answers":{"age":"35-49","district":"norrstrand"},"source":"mitt-i-city"}'
local headers = {["Content-Type"] = "application/json"}

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed(seed + os.time())
  prefix = string.format("%04x%04x-%04x-4%03x-a%03x-", math.random(0, 65535),
    math.random(0, 65535), math.random(0, 65535), math.random(0, 4095), math.random(0, 4095))
end

function request()
  counter = counter + 1
  local id = prefix .. string.format("%012x", counter)
  return wrk.format("POST", nil, headers, body_head .. id .. body_tail)
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout
  io.write(string.format("FIGURES requests=%d micros=%d p50=%d p99=%d failures=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad))
end
"""
FIGURES = re.compile(r"FIGURES requests=(\d+) micros=(\d+) p50=(\d+) p99=(\d+) failures=(\d+)")


def available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(url: str, seconds: float, connections: int, threads: int) -> dict[str, float]:
    """Post answers to `url`; requests, seconds, p50 and p99 (ms) and failures, as wrk saw them."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SCRIPT)
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(script.name).unlink()
    found = FIGURES.search(done.stdout)
    if found is None:
        raise RuntimeError(f"wrk printed no figures:\n{done.stdout}\n{done.stderr}")
    requests, micros, p50, p99, failures = map(int, found.groups())
    return {
        "requests": requests,
        "seconds": micros / 1e6,
        "p50": p50 / 1000,
        "p99": p99 / 1000,
        "failures": failures,
    }
