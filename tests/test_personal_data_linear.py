"""The personal-data scan costs time linear in the text, whatever the text.

Each check runs on 10,000 and on 100,000 characters of the same pattern: ten times the text
may take about ten times as long, never a hundred (a pattern that backtracks would). The
comparison is of the run's own two figures, in the CPU time of the thread that scans (which
other work on the machine does not add to).
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from survey.personal_data import comment_warnings, find_personal_data, redact

# The pieces that patterns for names, numbers and addresses lean on, and their neighbours.
PIECES = [
    "a", "å", "Ö", "1", "0", " ", ".", "-", "+", "@", "(", ")", "/", "_", "%", "\n",
    "Kalle", "Anka", "Stora", "070", "+46", "0046", "(0)", "811228", "-9874", "se", "x@", ".se",
]  # fmt: skip
SHORT, LONG = 10_000, 100_000
# Linear: about 10. Quadratic: about 100. Room between for a noisy machine.
MOST = 30


def fastest(fn, text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.thread_time()
        fn(text)
        best = min(best, time.thread_time() - started)
    return best


def repeated(pattern: str, length: int) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join))
@example(pattern="a")
@example(pattern="1")
@example(pattern="a.")
@example(pattern="a@")
@example(pattern="å")
@example(pattern="x@b.")
@example(pattern="Aa ")
@example(pattern="0 ")
def test_the_scan_is_linear_in_the_text(pattern):
    for check in (find_personal_data, comment_warnings, redact):
        short = fastest(check, repeated(pattern, SHORT))
        long = fastest(check, repeated(pattern, LONG))
        # Below the clock's grain a ratio says nothing; a tenth of a millisecond is above it.
        assert long <= MOST * max(short, 1e-4), (check.__name__, pattern, short, long)
