"""Everything the published results show, counted at one moment (staff see the same).

The JSON of `GET /api/v1/campaigns/{campaign}/results` is built here (its shape is in
docs/contract.md), with the representativeness added under its own key when the campaign
gives a reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.polygon import orient
from sqlite_utils import Database

from storage.answer_flags import campaign_flags, tally_without
from storage.moderation import iter_comments, list_tags, published_text, themes_with_quotes
from storage.publication import Publication, publication, summaries
from storage.responses import count_tally
from storage.result_breakdowns import (
    QuestionCounts,
    background_counts,
    place_counts,
    sources_by_channel,
)
from survey import Campaign, Tally
from survey.kinds import kind_of
from survey.place_counts import Grid, PlaceCounts
from survey.suppression import THRESHOLD, suppress
from survey.weighting import Representativeness, compare


@dataclass(frozen=True)
class PublicComment:
    text: str
    areas: tuple[str, ...]
    themes: tuple[str, ...]


@dataclass(frozen=True)
class ResultsData:
    """A campaign's results as published (or as they would be, while not published)."""

    campaign: Campaign
    publication: Publication | None
    tally: Tally
    flagged: int
    tally_unflagged: Tally
    venues: dict[str, list[tuple[str, int]]]
    themes: list[tuple[str, int]]
    summary: dict[str, str]
    comments: list[PublicComment]
    representativeness: Representativeness | None
    questions: list[QuestionCounts]
    places: list[PlaceCounts] = field(default_factory=list)


def _representativeness(
    campaign: Campaign, questions: list[QuestionCounts]
) -> Representativeness | None:
    reference = campaign.analysis.reference
    if reference is None:
        return None
    counted = next(c for c in questions if c.question == reference.question)
    return compare(
        reference, counted.options, counted.areas_by_option, [a.id for a in campaign.areas]
    )


def results_data(db: Database, campaign: Campaign) -> ResultsData:
    """Count everything the results page shows."""
    tally = count_tally(db, campaign)
    flags = campaign_flags(db, campaign.id)
    left_out = flags.counted
    tag_names = {t.id: t.name for t in list_tags(db, campaign.id)}
    comments = [
        PublicComment(
            published_text(c),
            c.areas,
            tuple(sorted(tag_names[t] for t in c.tag_ids if t in tag_names)),
        )
        for c in iter_comments(db, campaign.id, only_approved=True)
    ]
    questions = background_counts(db, campaign)
    return ResultsData(
        campaign=campaign,
        publication=publication(db, campaign.id),
        tally=tally,
        flagged=len(left_out),
        tally_unflagged=tally_without(db, campaign, tally, left_out),
        venues=sources_by_channel(db, campaign),
        themes=[(t.name, t.comments) for t in themes_with_quotes(db, campaign.id, quotes=0)],
        summary=summaries(db, campaign.id),
        comments=comments,
        representativeness=_representativeness(campaign, questions),
        questions=questions,
        places=place_counts(db, campaign),
    )


def _tally_rows(campaign: Campaign, tally: Tally) -> list[dict[str, Any]]:
    return [
        {
            "area": c.area,
            "label": dict(campaign.area(c.area).label),
            "votes": c.votes,
            "share": round(c.share, 4),
            "rank": c.rank,
        }
        for c in tally.areas
    ]


