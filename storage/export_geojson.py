"""The GeoJSON export (RFC 7946): every place residents marked, one Feature each, streamed.

Positions are `[longitude, latitude]` (WGS84), as RFC 7946 says and as the places are kept
(rounded to the map's grid). A place chosen as a zone has no point: its Feature has
`"geometry": null` and the zone in its properties. Properties: the response's id, the
question, the place's number in the answer, zone, option (why), note, channel, venue (the
kiosk's or workshop's place) and when it was submitted (a paper answer's day).

Text goes through `json.dumps`, so a note is escaped as JSON wherever it is read; nothing
here is ever evaluated as a formula or markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from sqlite_utils import Database

from survey import Campaign

BATCH = 5000
# Features per yielded chunk: few enough to stay small, enough that writing is cheap.
CHUNK_FEATURES = 1000
MEDIA_TYPE = "application/geo+json"


def place_questions(campaign: Campaign) -> list[str]:
    """The ids of the campaign's place questions, in its order."""
    return [q.id for q in campaign.questions if q.kind == "place"]


def iter_places(db: Database, campaign: Campaign) -> Iterator[tuple[tuple, str, int, dict]]:
    """(response row, question id, place number from 1, place) for every place stored, in
    the order the answers came; the row is (id, submitted_at, paper_date, channel, source)."""
    questions = place_questions(campaign)
    if not questions:
        return
    # Only answers that hold a place question at all are decoded.
    needles = " OR ".join("instr(answers, ?) > 0" for _ in questions)
    cursor = db.conn.execute(
        "SELECT id, submitted_at, paper_date, channel, source, answers FROM responses "
        f"WHERE campaign = ? AND ({needles}) ORDER BY submitted_at, seq",
        (campaign.id, *(json.dumps(q) + ":" for q in questions)),
    )
    while batch := cursor.fetchmany(BATCH):
        for *row, raw in batch:
            answers = json.loads(raw)
            for question in questions:
                for n, place in enumerate(answers.get(question) or (), 1):
                    yield tuple(row), question, n, place


def _feature(row: tuple, question: str, n: int, place: dict[str, Any]) -> dict[str, Any]:
    id_, submitted_at, paper_date, channel, source = row
    lat, lon = place.get("lat"), place.get("lon")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "response": id_,
            "question": question,
            "n": n,
            "zone": place.get("zone"),
            "option": place.get("option"),
            "note": place.get("note"),
            "channel": channel,
            "venue": source,
            # A paper answer has a day, not a time: its paper date stands in for the time.
            "submitted_at": paper_date or submitted_at,
        },
    }


def geojson_chunks(
    db: Database, campaign: Campaign, on_features: Callable[[int], None] | None = None
) -> Iterator[str]:
    """The FeatureCollection as text chunks, a thousand features at a time: memory stays flat
    whatever the number of answers."""
    head = {"type": "FeatureCollection", "name": campaign.id}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "features": ['
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    lines: list[str] = []
    done = 0
    for row, question, n, place in iter_places(db, campaign):
        lines.append(("\n" if done == 0 else ",\n") + dumps(_feature(row, question, n, place)))
        done += 1
        if len(lines) >= CHUNK_FEATURES:
            yield "".join(lines)
            lines.clear()
            if on_features:
                on_features(done)
    yield "".join(lines) + "\n]}\n"
    if on_features:
        on_features(done)
