"""A campaign as plain JSON-ready data: what the API serves and what the store records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from survey.campaign import Campaign
from survey.walk import step_as_dict, steps


def campaign_as_dict(campaign: Campaign, now: datetime | None = None) -> dict[str, Any]:
    """The campaign as the channels need it (the shape of `GET /api/v1/campaigns/{id}`)."""
    return {
        "id": campaign.id,
        "title": dict(campaign.title),
        "intro": dict(campaign.intro),
        "next_steps": dict(campaign.next_steps),
        "organisers": list(campaign.organisers),
        "organiser_names": [dict(name) for name in campaign.organiser_names],
        "pick": campaign.pick,
        "opens": campaign.opens.isoformat(),
        "closes": campaign.closes.isoformat() if campaign.closes else None,
        "status": campaign.status(now),
        "languages": list(campaign.languages),
        "areas": [{"id": a.id, "label": dict(a.label)} for a in campaign.areas],
        "comment": {
            "required": campaign.comment.required,
            "max_length": campaign.comment.max_length,
        },
        "questions": [
            {
                "id": q.id,
                "text": dict(q.text),
                "options": [{"id": o.id, "label": dict(o.label)} for o in q.options],
            }
            for q in campaign.questions
        ],
        "steps": [step_as_dict(step) for step in steps(campaign)],
    }
