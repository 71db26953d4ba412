"""Where residents marked places, for staff: a map of the places gathered into clusters,
and the same as tables (residents and places per zone, places per reason, the busiest
cells), filtered on the server by channel, venue and area chosen, so the page works without
a script."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.i18n import current_language, gettext
from kiosk.staff.figures import channel_name, number
from kiosk.staff.layout import campaign_of, render
from storage.place_breakdowns import PlaceFilter, place_summary
from storage.result_breakdowns import sources_by_channel
from survey import Campaign
from survey.campaign import Question
from survey.place_counts import place_questions
from survey.place_summary import NO_REASON, PlaceSummary
from survey.validation import CHANNELS


def _question(campaign: Campaign, query) -> Question:
    """The place question asked for, or the campaign's first; 404 when it has none."""
    questions = place_questions(campaign) if campaign.map else []
    if not questions:
        raise web.HTTPNotFound(text=gettext("Den här medborgardialogen frågar inte om platser."))
    return next((q for q in questions if q.id == query.get("question")), questions[0])


def _filter(campaign: Campaign, query, venues: list[str]) -> PlaceFilter:
    """The filters of a query; unknown values are ignored rather than refused."""
    channel = query.get("channel") if query.get("channel") in CHANNELS else None
    venue = query.get("venue") if query.get("venue") in venues else None
    area = query.get("area") if campaign.area(query.get("area", "")) else None
    return PlaceFilter(channel, venue, area)


def map_data(campaign: Campaign, summary: PlaceSummary, lang: str) -> dict[str, Any]:
    """The map as the page's script draws it: bounds (latitude first), tiles, the zones
    named in `lang`, and the clusters of every size."""
    area_map = campaign.map
    return {
        "bounds": [list(corner) for corner in area_map.bounds],
        "tiles": area_map.tiles,
        "attribution": area_map.attribution,
        "zones": [
            {
                "id": z.id,
                "name": campaign.text(z.name, lang),
                "polygon": [list(p) for p in z.polygon],
            }
            for z in area_map.zones
        ],
        **summary.as_map(),
    }


def _tables(campaign: Campaign, question: Question, summary: PlaceSummary, lang: str) -> dict:
    zones = campaign.map.zones
    zone_rows = [
        (
            campaign.text(z.name, lang),
            number(summary.zone_residents.get(z.id, 0), lang),
            number(summary.zone_places.get(z.id, 0), lang),
        )
        for z in zones
    ]
    reasons = [
        (campaign.text(o.label, lang), summary.reasons.get(o.id, 0)) for o in question.options
    ]
    reasons.append((gettext("Ingen anledning angiven"), summary.reasons.get(NO_REASON, 0)))
    names = {z.id: campaign.text(z.name, lang) for z in zones}
    busiest = [
        (
            f"{lat:.5f}, {lon:.5f}",  # latitude, longitude: as GIS tools read them
            names.get(campaign.map.zone_at(lat, lon) or "", gettext("utanför områdena")),
            number(n, lang),
        )
        for lat, lon, n in summary.busiest()
    ]
    return {
        "zone_rows": zone_rows,
        "outside_row": (
            number(summary.outside_residents, lang),
            number(summary.outside_places, lang),
        ),
        "reason_rows": [(label, number(n, lang)) for label, n in reasons],
        "busiest": busiest,
    }


async def places_page(request: web.Request) -> web.Response:
    """The places marked, on a map and as tables, for the filters chosen."""
    campaign = campaign_of(request)
    question = _question(campaign, request.query)
    store = request.app[STORE]
    sources = await store.read(sources_by_channel, campaign)
    venues = sorted({venue for found in sources.values() for venue, _ in found})
    wanted = _filter(campaign, request.query, venues)
    summary = await store.read(place_summary, campaign, question, wanted)
    lang = current_language()
    context = {
        "campaign": campaign,
        "active": "places",
        "question": question,
        "questions": [(q.id, campaign.text(q.text, lang)) for q in place_questions(campaign)],
        "wanted": wanted,
        "channels": [(c, channel_name(c)) for c in CHANNELS],
        "venues": venues,
        "area_choices": [(a.id, campaign.text(a.label, lang)) for a in campaign.areas],
        "summary": summary,
        "residents": number(summary.residents, lang),
        "places": number(summary.places, lang),
        "map_json": json.dumps(map_data(campaign, summary, lang), ensure_ascii=False),
        **_tables(campaign, question, summary, lang),
    }
    return render(request, "staff/places.html", context)
