"""The JSON export, streamed in the shape docs/architecture.md gives; a sample answer of the
demo carries `"sample": true`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlite_utils import Database

from storage.responses import count_tally, iter_responses
from survey import Campaign
from survey.serialize import campaign_as_dict


def sample_ids(db: Database, campaign: str) -> set[str]:
    """The ids of the campaign's sample answers (the demo's; none in a real dialogue)."""
    sql = "SELECT id FROM responses WHERE campaign = ? AND sample = 1"
    return {id_ for (id_,) in db.conn.execute(sql, (campaign,))}


def json_export_chunks(db: Database, campaign: Campaign) -> Iterator[str]:
    """The export as text chunks, one response at a time, so memory stays flat."""
    tally = count_tally(db, campaign)
    lang = campaign.default_language
    head = {
        "campaign": campaign_as_dict(campaign),
        "participants": tally.participants,
        "tally": [
            {"area": c.area, "label": campaign.area(c.area).label[lang], "votes": c.votes}
            for c in tally.areas
        ],
    }
    text = json.dumps(head, ensure_ascii=False, indent=1)
    yield text[:-2] + ',\n "responses": ['
    sample = sample_ids(db, campaign.id)
    for index, r in enumerate(iter_responses(db, campaign.id)):
        row = {
            "id": r.id,
            "channel": r.channel,
            "source": r.source,
            "locale": r.locale,
            # A paper answer has a day, not a time: its paper date stands in for the time.
            "submitted_at": r.paper_date or r.submitted_at,
            "areas": list(r.areas),
            "comment": r.comment,
            "answers": dict(r.answers),
            "late": r.late,
            "easy_read": r.easy_read,
        }
        if r.id in sample:
            row["sample"] = True
        yield ("\n  " if index == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False)
    yield "\n ]\n}\n"
