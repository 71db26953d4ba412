"""`GET /api/v1/campaigns/{campaign}/results.csv`: the published aggregate as open data.

One table, UTF-8, one header row of machine names, one row per priority area (and, where a
campaign marks background questions public, one per option of each): the same figures as
the published results, with every count under five left empty (and a partner, so a known
total cannot give it away; `survey.suppression`). Texts that start like a formula get a
leading apostrophe. 404 until staff publish the results. Never an answer, a comment, or a
count of fewer than five residents.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, STORE
from kiosk.edge.errors import json_error
from kiosk.i18n import gettext as _
from kiosk.results.cache import RESULTS_CACHE
from storage.published_results import ResultsData, public_questions
from survey import Campaign
from survey.formula import neutralise
from survey.suppression import suppress

CONTENT_TYPE = "text/csv"
FIXED_COLUMNS = ("table", "question", "id")
FIGURE_COLUMNS = ("count", "share", "rank")


def columns(campaign: Campaign) -> list[str]:
    """The header row: what each column holds, by a stable machine name."""
    labels = [f"label_{lang}" for lang in campaign.languages]
    return [*FIXED_COLUMNS, *labels, *FIGURE_COLUMNS]


def _texts(campaign: Campaign, text) -> list[str]:
    return [neutralise(campaign.text(text, lang)) for lang in campaign.languages]


def _share(count: int | None, total: int) -> str:
    return "" if count is None or not total else f"{count / total:.4f}"


def area_rows(data: ResultsData) -> Iterable[list[str]]:
    """One row per area, ranked as published; a count under five (and its partner) empty."""
    campaign, tally = data.campaign, data.tally
    shown = suppress([count.votes for count in tally.areas])
    for count, votes in zip(tally.areas, shown, strict=True):
        yield [
            "areas",
            "",
            count.area,
            *_texts(campaign, campaign.area(count.area).label),
            "" if votes is None else str(votes),
            _share(votes, tally.participants),
            str(count.rank),
        ]


def question_rows(data: ResultsData) -> Iterable[list[str]]:
    """One row per option of each public question, with the counts the results publish."""
    campaign = data.campaign
    for published in public_questions(campaign, data.questions):
        question = campaign.question(published["id"])
        for option, shown in zip(question.options, published["counts"], strict=True):
            count = shown["count"]
            yield [
                "questions",
                question.id,
                option.id,
                *_texts(campaign, option.label),
                "" if count is None else str(count),
                _share(count, published["answered"] or 0),
                "",
            ]


def results_csv(data: ResultsData) -> bytes:
    """The published figures as CSV text, encoded as UTF-8 (no byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(data.campaign))
    writer.writerows(area_rows(data))
    writer.writerows(question_rows(data))
    return out.getvalue().encode()


async def results_csv_view(request: web.Request) -> web.Response:
    """The published results of a campaign as CSV; 404 before publishing."""
    campaign = request.app[CAMPAIGNS].get(request.match_info["campaign"])
    if campaign is None:
        return json_error(404, "campaign.unknown", _("Den enkäten finns inte."))
    store = request.app[STORE]
    data, body = await request.app[RESULTS_CACHE].rendered(
        store, campaign, ("open_data", "csv"), results_csv
    )
    if data.publication is None:
        return json_error(404, "results.not_published", _("Resultatet är inte publicerat."))
    return web.Response(
        body=body,
        content_type=CONTENT_TYPE,
        charset="utf-8",
        headers={
            "Content-Disposition": f'inline; filename="{campaign.id}-results.csv"',
        },
    )
