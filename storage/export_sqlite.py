"""The analyst copy: one campaign's answers as a SQLite file for Datasette, with labels in
the export's language, a tally view and a `metadata.json` beside it.

Only what may be handed out: no staff tables, sessions, audit log, kiosk keys, drafts or
pseudonyms, and a comment only once staff have approved it, with personal data redacted.
A campaign with a place question gets a `places` table, one row per place marked; a note
on a place is a comment no one approves, so the copy leaves it empty.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from locales.export_columns import CHANNELS, COPY_DESCRIPTION, DESCRIPTIONS, TABLE_DESCRIPTIONS
from storage.export_geojson import iter_places, place_questions
from storage.export_tables import question_labels, responses_table
from storage.moderation import iter_comments, published_text
from survey import Campaign
from survey.kinds import kind_of

LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
SCHEMA = """
CREATE TABLE areas (id TEXT PRIMARY KEY, position INTEGER NOT NULL, label TEXT NOT NULL);
CREATE TABLE response_areas (
    response_id TEXT NOT NULL REFERENCES responses(id),
    area TEXT NOT NULL REFERENCES areas(id),
    PRIMARY KEY (response_id, area)
);
CREATE INDEX response_areas_by_area ON response_areas (area);
CREATE VIEW tally AS
    SELECT areas.id AS area, areas.label AS label, count(response_areas.area) AS votes,
        round(100.0 * count(response_areas.area) / max((SELECT count(*) FROM responses), 1), 1)
            AS share_percent
    FROM areas LEFT JOIN response_areas ON response_areas.area = areas.id
    GROUP BY areas.id ORDER BY votes DESC, areas.position;
"""
PLACES_SCHEMA = """
CREATE TABLE places (
    response_id TEXT NOT NULL REFERENCES responses(id),
    question TEXT NOT NULL,
    n INTEGER NOT NULL,
    lat REAL,
    lon REAL,
    zone TEXT,
    option TEXT,
    note TEXT,
    PRIMARY KEY (response_id, question, n)
);
CREATE INDEX places_by_zone ON places (question, zone);
"""


def write_analyst_copy(
    db: Database, campaign: Campaign, out: Path, lang: str, gettext: Callable[[str], str]
) -> int:
    """Write the copy to `out` (replaced whole) and `metadata.json` beside it; returns the
    number of answers copied."""
    table = responses_table(db, campaign, lang)
    keys = table.keys
    questions = [column for q in campaign.questions for column in kind_of(q).columns(q)]
    with_places = bool(place_questions(campaign))
    # A place's note is not moderated: the copy keeps its column, empty.
    notes = {
        f"{q.id}.{n}.note"
        for q in campaign.questions
        if q.kind == "place"
        for n in range(1, q.max + 1)
    }
    approved = {c.id: published_text(c) for c in iter_comments(db, campaign.id, only_approved=True)}
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial)
    try:
        columns = ", ".join(f'"{q}" TEXT' for q in questions)
        copy.execute(
            "CREATE TABLE responses (id TEXT PRIMARY KEY, submitted_at TEXT, "
            "submitted_at_utc TEXT, channel TEXT, source TEXT, locale TEXT, comment TEXT, "
            "sample INTEGER NOT NULL DEFAULT 0, easy_read INTEGER NOT NULL DEFAULT 0"
            f"{', ' + columns if columns else ''})"
        )
        copy.executescript(SCHEMA)
        if with_places:
            copy.executescript(PLACES_SCHEMA)
        copy.executemany(
            "INSERT INTO areas VALUES (?, ?, ?)",
            [(a.id, n, campaign.text(a.label, lang)) for n, a in enumerate(campaign.areas, 1)],
        )
        area_at = {keys.index(f"area_{a.id}"): a.id for a in campaign.areas}
        question_at = [None if q in notes else keys.index(q) for q in questions]
        sample_at = keys.index("sample") if "sample" in keys else None
        easy_at = keys.index("easy_read")
        marks = ", ".join("?" * (9 + len(questions)))
        count = 0
        for row in table.rows:
            id_ = row[0]
            channel = gettext(CHANNELS[row[3]]) if row[3] in CHANNELS else row[3]
            sample = 1 if sample_at is not None and row[sample_at] else 0
            values = [id_, row[1], row[2], channel, row[4] or None, row[5]]
            values += [approved.get(id_), sample, 1 if row[easy_at] else 0]
            values += [None if i is None else row[i] or None for i in question_at]
            copy.execute(f"INSERT INTO responses VALUES ({marks})", values)
            copy.executemany(
                "INSERT INTO response_areas VALUES (?, ?)",
                [(id_, area) for i, area in area_at.items() if row[i]],
            )
            count += 1
        if with_places:
            copy.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    (row[0], q, n, p.get("lat"), p.get("lon"), p.get("zone"), p.get("option"))
                    for row, q, n, p in iter_places(db, campaign)
                ),
            )
        copy.commit()
        copy.execute("VACUUM")
    except BaseException:
        copy.close()
        partial.unlink(missing_ok=True)
        raise
    copy.close()
    partial.replace(out)
    metadata = analyst_metadata(campaign, out.stem, lang, gettext)
    out.with_name("metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return count


def analyst_metadata(
    campaign: Campaign, database: str, lang: str, gettext: Callable[[str], str]
) -> dict:
    """Datasette's metadata: title, source, licence, and what each column holds."""

    def described(*names: str) -> dict[str, str]:
        return {name: gettext(DESCRIPTIONS[name]) for name in names}

    questions = {
        column: label
        for q in campaign.questions
        for column, label in zip(
            kind_of(q).columns(q), question_labels(campaign, q, lang, gettext), strict=True
        )
    }
    columns = {
        "responses": {
            **described(
                "id",
                "submitted_at",
                "submitted_at_utc",
                "channel",
                "source",
                "locale",
                "comment",
                "sample",
                "easy_read",
            ),
            **questions,
        },
        "areas": {"id": gettext(DESCRIPTIONS["area"]), **described("label", "position")},
        "response_areas": described("response_id", "area"),
        "tally": described("area", "label", "votes", "share_percent"),
    }
    if place_questions(campaign):
        columns["places"] = described(
            "response_id", "question", "n", "lat", "lon", "zone", "option", "note"
        )
    tables = {
        name: {"description": gettext(TABLE_DESCRIPTIONS[name]), "columns": columns[name]}
        for name in TABLE_DESCRIPTIONS
        if name in columns
    }
    return {
        "title": campaign.text(campaign.title, lang),
        "description": gettext(COPY_DESCRIPTION),
        "source": " · ".join(campaign.organisers),
        "license": LICENCE[0],
        "license_url": LICENCE[1],
        "databases": {database: {"tables": tables}},
    }
