"""The places of one place question as staff filter them: by channel, venue and an area
chosen, counted by `survey.place_summary`. Read on a read connection; only answers that hold
the question are decoded."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from survey import Campaign
from survey.campaign import Question
from survey.place_summary import PlaceSummary, summarise_places


@dataclass(frozen=True)
class PlaceFilter:
    """Which answers' places to count; None means any."""

    channel: str | None = None
    venue: str | None = None
    area: str | None = None


def place_summary(
    db: Database, campaign: Campaign, question: Question, wanted: PlaceFilter
) -> PlaceSummary:
    """The question's places in the answers the filter keeps."""
    clauses = ["campaign = ?", "instr(answers, ?) > 0"]
    params: list = [campaign.id, json.dumps(question.id) + ":"]
    if wanted.channel:
        clauses.append("channel = ?")
        params.append(wanted.channel)
    if wanted.venue:
        clauses.append("source = ?")
        params.append(wanted.venue)
    if wanted.area:
        clauses.append("EXISTS (SELECT 1 FROM json_each(areas) WHERE json_each.value = ?)")
        params.append(wanted.area)
    cursor = db.conn.execute(f"SELECT answers FROM responses WHERE {' AND '.join(clauses)}", params)
    return summarise_places(campaign, question, (json.loads(raw) for (raw,) in cursor))
