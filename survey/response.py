"""A stored response and the fingerprint that tells a resend from a conflicting answer."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Response:
    """One resident's answer, as it is stored: the answer set plus where it came from."""

    id: str
    campaign: str
    channel: str
    locale: str
    areas: tuple[str, ...]
    comment: str | None = None
    answers: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None
    participant: str | None = None
    submitted_at: str | None = None
    followup_consent: bool = False
    # Where the answer came from, pseudonymously (web: a salted hash of address and browser),
    # and how long the walk took: what the flags against ballot stuffing read.
    signal: str | None = None
    walk_seconds: int | None = None

    def fingerprint(self) -> str:
        """A hash of the content: equal for a resend of the same answer, different otherwise."""
        content = {
            "campaign": self.campaign,
            "channel": self.channel,
            "source": self.source,
            "locale": self.locale,
            "areas": list(self.areas),
            "comment": self.comment,
            "answers": dict(sorted(self.answers.items())),
        }
        raw = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(raw.encode()).hexdigest()


def pseudonym(secret: bytes, campaign_id: str, user_id: int | str) -> str:
    """The participant key of a messenger user: HMAC-SHA256(secret, campaign id + user id)."""
    message = f"{campaign_id}:{user_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
