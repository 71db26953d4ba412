"""A stored response, the texts its choices are stored as, and the content that tells a
resend from a conflicting answer."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import msgspec

from survey.validation import Answers


# A campaign's areas are chosen in a few thousand ways at most: each is written once, not
# once per answer.
@lru_cache(maxsize=4096)
def areas_json(areas: tuple[str, ...]) -> str:
    """The stored text of the chosen areas, in the order chosen, as json.dumps writes a list."""
    return json.dumps(list(areas))


# Answers to questions as stored: compact JSON, keys sorted, texts as they are (not
# \u-escaped). msgspec writes an answer with places (floats, lists of objects) for a fraction
# of what Python's encoder costs, and a few texts for less than a cache lookup.
_ANSWERS_JSON = msgspec.json.Encoder(order="sorted")


def answers_json(answers: Mapping[str, Any]) -> str:
    """The stored text of the answers to questions, keys sorted; a list (several picks, or
    places) as given."""
    return _ANSWERS_JSON.encode(answers if type(answers) is dict else dict(answers)).decode()


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
    # When the resident finished a walk delivered later (ISO 8601, UTC), and whether it
    # arrived after the campaign closed.
    captured_at: str | None = None
    late: bool = False
    walk_seconds: int | None = None
    # A pseudonymous sign of where the answer came from, for the results' anti-stuffing flags.
    signal: str | None = None
    # The day on a paper answer (ISO date): such an answer has a date, not a time.
    paper_date: str | None = None
    # Given in Lättläst, the easy-to-read texts: how it was shown, not what was answered, so
    # not part of its content.
    easy_read: bool = False

    def stamped(self, **changes) -> Response:
        """A copy with `changes` to its fields, as `dataclasses.replace` makes it but at a
        fraction of the cost: the submit path stamps every answer once."""
        if not changes.keys() <= FIELD_NAMES:
            raise TypeError(f"not fields of a response: {sorted(changes.keys() - FIELD_NAMES)}")
        copy = object.__new__(Response)
        object.__setattr__(copy, "__dict__", self.__dict__ | changes)
        return copy

    def answer_set(self) -> Answers:
        """What the resident chose, for validation."""
        return Answers(self.areas, self.comment, self.answers)

    def stored_texts(self) -> tuple[str, str]:
        """The stored texts of the chosen areas and of the background answers."""
        return areas_json(self.areas), answers_json(self.answers)

    def content(self, texts: tuple[str, str] | None = None) -> tuple[str | None, ...]:
        """What tells a resend of an answer from another answer with its id: equal for a
        resend, different otherwise.

        When and how it was delivered (captured_at, late, signal) is not content: a kiosk's
        resend of an answer is the same answer. `texts` are `stored_texts()`, when at hand.
        """
        areas, answers = texts or self.stored_texts()
        return (self.campaign, self.channel, self.source, self.locale, self.comment, areas, answers)


FIELD_NAMES = frozenset(Response.__dataclass_fields__)


def pseudonym(secret: bytes, campaign_id: str, user_id: int | str) -> str:
    """The participant key of a messenger user: HMAC-SHA256(secret, campaign id + user id)."""
    message = f"{campaign_id}:{user_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
