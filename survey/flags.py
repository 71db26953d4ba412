"""Flags against ballot stuffing: answers that look scripted are marked, never refused.

One policy for every channel, read from what each answer carries: on the web a pseudonymous
signal of address and browser (many answers from one signal in a short time is a burst), at
the kiosk the walk's duration (nobody reads and answers in a few seconds), and on any channel
the same comment sent many times. A flag is a reason for staff to look, and the published
count shows the ranking with and without flagged answers side by side.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

BURST_ANSWERS = 5
BURST_WINDOW = timedelta(minutes=10)
FASTEST_KIOSK_WALK = 8
REPEATED_COMMENT = 3
# Short comments ("Nej", "Bra") are said alike by many people on their own.
SHORTEST_REPEATED = 12

REASONS = ("burst", "fast_walk", "repeated_comment")


@dataclass(frozen=True)
class Trace:
    """What an answer says about where it came from: enough to judge it, nothing more."""

    key: int
    channel: str
    submitted_at: datetime | None = None  # needed where a signal is given
    signal: str | None = None
    walk_seconds: int | None = None
    comment: str | None = None


def _normal(comment: str) -> str:
    return " ".join(comment.casefold().split())


def _bursts(traces: list[Trace]) -> set[int]:
    """Answers in any window of BURST_WINDOW holding more than BURST_ANSWERS of one signal."""
    found: set[int] = set()
    ordered = sorted(traces, key=lambda t: (t.submitted_at, t.key))
    start = 0
    for end, trace in enumerate(ordered):
        while trace.submitted_at - ordered[start].submitted_at >= BURST_WINDOW:
            start += 1
        if end - start + 1 > BURST_ANSWERS:
            found.update(t.key for t in ordered[start : end + 1])
    return found


def flag_reasons(traces: Iterable[Trace]) -> dict[int, tuple[str, ...]]:
    """The reasons each flagged answer is flagged for, by key; unflagged answers are absent."""
    reasons: dict[int, list[str]] = defaultdict(list)
    by_signal: dict[str, list[Trace]] = defaultdict(list)
    by_comment: dict[str, list[int]] = defaultdict(list)
    normals: dict[str, str] = {}  # a comment sent many times alike is normalised once
    for trace in traces:
        if trace.channel == "web" and trace.signal and trace.submitted_at is not None:
            by_signal[trace.signal].append(trace)
        if (
            trace.channel == "kiosk"
            and trace.walk_seconds is not None
            and trace.walk_seconds < FASTEST_KIOSK_WALK
        ):
            reasons[trace.key].append("fast_walk")
        if trace.comment:
            normal = normals.get(trace.comment)
            if normal is None:
                normal = normals[trace.comment] = _normal(trace.comment)
            if len(normal) >= SHORTEST_REPEATED:
                by_comment[normal].append(trace.key)
    for group in by_signal.values():
        if len(group) > BURST_ANSWERS:
            for key in _bursts(group):
                reasons[key].insert(0, "burst")
    for keys in by_comment.values():
        if len(keys) >= REPEATED_COMMENT:
            for key in keys:
                reasons[key].append("repeated_comment")
    return {key: tuple(found) for key, found in reasons.items()}


def counted_as_flagged(
    reasons: Mapping[int, tuple[str, ...]], reviews: Mapping[int, str]
) -> set[int]:
    """The flagged answers left out of the unflagged count: all but those staff cleared."""
    return {key for key in reasons if reviews.get(key) != "cleared"}
