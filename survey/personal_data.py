"""Likely personal data in free text: Swedish personnummer, phone numbers, e-mail addresses.

Staff see the spans highlighted, and comments are published with them redacted. The search
leans towards finding too much: a redacted year is a small loss, a published phone number
is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

REDACTED = "[…]"
# A caller on an event loop scans a text this long or longer in a worker thread: every scan
# here is linear in the text, but a long one still takes milliseconds that other requests wait.
LONG_TEXT = 1_000

# YYMMDD or YYYYMMDD, an optional separator (+ marks someone over 100), four digits.
_PERSONNUMMER = re.compile(
    r"(?<![\d+])(?:(?:18|19|20)\d{2}|\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)"
)
_DIGITS = re.compile(r"\d")
# A leading 0, +CC or 00CC, then digits with single spaces, hyphens, slashes or a "(0)".
_PHONE = re.compile(
    r"""(?<![\w+])
    (?: (?:\+|00) [1-9]\d{0,2} [ -]? (?:\(0\)[ -]?)?  # +46, 0046, +46 (0)
      | \(?0 )                                         # or a national 0, (054)
    \d{1,3} \)?
    (?: (?:\ ?[/-]\ ?|\ )? \d ){4,10}                 # 123 45 67, 12-34-56, 29 50 00
    (?!\d)""",
    re.VERBOSE,
)
# An address is found from each "@" outwards, so that the work is linear in the text: a
# pattern that starts at every character and runs to the end of a long word is quadratic.
# The part before "@" (at most 64 characters, RFC 5321) is matched backwards from the "@";
# the domain is its labels, matched once without going back, and ends in the longest
# prefix whose last label begins with two letters (the top-level domain).
_LOCAL_PART_REVERSED = re.compile(r"[\w.%+-]{1,64}+")
_DOMAIN = re.compile(r"[\w-]++(?:\.[\w-]++)*+")
_TOP_LEVEL = re.compile(r"[^\W\d_]{2,}+")
LOCAL_PART_MAX = 64


@dataclass(frozen=True)
class Span:
    """Where likely personal data sits in a text, and what kind it is."""

    start: int
    end: int
    kind: str  # "personnummer", "phone" or "email"


def luhn_valid(digits: str) -> bool:
    """The Luhn check that the last digit of a Swedish personnummer satisfies."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _personnummer(text: str) -> Iterator[Span]:
    for match in _PERSONNUMMER.finditer(text):
        month, day, _serial = (int(g) for g in match.groups())
        # Samordningsnummer add 60 to the day.
        if not 1 <= month <= 12 or not (1 <= day <= 31 or 61 <= day <= 91):
            continue
        digits = "".join(_DIGITS.findall(match.group()))[-10:]
        if luhn_valid(digits):
            yield Span(match.start(), match.end(), "personnummer")


def _phones(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        found = match.group()
        digits = len(_DIGITS.findall(found))
        international = found.startswith(("+", "00"))
        if (8 <= digits <= 15) if international else (8 <= digits <= 10):
            yield Span(match.start(), match.end(), "phone")


def _emails(text: str) -> Iterator[Span]:
    """Each address as `local@domain.tld`, found left to right without overlapping."""
    done = 0  # where the last address ended: the next one starts after it
    at = text.find("@")
    while at != -1:
        end = at
        before = text[max(done, at - LOCAL_PART_MAX) : at][::-1]
        local = _LOCAL_PART_REVERSED.match(before)
        domain = _DOMAIN.match(text, at + 1) if local else None
        if domain:
            labels = domain.group().split(".")
            for last in range(len(labels) - 1, 0, -1):
                top = _TOP_LEVEL.match(labels[last])
                if top:
                    end = domain.start() + len(".".join(labels[:last])) + 1 + top.end()
                    yield Span(at - local.end(), end, "email")
                    done = end
                    break
        at = text.find("@", max(at + 1, end))


def find_personal_data(text: str) -> list[Span]:
    """Every likely personal data span, in order; overlapping finds are merged into one."""
    found = sorted(
        [
            *_personnummer(text),
            *_phones(text),
            *_emails(text),
        ],
        key=lambda s: (s.start, -s.end),
    )
    merged: list[Span] = []
    for span in found:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.kind)
        else:
            merged.append(span)
    return merged


def segments(text: str) -> list[tuple[str, str | None]]:
    """The text cut into (piece, kind) pairs; kind is None outside personal data."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for span in find_personal_data(text):
        if span.start > position:
            pieces.append((text[position : span.start], None))
        pieces.append((text[span.start : span.end], span.kind))
        position = span.end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def redact(text: str, marker: str = REDACTED) -> str:
    """The text with every likely personal data span replaced by `marker`."""
    return "".join(marker if kind else piece for piece, kind in segments(text))


WARNING_KINDS = ("name", "personnummer", "phone", "email")

_CAPITALISED = r"[A-ZÅÄÖÉÜ][a-zåäöéüæøáà]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
# Two capitalised words in a row ("Kalle Svensson"), the first not opening a sentence.
_NAME = re.compile(rf"(?<![.!?:\n]\s)(?<![.!?:\n])(?<!^)\b({_CAPITALISED}) ({_CAPITALISED})\b")
# Capitalised pairs that name places and bodies, not people ("Stora Torget", "Region Värmland").
_NOT_NAMES = frozenset(
    {
        "polisen",
        "kommunen",
        "kommun",
        "region",
        "regionen",
        "länsstyrelsen",
        "sverige",
        "stora",
        "lilla",
        "norra",
        "södra",
        "östra",
        "västra",
        "gamla",
        "nya",
        "centrum",
        "torget",
        "torg",
        "parken",
        "park",
        "gatan",
        "vägen",
        "skolan",
        "skola",
        "stationen",
        "station",
        "centralstation",
        "resecentrum",
        "biblioteket",
        "kyrkan",
        "sjukhuset",
        "vårdcentralen",
        "folkets",
        "hus",
        "coop",
        "ica",
        "willys",
        "lidl",
        "systembolaget",
        "",
    }
)
_PLACE_ENDINGS = ("gatan", "vägen", "torget", "parken", "skolan", "gården", "backen", "plan")


def _names(text: str) -> bool:
    """Whether the text seems to name a person: conservative, so a warning means something."""
    for match in _NAME.finditer(text.strip()):
        first, second = match.group(1).lower(), match.group(2).lower()
        if first in _NOT_NAMES or second in _NOT_NAMES or second.endswith(_PLACE_ENDINGS):
            continue
        return True
    return False


def comment_warnings(text: str | None) -> tuple[str, ...]:
    """What kinds of personal data a resident's comment seems to hold, in a fixed order.

    Every channel asks this once before it accepts a comment, warns the resident and offers
    to change or send anyway: the warning never blocks. Likely names are only warned about
    (staff redaction does not guess at names).
    """
    if not text:
        return ()
    found = {span.kind for span in find_personal_data(text)}
    if _names(text):
        found.add("name")
    return tuple(kind for kind in WARNING_KINDS if kind in found)
