"""Start links: `t.me/<bot>?start=<campaign>--<source>` names a campaign and where it was found.

The bot reads them, the staff's posters make them. A payload is at most 64 characters of
`A-Z a-z 0-9 _ -` (Telegram's rule). Campaign ids are matched whatever their case (a link
typed from a poster may be in capitals); the source, like the web survey's `?source=`,
tells a poster at the library from one at the station.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from survey.loader import ID_PATTERN

MAX_PAYLOAD = 64
SEPARATOR = "--"
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SOURCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Link:
    campaign: str
    source: str | None = None


def parse_payload(payload: str) -> Link | None:
    """The campaign and source of a `/start` payload; None when it cannot name a campaign."""
    if not _PAYLOAD.fullmatch(payload):
        return None
    campaign, _, source = payload.partition(SEPARATOR)
    campaign = campaign.lower()
    if not ID_PATTERN.fullmatch(campaign):
        return None
    if source and not _SOURCE.fullmatch(source):
        return None
    return Link(campaign, source or None)


def payload_for(campaign: str, source: str | None = None) -> str:
    """The payload of a deep link to `campaign` from `source` (checked: it must fit)."""
    payload = f"{campaign}{SEPARATOR}{source}" if source else campaign
    if parse_payload(payload) != Link(campaign, source or None):
        raise ValueError(f"{payload!r} is not a deep link payload (at most 64 of A-Za-z0-9_-)")
    return payload
