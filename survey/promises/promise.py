"""A citizen promise (medborgarlöfte) as frozen data: parties, activities, progress, follow-up.

The rules that every channel and the store share live here: which statuses exist, which of
them need a public reason, when a promise is public, who must approve before publishing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from survey.campaign import Text
from survey.easy_read import easy_languages, pick

STATUSES = ("planned", "ongoing", "done", "delayed", "changed", "cancelled")
# A change of plan must be explained to residents, in public.
NEEDS_REASON = frozenset({"changed", "cancelled"})
STALE_AFTER_DAYS = 90


@dataclass(frozen=True)
class Party:
    """One of those who sign the promise (`polisen`, `kommunen`, ...)."""

    id: str
    name: Text


@dataclass(frozen=True)
class Update:
    """A dated note on an activity, with the status it set; internal ones are never shown."""

    date: date
    status: str
    text: Text
    public: bool = True


@dataclass(frozen=True)
class Activity:
    """One concrete thing promised, who answers for it (each with an optional role), and how
    it is going; `zones` are zones of the map of the campaign the promise follows, where the
    activity takes place."""

    id: str
    text: Text
    responsible: tuple[str, ...]
    areas: tuple[str, ...] = ()
    status: str = "planned"
    roles: Mapping[str, Text] = field(default_factory=dict)
    updates: tuple[Update, ...] = ()
    starts: date | None = None
    ends: date | None = None
    zones: tuple[str, ...] = ()

    @property
    def public_updates(self) -> tuple[Update, ...]:
        return tuple(u for u in self.updates if u.public)

    def latest_public_update(self) -> Update | None:
        found = self.public_updates
        return max(found, key=lambda u: u.date) if found else None

    def reason(self) -> Update | None:
        """The public update that explains the current status, if it needs one."""
        for update in sorted(self.public_updates, key=lambda u: u.date, reverse=True):
            if update.status == self.status and any(t.strip() for t in update.text.values()):
                return update
        return None

    def lacks_reason(self) -> bool:
        return self.status in NEEDS_REASON and self.reason() is None


@dataclass(frozen=True)
class Focus:
    """An area residents put first in the dialogue, with its rank and votes there."""

    campaign: str
    area: str
    rank: int
    votes: int | None = None


@dataclass(frozen=True)
class FollowUp:
    """The account of what was done: planned for a date and channels, then published."""

    planned: date
    channels: Text
    text: Text | None = None
    done: Mapping[str, Text] = field(default_factory=dict)
    published_at: datetime | None = None


@dataclass(frozen=True)
class Promise:
    """What police and municipality promise together after a dialogue, and for how long."""

    id: str
    languages: tuple[str, ...]
    campaigns: tuple[str, ...]
    title: Text
    parties: tuple[Party, ...]
    goals: tuple[Text, ...]
    activities: tuple[Activity, ...]
    valid_from: date
    valid_until: date | None
    until_replaced: bool = False
    published: date | None = None
    # The earlier promises this one replaces ("…fram tills nya medborgarlöften har tecknats"):
    # once this one is public and in force, they are no longer current.
    replaces: tuple[str, ...] = ()
    situation: Text | None = None
    focus: tuple[Focus, ...] = ()
    followup: FollowUp | None = None

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def campaign(self) -> str:
        """The campaign the promise follows (the first it names)."""
        return self.campaigns[0]

    def language(self, wanted: str | None) -> str:
        base = (wanted or "").replace("_", "-").split("-")[0].lower()
        return base if base in self.languages else self.default_language

    def text(self, text: Text | None, lang: str, easy: bool = False) -> str:
        """`text` in `lang`; its easy-to-read version when `easy` and the promise has one."""
        if not text:
            return ""
        return (
            pick(text, lang, easy)
            or text.get(self.default_language)
            or next(iter(text.values()), "")
        )

    @cached_property
    def easy_languages(self) -> tuple[str, ...]:
        """The languages in which some text of the promise has an easy-to-read version."""
        texts: list[Text | None] = [self.title, self.situation, *self.goals]
        for activity in self.activities:
            texts += [activity.text, *(update.text for update in activity.public_updates)]
        if self.followup is not None:
            texts += [self.followup.channels, self.followup.text]
        return easy_languages(((str(i), t) for i, t in enumerate(texts)), self.languages)

    def offers_easy(self, lang: str) -> bool:
        return lang in self.easy_languages

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    def is_public(self, today: date) -> bool:
        return self.published is not None and self.published <= today

    def is_current(self, today: date, replaced: frozenset[str] = frozenset()) -> bool:
        """Public and still in force: an open end while `until_replaced`, until a promise
        that replaces it is in force (`replaced`, from `replaced_promises`)."""
        if not self.is_public(today) or today < self.valid_from or self.id in replaced:
            return False
        return self.until_replaced or self.valid_until is None or today <= self.valid_until

    def status_counts(self) -> dict[str, int]:
        """How many activities are in each status, in the order of STATUSES, zeros left out."""
        counts = {status: 0 for status in STATUSES}
        for activity in self.activities:
            counts[activity.status] += 1
        return {status: n for status, n in counts.items() if n}

    def last_public_change(self, activity: Activity) -> date | None:
        """When residents last heard of the activity: its latest public update, or the day the
        promise was published."""
        latest = activity.latest_public_update()
        return latest.date if latest else self.published

    def days_quiet(self, activity: Activity, today: date) -> int | None:
        """Days since residents last heard of the activity (None before it is public)."""
        last = self.last_public_change(activity)
        return (today - last).days if last else None


def quiet_days(promise: Promise, activity: Activity, today: date, after: int) -> int | None:
    """The days without public news on `activity`, when more than `after`; else None."""
    days = promise.days_quiet(activity, today)
    return days if days is not None and days > after else None


def missing_approvals(promise: Promise, approved_parties: set[str]) -> tuple[str, ...]:
    """The parties (ids, in the promise's order) that have not yet approved."""
    return tuple(p.id for p in promise.parties if p.id not in approved_parties)


def replaced_promises(promises: Iterable[Promise], today: date) -> dict[str, Promise]:
    """Which promises are replaced, and by which: those named in `replaces` by a promise that
    is public and in force today."""
    found: dict[str, Promise] = {}
    for promise in promises:
        if promise.is_public(today) and promise.valid_from <= today:
            for earlier in promise.replaces:
                found.setdefault(earlier, promise)
    return found
