"""What the results page shows beyond the tally: answers per day and the background tables.

Counts only; the small-cell suppression is applied by `survey.suppression` where they are
shown or exported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from survey import Campaign
from survey.kinds import kind_of
from survey.place_counts import PlaceCounts, count_places, place_questions


def answers_per_day(db: Database, campaign: Campaign) -> list[tuple[date, int]]:
    """Responses per local calendar day of the campaign's time zone, oldest first.

    SQLite knows no time zones, so it counts per UTC hour (over an index) and the hours are
    put on local days here: exact wherever the offset is a whole number of hours.
    """
    zone = ZoneInfo(campaign.timezone)
    days: dict[date, int] = {}
    for hour, n in db.conn.execute(
        "SELECT substr(submitted_at, 1, 13), count(*) FROM responses WHERE campaign = ? GROUP BY 1",
        (campaign.id,),
    ):
        local = datetime.fromisoformat(hour + ":00:00+00:00").astimezone(zone).date()
        days[local] = days.get(local, 0) + n
    return sorted(days.items())


@dataclass(frozen=True)
class QuestionCounts:
    """How many answered each option of a background question, and which areas they chose."""

    question: str
    answered: int
    options: dict[str, int]
    areas_by_option: dict[str, dict[str, int]]


def background_counts(db: Database, campaign: Campaign) -> list[QuestionCounts]:
    """One `QuestionCounts` per question, in the campaign's order: each option counted once
    per resident who picked it (`survey.kinds`), and by the areas those residents chose."""
    options: dict[str, dict[str, int]] = {q.id: {} for q in campaign.questions}
    answered: dict[str, int] = dict.fromkeys(options, 0)
    crossed: dict[str, dict[str, dict[str, int]]] = {q.id: {} for q in campaign.questions}
    # One row per distinct choice of areas and answers, over the choice index.
    for areas, answers, n in db.conn.execute(
        "SELECT areas, answers, count(*) FROM responses WHERE campaign = ? GROUP BY areas, answers",
        (campaign.id,),
    ):
        chosen = json.loads(areas)
        for question_id, value in json.loads(answers).items():
            question = campaign.question(question_id)
            if question is None:
                continue
            answered[question_id] += n
            counts = options[question_id]
            for option in set(kind_of(question).picked(value)):
                counts[option] = counts.get(option, 0) + n
                by_area = crossed[question_id].setdefault(option, {})
                for area in chosen:
                    by_area[area] = by_area.get(area, 0) + n
    return [
        QuestionCounts(
            question=q.id,
            answered=answered[q.id],
            options=options[q.id],
            areas_by_option=crossed[q.id],
        )
        for q in campaign.questions
    ]


def place_counts(db: Database, campaign: Campaign) -> list[PlaceCounts]:
    """Residents per zone, outside the zones and per grid cell, for each place question
    (`survey.place_counts`); only answers that hold a place question are read."""
    questions = place_questions(campaign)
    if not questions:
        return []
    needles = " OR ".join("instr(answers, ?) > 0" for _ in questions)
    cursor = db.conn.execute(
        f"SELECT answers FROM responses WHERE campaign = ? AND ({needles})",
        (campaign.id, *(json.dumps(q.id) + ":" for q in questions)),
    )
    return count_places(campaign, ((json.loads(raw), 1) for (raw,) in cursor))


@dataclass
class OptionSplit:
    """How many in one group (a channel, or a venue of one) answered a question, and how
    many picked each option (each counted once per resident)."""

    answered: int
    options: dict[str, int]

    def add(self, picked: set[str], n: int) -> None:
        self.answered += n
        for option in picked:
            self.options[option] = self.options.get(option, 0) + n


@dataclass(frozen=True)
class QuestionSplits:
    """One question's answers by channel, and by venue (channel, venue) where one is known."""

    question: str
    by_channel: dict[str, OptionSplit]
    by_venue: dict[tuple[str, str], OptionSplit]


def question_splits(db: Database, campaign: Campaign) -> list[QuestionSplits]:
    """One `QuestionSplits` per question, in the campaign's order (every kind)."""
    channels: dict[str, dict[str, OptionSplit]] = {q.id: {} for q in campaign.questions}
    venues: dict[str, dict[tuple[str, str], OptionSplit]] = {q.id: {} for q in campaign.questions}
    # One row per channel, venue and distinct answers.
    for channel, source, answers, n in db.conn.execute(
        "SELECT channel, source, answers, count(*) FROM responses WHERE campaign = ? "
        "GROUP BY channel, source, answers",
        (campaign.id,),
    ):
        for question_id, value in json.loads(answers or "{}").items():
            question = campaign.question(question_id)
            if question is None:
                continue
            groups = [channels[question_id].setdefault(channel, OptionSplit(0, {}))]
            if source is not None:
                key = (channel, source)
                groups.append(venues[question_id].setdefault(key, OptionSplit(0, {})))
            picked = set(kind_of(question).picked(value))
            for group in groups:
                group.add(picked, n)
    return [
        QuestionSplits(q.id, by_channel=channels[q.id], by_venue=venues[q.id])
        for q in campaign.questions
    ]


def sources_by_channel(db: Database, campaign: Campaign) -> dict[str, list[tuple[str, int]]]:
    """The venues (kiosk places, workshops) of each channel, most answers first."""
    found: dict[str, list[tuple[str, int]]] = {}
    for channel, source, n in db.conn.execute(
        "SELECT channel, source, count(*) FROM responses WHERE campaign = ? AND source IS NOT NULL "
        "GROUP BY channel, source ORDER BY count(*) DESC, source",
        (campaign.id,),
    ):
        found.setdefault(channel, []).append((source, n))
    return found


def participants_by_campaign(db: Database) -> dict[str, int]:
    """How many answered each campaign (over the campaign index alone)."""
    return dict(db.conn.execute("SELECT campaign, count(*) FROM responses GROUP BY campaign"))


def easy_read_count(db: Database, campaign: Campaign) -> int:
    """How many of the campaign's answers were given in Lättläst (the easy-to-read texts)."""
    sql = "SELECT count(*) FROM responses WHERE campaign = ? AND easy_read = 1"
    return db.conn.execute(sql, (campaign.id,)).fetchone()[0]