def results_json(data: ResultsData) -> dict[str, Any]:
    """The published results in the JSON shape of docs/contract.md."""
    campaign = data.campaign
    found: dict[str, Any] = {
        "campaign": campaign.id,
        "published_at": data.publication.published_at if data.publication else None,
        "participants": data.tally.participants,
        "channels": dict(data.tally.by_channel),
        "venues": {ch: dict(found) for ch, found in data.venues.items()},
        "tally": _tally_rows(campaign, data.tally),
        "flagged": data.flagged,
        "tally_unflagged": _tally_rows(campaign, data.tally_unflagged),
        "themes": [{"theme": name, "count": n} for name, n in data.themes],
        "summary": data.summary,
        "comments": [
            {"text": c.text, "areas": list(c.areas), "themes": list(c.themes)}
            for c in data.comments
        ],
        "questions": public_questions(campaign, data.questions),
        "places": public_places(campaign, data.places),
    }
    rep = data.representativeness
    if rep is not None:
        found["representativeness"] = {
            "question": rep.reference.question,
            "source": rep.reference.source,
            "year": rep.reference.year,
            "illustrative": rep.reference.illustrative,
            "groups": [
                {
                    "option": g.option,
                    "respondents": g.respondents,
                    "respondents_share": g.respondents_share,
                    "population_share": g.population_share,
                }
                for g in rep.groups
            ],
            "weighted": [{"area": w.area, "share": w.share, "rank": w.rank} for w in rep.weighted],
            "left_out": list(rep.left_out),
        }
    return found


def public_questions(campaign: Campaign, counted: list[QuestionCounts]) -> list[dict[str, Any]]:
    """The public questions' counts and, for a scale, its mean; a count under five is not
    shown (nor, where the whole is under five, the whole or the mean)."""
    shown = []
    for counts in counted:
        question = campaign.question(counts.question)
        if question is None or not question.public or question.kind == "place":
            continue  # places are published per zone (`places`)
        few = counts.answered < THRESHOLD
        values = suppress([counts.options.get(o.id, 0) for o in question.options])
        shown.append(
            {
                "id": question.id,
                "kind": question.kind,
                "answered": None if few else counts.answered,
                "counts": [
                    {"option": o.id, "label": dict(o.label), "count": None if few else n}
                    for o, n in zip(question.options, values, strict=True)
                ],
                "mean": None if few else _rounded(kind_of(question).mean(question, counts.options)),
            }
        )
    return shown


def _rounded(mean: float | None) -> float | None:
    return None if mean is None else round(mean, 2)


def public_places(campaign: Campaign, counted: list[PlaceCounts]) -> list[dict[str, Any]]:
    """Residents per zone and outside the zones, for each public place question; a count
    under five is not shown (nor, where only one would be hidden, the next smallest)."""
    shown = []
    zones = campaign.map.zones if campaign.map else ()
    for counts in counted:
        question = campaign.question(counts.question)
        if question is None or not question.public:
            continue
        *per_zone, outside = suppress(
            [counts.zones.get(z.id, 0) for z in zones] + [counts.outside_zones]
        )
        shown.append(
            {
                "question": question.id,
                "zones": [
                    {"zone": z.id, "label": dict(z.name), "count": n}
                    for z, n in zip(zones, per_zone, strict=True)
                ],
                "outside_zones": outside,
            }
        )
    return shown


def places_geojson(data: ResultsData) -> dict[str, Any]:
    """The published places as GeoJSON (RFC 7946, `[longitude, latitude]`): each zone as its
    polygon with the residents who marked a place in it (null under five), and beyond the
    zones the grid cells where at least five residents marked a place. Never a point."""
    campaign = data.campaign
    features: list[dict[str, Any]] = []
    if campaign.map is None:
        return {"type": "FeatureCollection", "features": features}
    grid = Grid.over(campaign.map)
    counted = {c.question: c for c in data.places}
    for shown in public_places(campaign, data.places):
        question = shown["question"]
        for zone, row in zip(campaign.map.zones, shown["zones"], strict=True):
            # RFC 7946: an outer ring runs counter-clockwise, whichever way the file drew it.
            ring = [list(p) for p in orient(zone.shape, 1.0).exterior.coords]
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                    "properties": {
                        "question": question,
                        "kind": "zone",
                        "zone": zone.id,
                        "label": row["label"],
                        "count": row["count"],
                    },
                }
            )
        cells = counted[question].cells
        for cell in sorted(cells):
            if cells[cell] < THRESHOLD:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [grid.ring(cell)]},
                    "properties": {"question": question, "kind": "cell", "count": cells[cell]},
                }
            )
    return {"type": "FeatureCollection", "features": features}
