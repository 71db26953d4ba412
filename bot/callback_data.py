"""Callback data: what a button sends back, in at most 64 bytes, parsed strictly.

A modified client can send any bytes as callback data, so it is input like any other: the
parser accepts only the exact shapes the bot makes and returns None for everything else.

Shape: `<scope>.<op><arg>`. The scope is the campaign's token (six hex digits of a hash of
its id) for actions inside a campaign, or `-` for actions that belong to no campaign.
Areas, questions and options travel as indexes, never as free text.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

MAX_BYTES = 64
GLOBAL = "-"

# op -> pattern of its argument; an op not listed here does not exist.
ARGUMENTS: dict[str, str] = {
    "L": r"[a-z]{2,3}(-e)?",  # choose a language; `-e`: in Lättläst
    "P": r"",  # choose this campaign
    "G": r"",  # show the language choice
    "A": r"(?:0|[1-9][0-9]{0,2})[+-]",  # tick (+) or untick (-) an area (index)
    "N": r"",  # areas: done
    "H": r"",  # a topic question or the comment: back to the areas
    "S": r"",  # comment: skip (or remove)
    "K": r"",  # comment: done ("Klar"), keep the one written
    "W": r"",  # comment: send it anyway, despite the personal data warning
    "V": r"",  # comment: change it after the warning
    "Y": r"(?:0|[1-9][0-9]?)",  # skip the background question (index)
    "O": r"",  # show the open campaigns
    "Q": r"(?:0|[1-9][0-9]?)-(?:0|[1-9][0-9]?)",  # question index - option index
    "T": r"(?:0|[1-9][0-9]?)-(?:0|[1-9][0-9]?)[+-]",  # several picks: tick (+) or untick (-)
    "M": r"",  # several picks: done
    "Z": r"(?:0|[1-9][0-9]?)-(?:0|[1-9][0-9]?)[+-]",  # a place: tick (+) or untick (-) a zone
    "U": r"(?:0|[1-9][0-9]?)-(?:0|[1-9][0-9]?)",  # the latest place: why (option index)
    "J": r"(?:0|[1-9][0-9]?)",  # the latest place: no why, back to the places
    "I": r"(?:0|[1-9][0-9]?)",  # remove every place given to the question
    "C": r"",  # confirm: send
    "E": r"[acq]",  # confirm: change areas, comment or background questions
    "F": r"[01][ts]",  # follow-up consent off / on, on the thank-you or the stored answer
    "R": r"",  # change the stored answer
    "X": r"",  # ask to delete
    "D": r"",  # delete, confirmed
    "B": r"",  # do not delete
}
GLOBAL_OPS = frozenset("LO")
_SHAPE = re.compile(r"(?P<scope>-|[0-9a-f]{6})\.(?P<op>[A-Z])(?P<arg>[a-z0-9+-]{0,7})")
_ARGUMENTS = {op: re.compile(pattern) for op, pattern in ARGUMENTS.items()}


@dataclass(frozen=True)
class Action:
    """A parsed button press: which campaign (token or None), which operation, its argument."""

    scope: str | None
    op: str
    arg: str = ""

    def index(self) -> int:
        return int(self.arg.rstrip("+-"))

    def pair(self) -> tuple[int, int]:
        first, second = self.arg.split("-")
        return int(first), int(second)


@functools.cache
def campaign_token(campaign_id: str) -> str:
    """A short, stable token for a campaign id (six hex digits)."""
    return hashlib.sha256(campaign_id.encode()).hexdigest()[:6]


def encode(scope: str | None, op: str, arg: str | int = "") -> str:
    """The callback data for an action (a test checks that all the bot makes parses)."""
    return f"{scope or GLOBAL}.{op}{arg}"


def parse(data: object) -> Action | None:
    """The action in `data`, or None when it is not exactly something the bot makes."""
    if not isinstance(data, str) or not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    match = _SHAPE.fullmatch(data)
    if match is None:
        return None
    scope, op, arg = match["scope"], match["op"], match["arg"]
    pattern = _ARGUMENTS.get(op)
    if pattern is None or not pattern.fullmatch(arg):
        return None
    if (scope == GLOBAL) != (op in GLOBAL_OPS):
        return None
    return Action(None if scope == GLOBAL else scope, op, arg)
