"""The published places as a reader sees them: per public place question, the residents who
marked a place in each zone (or "färre än 5") as a table, and the same zones shaded by
their counts on a map of our own, without tiles (a public page asks no other site)."""

from __future__ import annotations

import json
from typing import Any

from kiosk.i18n import gettext as _
from locales import format_number as number
from storage.published_results import ResultsData, public_places


def public_place_rows(data: ResultsData, lang: str) -> list[dict[str, Any]]:
    """Each public place question: its text, a row per zone and one outside the zones, and
    the map's data (bounds, zones with their counts; null under five) as JSON."""
    campaign = data.campaign
    area_map = campaign.map
    if area_map is None:
        return []
    few = _("färre än 5")
    shown = []
    for found in public_places(campaign, data.places):
        question = campaign.question(found["question"])
        counts = {row["zone"]: row["count"] for row in found["zones"]}
        zones = [
            {
                "id": zone.id,
                "name": campaign.text(zone.name, lang),
                "polygon": [list(p) for p in zone.polygon],
                "count": counts.get(zone.id),
                "count_text": number(counts[zone.id], lang)
                if counts.get(zone.id) is not None
                else few,
            }
            for zone in area_map.zones
        ]
        outside = found["outside_zones"]
        shown.append(
            {
                "id": question.id,
                "text": campaign.text(question.text, lang),
                "rows": [(z["name"], z["count_text"]) for z in zones],
                "outside": number(outside, lang) if outside is not None else few,
                "map_json": json.dumps(
                    {"bounds": [list(c) for c in area_map.bounds], "tiles": None, "zones": zones},
                    ensure_ascii=False,
                ),
            }
        )
    return shown
