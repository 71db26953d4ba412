"""A campaign (one citizen dialogue) as frozen data, read from a campaign file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from survey.analysis import Analysis
from survey.area_map import AreaMap
from survey.easy_read import easy_languages, pick

Text = Mapping[str, str]
"""A text in every language of its campaign: language code to text."""

PREFER_NOT_TO_SAY = "prefer-not-to-say"
# Where a question stands in the walk: after the areas, before the comment ("topic"), or
# after the comment ("background").
TOPIC, BACKGROUND = "topic", "background"
SECTIONS = (TOPIC, BACKGROUND)


@dataclass(frozen=True)
class Area:
    """A priority area residents can choose."""

    id: str
    label: Text


@dataclass(frozen=True)
class Option:
    """One answer a question offers; on a scale, `scored = False` is no point ("Vet inte")."""

    id: str
    label: Text
    scored: bool = True


@dataclass(frozen=True)
class Question:
    """A question of one kind (`survey.kinds`): a choice, a scale or several picks.

    `section` places it in the walk; `required` questions cannot be skipped; `public` ones
    are counted on the published results. `min` and `max` bound how many options one answer
    picks (one, but for `multi`)."""

    id: str
    text: Text
    options: tuple[Option, ...]
    kind: str = "choice"
    section: str = BACKGROUND
    required: bool = False
    public: bool = False
    min: int = 1
    max: int = 1

    def option(self, option_id: str) -> Option | None:
        return self._options.get(option_id)

    @cached_property
    def _options(self) -> dict[str, Option]:
        return {option.id: option for option in self.options}


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
    # Each organiser's name per language (`organisers` holds them in the default language).
    organiser_names: tuple[Text, ...] = ()
    analysis: Analysis = field(default_factory=Analysis)
    # Closed early by staff: no answers from this instant on, whatever `closes` says.
    closed_at: datetime | None = None
    # The part of the world the campaign asks about, for its place questions (`[map]`).
    map: AreaMap | None = None

    @cached_property
    def questions_stored_changed(self) -> frozenset[str]:
        """The questions whose answers are kept otherwise than given (a place question's
        points): an answer that answers none of them is stored as given."""
        return frozenset(question.id for question in self.questions if question.kind == "place")

    @cached_property
    def required_questions(self) -> frozenset[str]:
        """The ids of the questions an answer must answer."""
        return frozenset(question.id for question in self.questions if question.required)

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

    def text(self, text: Text, lang: str, easy: bool = False) -> str:
        """`text` in `lang`; its easy-to-read version when `easy` and the campaign has one."""
        return pick(text, lang, easy) or text[self.default_language]

    @cached_property
    def easy_languages(self) -> tuple[str, ...]:
        """The languages in which some text of the campaign has an easy-to-read version:
        those in which the channels offer Lättläst."""
        return easy_languages(((str(i), t) for i, t in enumerate(self.texts)), self.languages)

    def offers_easy(self, lang: str) -> bool:
        return lang in self.easy_languages

    @property
    def texts(self) -> tuple[Text, ...]:
        """Every text a resident reads in the campaign."""
        found: list[Text] = [self.title, self.intro, self.next_steps]
        found += [area.label for area in self.areas]
        for question in self.questions:
            found += [question.text, *(option.label for option in question.options)]
        if self.map is not None:
            found += [zone.name for zone in self.map.zones]
        return tuple(found)

    def organisers_in(self, lang: str) -> tuple[str, ...]:
        """The organisers' names in `lang` (in the default language where none is given)."""
        if not self.organiser_names:
            return self.organisers
        return tuple(self.text(name, lang) for name in self.organiser_names)

    def area(self, area_id: str) -> Area | None:
        return self._areas.get(area_id)

    @cached_property
    def area_ids(self) -> frozenset[str]:
        return frozenset(self._areas)

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    @cached_property
    def _areas(self) -> dict[str, Area]:
        return {area.id: area for area in self.areas}

    @cached_property
    def _questions(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    # In UTC, like `now`: datetimes with the same tzinfo compare without time zone lookups.
    @cached_property
    def _opens_at(self) -> datetime:
        return datetime.combine(self.opens, time.min, ZoneInfo(self.timezone)).astimezone(UTC)

    @cached_property
    def _closes_at(self) -> datetime | None:
        """The first instant after the closing day (closing dates are inclusive)."""
        early = self.closed_at.astimezone(UTC) if self.closed_at is not None else None
        if self.closes is None:
            return early
        zone = ZoneInfo(self.timezone)
        end = datetime.combine(self.closes + timedelta(days=1), time.min, zone).astimezone(UTC)
        return min(end, early) if early is not None else end

    @property
    def closes_at(self) -> datetime | None:
        """The first instant the campaign no longer takes answers, in UTC."""
        return self._closes_at

    def today(self, now: datetime) -> date:
        """The date at `now` where the campaign is held."""
        return now.astimezone(ZoneInfo(self.timezone)).date()

    def status(self, now: datetime | None = None) -> str:
        """ "upcoming", "open" or "closed" at `now` (default: the current time)."""
        now = now or datetime.now(UTC)
        if now < self._opens_at:
            return "upcoming"
        if self._closes_at is not None and now >= self._closes_at:
            return "closed"
        return "open"

    def is_open(self, now: datetime | None = None) -> bool:
        return self.status(now) == "open"
