"""A campaign as the data of its file: what `campaigns export` writes and the editor holds.

`check_document(campaign_document(c))` gives `c` again: a campaign made in the staff pages
is a campaign file like any other.
"""

from __future__ import annotations

from typing import Any

from survey import toml_writer
from survey.area_map import DEFAULT_PRECISION_M, AreaMap
from survey.campaign import BACKGROUND, TOPIC, Campaign, Question
from survey.kinds import kind_of


def campaign_document(campaign: Campaign) -> dict[str, Any]:
    """The keys and values of the campaign's file, in the order a person would write them."""
    analysis = campaign.analysis
    document: dict[str, Any] = {
        "id": campaign.id,
        "languages": list(campaign.languages),
        "opens": campaign.opens,
        "closes": campaign.closes,
        "closed_at": campaign.closed_at,
        "timezone": campaign.timezone,
        "pick": campaign.pick,
        "organisers": [dict(name) for name in campaign.organiser_names]
        or list(campaign.organisers),
        "places": list(analysis.places) or None,
        "title": dict(campaign.title),
        "intro": dict(campaign.intro),
        "next_steps": dict(campaign.next_steps),
        "comment": {
            "required": campaign.comment.required,
            "max_length": campaign.comment.max_length,
        },
        "areas": [{"id": a.id, "label": dict(a.label)} for a in campaign.areas],
        "map": map_document(campaign.map) if campaign.map else None,
        "questions": [question_document(q) for q in campaign.questions] or None,
        "themes": [
            {"id": t.id, "keywords": list(t.keywords), "name": dict(t.name)}
            for t in analysis.themes
        ]
        or None,
    }
    reference = analysis.reference
    if reference is not None:
        document["reference"] = {
            "question": reference.question,
            "source": reference.source,
            "year": reference.year,
            "illustrative": reference.illustrative,
            "shares": dict(reference.shares),
        }
    return {key: value for key, value in document.items() if value is not None}


def map_document(area_map: AreaMap) -> dict[str, Any]:
    """The `[map]` table: only what differs from the defaults."""
    document: dict[str, Any] = {"bounds": [list(corner) for corner in area_map.bounds]}
    if area_map.precision_m != DEFAULT_PRECISION_M:
        document["precision_m"] = area_map.precision_m
    if area_map.tiles:
        document["tiles"] = area_map.tiles
    if area_map.attribution:
        document["attribution"] = area_map.attribution
    if area_map.zones:
        document["zones"] = [
            {"id": z.id, "name": dict(z.name), "polygon": [list(p) for p in z.polygon]}
            for z in area_map.zones
        ]
    return document


def question_document(question: Question) -> dict[str, Any]:
    """A question as its file writes it: only what differs from the defaults."""
    document: dict[str, Any] = {"id": question.id}
    if question.kind != "choice":
        document["kind"] = question.kind
    if question.section != BACKGROUND:
        document["section"] = question.section
    if question.required:
        document["required"] = True
    if question.public != (question.section == TOPIC):
        document["public"] = question.public
    document.update(kind_of(question).document(question))
    document["text"] = dict(question.text)
    document["options"] = [
        {"id": o.id, **({} if o.scored else {"scored": False}), "label": dict(o.label)}
        for o in question.options
    ]
    return document


def campaign_as_toml(campaign: Campaign) -> str:
    """The campaign as the text of a campaign file."""
    return toml_writer.dumps(campaign_document(campaign))


def new_document(campaign_id: str, languages: list[str], opens) -> dict:
    """The start of a campaign written in the staff pages: its id, languages and opening
    day, and the default comment rule; the rest is filled in by the editor."""
    return {
        "id": campaign_id,
        "languages": list(languages),
        "opens": opens,
        "timezone": "Europe/Stockholm",
        "pick": 3,
        "organisers": [],
        "title": {},
        "intro": {},
        "next_steps": {},
        "comment": {"required": False, "max_length": 2000},
        "areas": [],
    }
