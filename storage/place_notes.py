"""The notes residents wrote on places they marked, moderated as comments are: new, approved
or hidden. A note lives in its answer (the `n`th place, from 0, of a place question); the
decision beside it counts only while the answer is unchanged (see m013)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from storage.moderation import STATUSES
from storage.responses import now_iso

PAGE_SIZE = 50
_CURRENT = "m.moderated_at >= r.updated_at"
_STATUS = f"CASE WHEN {_CURRENT} THEN m.status ELSE 'new' END"


@dataclass(frozen=True)
class PlaceNote:
    """One place's note as moderators see it, with where the place is."""

    response: str
    n: int
    channel: str
    source: str | None
    submitted_at: str
    text: str
    zone: str | None
    option: str | None
    lat: float | None
    lon: float | None
    status: str
    moderated_by: str | None


def _query(status: str | None) -> tuple[str, str]:
    """The FROM and WHERE of the notes of one question (and status, when given)."""
    source = (
        "FROM responses r, json_each(r.answers, ?) p "
        "LEFT JOIN place_note_moderation m ON m.response_seq = r.seq "
        "AND m.question = ? AND m.n = p.key"
    )
    where = "r.campaign = ? AND json_extract(p.value, '$.note') IS NOT NULL"
    if status:
        where += f" AND {_STATUS} = ?"
    return source, where


def _params(campaign: str, question: str, status: str | None) -> list:
    params = [f'$."{question}"', question, campaign]
    return [*params, status] if status else params


def count_notes(db: Database, campaign: str, question: str, status: str | None = None) -> int:
    source, where = _query(status)
    sql = f"SELECT count(*) {source} WHERE {where}"
    return db.conn.execute(sql, _params(campaign, question, status)).fetchone()[0]


def list_notes(
    db: Database,
    campaign: str,
    question: str,
    status: str | None = None,
    page: int = 1,
    size: int = PAGE_SIZE,
) -> list[PlaceNote]:
    """One page of the question's notes, newest answers first."""
    source, where = _query(status)
    rows = db.conn.execute(
        f"SELECT r.id, p.key, r.channel, r.source, coalesce(r.paper_date, r.submitted_at), "
        f"p.value, {_STATUS}, CASE WHEN {_CURRENT} THEN m.moderated_by END "
        f"{source} WHERE {where} ORDER BY r.seq DESC, p.key LIMIT ? OFFSET ?",
        [*_params(campaign, question, status), size, (max(page, 1) - 1) * size],
    ).fetchall()
    notes = []
    for response, n, channel, venue, when, raw, state, by in rows:
        place = json.loads(raw)
        notes.append(
            PlaceNote(
                response=response,
                n=int(n),
                channel=channel,
                source=venue,
                submitted_at=when,
                text=place["note"],
                zone=place.get("zone"),
                option=place.get("option"),
                lat=place.get("lat"),
                lon=place.get("lon"),
                status=state,
                moderated_by=by,
            )
        )
    return notes


def moderate_note(
    db: Database, campaign: str, response_id: str, question: str, n: int, *, status: str, actor: str
) -> bool:
    """Record a decision on one place's note; False if there is no such note."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    row = db.conn.execute(
        "SELECT r.seq FROM responses r, json_each(r.answers, ?) p "
        "WHERE r.id = ? AND r.campaign = ? AND p.key = ? "
        "AND json_extract(p.value, '$.note') IS NOT NULL",
        (f'$."{question}"', response_id, campaign, n),
    ).fetchone()
    if row is None:
        return False
    db.conn.execute(
        "INSERT INTO place_note_moderation (response_seq, question, n, campaign, status, "
        "moderated_by, moderated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (response_seq, question, n) DO UPDATE SET status = excluded.status, "
        "moderated_by = excluded.moderated_by, moderated_at = excluded.moderated_at",
        (row[0], question, n, campaign, status, actor, now_iso()),
    )
    return True
