"""A campaign (one citizen dialogue) as frozen data, read from a campaign file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Text = Mapping[str, str]
"""A text in every language of its campaign: language code to text."""

PREFER_NOT_TO_SAY = "prefer-not-to-say"


@dataclass(frozen=True)
class Area:
    """A priority area residents can choose."""

    id: str
    label: Text


@dataclass(frozen=True)
class Option:
    """One answer of a single-choice background question."""

    id: str
    label: Text


@dataclass(frozen=True)
class Question:
    """A single-choice background question; its last option is "prefer not to say"."""

    id: str
    text: Text
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class CommentRule:
    """Whether a comment is required, and how long it may be."""

    required: bool = False
    max_length: int = 2000


@dataclass(frozen=True)
class Campaign:
    """One citizen dialogue: who asks, when, which areas and questions, in which languages."""

    id: str
    languages: tuple[str, ...]
    title: Text
    intro: Text
    next_steps: Text
    organisers: tuple[str, ...]
    opens: date
    closes: date | None
    timezone: str
    pick: int
    areas: tuple[Area, ...]
    comment: CommentRule
    questions: tuple[Question, ...] = ()

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def language(self, wanted: str | None) -> str:
        """The offered language that best fits `wanted` (a code like "sv" or "en-GB")."""
        if wanted:
            base = wanted.replace("_", "-").split("-")[0].lower()
            if base in self.languages:
                return base
        return self.default_language

    def text(self, text: Text, lang: str) -> str:
        return text.get(lang) or text[self.default_language]

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def opens_at(self) -> datetime:
        return datetime.combine(self.opens, time.min, ZoneInfo(self.timezone))

    def closes_at(self) -> datetime | None:
        """The first instant after the closing day (closing dates are inclusive)."""
        if self.closes is None:
            return None
        return datetime.combine(self.closes + timedelta(days=1), time.min, ZoneInfo(self.timezone))

    def status(self, now: datetime | None = None) -> str:
        """ "upcoming", "open" or "closed" at `now` (default: the current time)."""
        now = now or datetime.now(UTC)
        if now < self.opens_at():
            return "upcoming"
        closes_at = self.closes_at()
        if closes_at is not None and now >= closes_at:
            return "closed"
        return "open"

    def is_open(self, now: datetime | None = None) -> bool:
        return self.status(now) == "open"
