"""The published results as a reader sees them: labelled, formatted and suppressed for `lang`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

from kiosk.campaign_header import header_context
from kiosk.i18n import gettext as _
from kiosk.results.places_view import public_place_rows
from locales import format_number as number
from locales import format_share as percent
from storage.published_results import ResultsData, public_questions
from survey import Campaign, Question, Tally
from survey.weighting import Representativeness

CHANNELS = ("web", "kiosk", "telegram", "paper")
# The page quotes this many approved comments (the first ones); the JSON holds them all.
QUOTED_COMMENTS = 100


def channel_label(channel: str) -> str:
    names = {
        "web": _("Webbenkät"),
        "kiosk": _("Kiosk"),
        "telegram": _("Telegram"),
        "paper": _("Papper och workshop"),
    }
    return names.get(channel, channel)


def mean_text(question: Question, mean: float | None, lang: str) -> str | None:
    """A scale's mean as the pages say it ("medelvärde 2,4 på en skala 1–4"); None where
    there is none to show."""
    if mean is None:
        return None
    top = sum(1 for option in question.options if option.scored)
    return _("medelvärde %(mean)s på en skala 1–%(top)s") % {
        "mean": format_decimal(mean, format="0.0", locale=lang),
        "top": number(top, lang),
    }


@dataclass(frozen=True)
class RankRow:
    rank: int
    area: str
    label: str
    votes: int
    votes_text: str  # as the language writes the number
    share: str


def rank_rows(campaign: Campaign, tally: Tally, lang: str) -> list[RankRow]:
    """The ranked areas as every page shows them (staff and public): tied areas share a rank."""
    return [
        RankRow(
            c.rank,
            c.area,
            campaign.text(campaign.area(c.area).label, lang),
            c.votes,
            number(c.votes, lang),
            percent(c.share, lang),
        )
        for c in tally.areas
    ]


def theme_label(campaign: Campaign, name: str, lang: str) -> str:
    """A theme in `lang`: staff name themes in the campaign's first language, and a name that
    is one of the campaign file's themes has its translations there."""
    for rule in campaign.analysis.themes:
        if rule.name.get(campaign.default_language, "").casefold() == name.casefold():
            return campaign.text(rule.name, lang)
    return name


def _representativeness(campaign: Campaign, rep: Representativeness, lang: str) -> dict:
    question = campaign.question(rep.reference.question)
    option_label = {o.id: campaign.text(o.label, lang) for o in question.options}
    return {
        "question": campaign.text(question.text, lang),
        "source": rep.reference.source,
        "year": rep.reference.year,
        "illustrative": rep.reference.illustrative,
        "groups": [
            (
                option_label[g.option],
                number(g.respondents, lang) if g.respondents is not None else "<5",
                percent(g.respondents_share, lang) if g.respondents_share is not None else "",
                percent(g.population_share, lang),
            )
            for g in rep.groups
        ],
        "weighted": [
            (w.rank, campaign.text(campaign.area(w.area).label, lang), percent(w.share, lang))
            for w in rep.weighted
        ],
        "left_out": [option_label[o] for o in rep.left_out],
    }


def public_question_rows(data: ResultsData, lang: str) -> list[dict[str, Any]]:
    """The public questions as the page shows them (`public_questions`: a count under five
    is None), in `lang`: each option's count or "färre än 5", and a scale's mean."""
    campaign = data.campaign
    few = _("färre än 5")
    shown = []
    for found in public_questions(campaign, data.questions):
        question = campaign.question(found["id"])
        answered = found["answered"]
        shown.append(
            {
                "id": question.id,
                "kind": question.kind,
                "text": campaign.text(question.text, lang),
                "answered": number(answered, lang) if answered is not None else few,
                "rows": [
                    (
                        campaign.text(question.option(row["option"]).label, lang),
                        number(row["count"], lang) if row["count"] is not None else few,
                    )
                    for row in found["counts"]
                ],
                "mean": mean_text(question, found["mean"], lang),
            }
        )
    return shown


def results_context(data: ResultsData, lang: str) -> dict[str, Any]:
    """Everything `results/page.html` shows."""
    campaign = data.campaign
    tally = data.tally
    area_label = {a.id: campaign.text(a.label, lang) for a in campaign.areas}
    published = data.publication.published_at if data.publication else None
    return {
        **header_context(campaign, lang),
        "participants": tally.participants,
        "participants_text": number(tally.participants, lang),
        "comments_count": tally.comments,
        "comments_text": number(tally.comments, lang),
        "pick": campaign.pick,
        "published": format_date(
            _parse(published).astimezone(ZoneInfo(campaign.timezone)).date(), "long", locale=lang
        )
        if published
        else "",
        "channels": [
            (
                channel_label(ch),
                number(tally.by_channel[ch], lang),
                [(venue, number(n, lang)) for venue, n in data.venues.get(ch, [])],
            )
            for ch in CHANNELS
            if tally.by_channel.get(ch)
        ],
        "ranking": rank_rows(campaign, tally, lang),
        "flagged": data.flagged,
        "flagged_text": number(data.flagged, lang),
        "unflagged_participants": number(data.tally_unflagged.participants, lang),
        "ranking_unflagged": rank_rows(campaign, data.tally_unflagged, lang),
        "themes": [(theme_label(campaign, name, lang), number(n, lang)) for name, n in data.themes],
        "summary": data.summary.get(lang) or data.summary.get(campaign.default_language, ""),
        "summary_lang": lang if lang in data.summary else campaign.default_language,
        "comments": [
            (c.text, [area_label.get(a, a) for a in c.areas])
            for c in data.comments[:QUOTED_COMMENTS]
        ],
        "approved_count": len(data.comments),
        "approved_text": number(len(data.comments), lang),
        "quoted_text": number(min(len(data.comments), QUOTED_COMMENTS), lang),
        "questions": public_question_rows(data, lang),
        "places": public_place_rows(data, lang),
        "representativeness": _representativeness(campaign, data.representativeness, lang)
        if data.representativeness
        else None,
    }


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
