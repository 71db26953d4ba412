"""Responses: idempotent storing by client-made UUID, reading, deleting, counting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from sqlite_utils import Database

from storage.statements import chunks, insert_rows, marks
from survey import Campaign, Response, Tally, tally_from_counts
from survey.acceptance import stamp
from survey.response import answers_json, areas_json

RESPONSE_COLUMNS = (
    "id, campaign, channel, source, locale, participant, areas, comment, answers, "
    "followup_consent, submitted_at, captured_at, late, walk_seconds, signal, paper_date, "
    "easy_read"
)


class Outcome(StrEnum):
    """What storing a response did."""

    CREATED = "created"
    ALREADY_STORED = "already_stored"
    REPLACED = "replaced"
    CONFLICT = "conflict"


def now_iso() -> str:
    """The time now as the store writes it (`survey.acceptance.stamp`: no strftime)."""
    return stamp(datetime.now(UTC))


def _row_to_response(row: tuple[Any, ...]) -> Response:
    (
        id_,
        campaign,
        channel,
        source,
        locale,
        participant,
        areas,
        comment,
        answers,
        consent,
        submitted_at,
        captured_at,
        late,
        walk_seconds,
        signal,
        paper_date,
        easy_read,
    ) = row
    return Response(
        id=id_,
        campaign=campaign,
        channel=channel,
        source=source,
        locale=locale,
        participant=participant,
        areas=tuple(json.loads(areas)),
        comment=comment,
        answers=json.loads(answers),
        followup_consent=bool(consent),
        submitted_at=submitted_at,
        captured_at=captured_at,
        late=bool(late),
        walk_seconds=walk_seconds,
        signal=signal,
        paper_date=paper_date,
        easy_read=bool(easy_read),
    )


CONTENT_COLUMNS = (
    "channel, source, locale, areas, comment, answers, followup_consent, updated_at, easy_read"
)
# What tells a resend of a stored answer from another answer with its id (`Response.content`).
SAME_COLUMNS = "campaign, channel, source, locale, areas, comment, answers"


def _content(response: Response, texts: tuple[str, str], stamp: str) -> tuple[Any, ...]:
    """The values of CONTENT_COLUMNS: what a participant's new answer overwrites."""
    areas, answers = texts
    return (
        response.channel,
        response.source,
        response.locale,
        areas,
        response.comment,
        answers,
        int(response.followup_consent),
        stamp,
        int(response.easy_read),
    )


def stored_content(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """`Response.content` of a stored answer, from its SAME_COLUMNS: its texts written again
    as they are written now, so that an answer stored in an older form is still known."""
    campaign, channel, source, locale, areas, comment, answers = row
    texts = (areas_json(tuple(json.loads(areas))), answers_json(json.loads(answers)))
    return (campaign, channel, source, locale, comment, *texts)


class SaveRequest(NamedTuple):
    """One response to store, and how (see `save_response`): a named tuple, made for every
    answer at a fraction of a frozen dataclass's cost."""

    response: Response
    replace: bool = False
    entered_by: str | None = None


def save_response(
    db: Database, response: Response, *, replace: bool = False, entered_by: str | None = None
) -> Outcome:
    """Store a response once. Call inside a write transaction.

    The same id with the same content is `ALREADY_STORED`; with other content, `CONFLICT`.
    A participant (a pseudonym) has one response per campaign: a new one for the same
    participant replaces it in place when `replace` is set, and is a `CONFLICT` otherwise.
    """
    return save_responses(db, [SaveRequest(response, replace, entered_by)])[0]


def save_responses(db: Database, requests: list[SaveRequest]) -> list[Outcome]:
    """Store several responses as `save_response` would one after another, in a fixed few
    statements however many there are (bar participants' earlier answers)."""
    stamp = now_iso()
    texts = [request.response.stored_texts() for request in requests]
    outcomes: dict[int, Outcome] = {}
    for index, request in enumerate(requests):
        if request.response.participant is not None:
            settled = _settle_participant(db, request, texts[index], stamp)
            if settled is not None:
                outcomes[index] = settled
    pending = [index for index in range(len(requests)) if index not in outcomes]
    # The INSERT skips an id already stored (or repeated in this batch); those are told apart
    # after it, which a batch of new answers never needs.
    rows = [_new_row(requests[i], texts[i], stamp) for i in pending]
    columns = f"{CONTENT_COLUMNS}, {NEW_ROW_COLUMNS}"
    # The columns that may be None have no DEFAULT: left out, they are NULL as well.
    inserted = insert_rows(
        db, "responses", columns, rows, then="ON CONFLICT (id) DO NOTHING", leave_out_null=True
    )
    if inserted == len(pending):
        outcomes.update(dict.fromkeys(pending, Outcome.CREATED))
    else:
        outcomes.update(_told_apart(db, requests, texts, pending, inserted))
    return [outcomes[index] for index in range(len(requests))]


def _told_apart(
    db: Database,
    requests: list[SaveRequest],
    texts: list[tuple[str, str]],
    pending: list[int],
    inserted: int,
) -> dict[int, Outcome]:
    """The outcomes of a batch whose INSERT skipped some rows.

    Inside the write transaction nobody else inserts, so the rows just inserted got the
    `inserted` seqs up to the last one given; the first request of such an id is the one
    created, and any other with its id is a resend or a conflict.
    """
    (last,) = db.conn.execute("SELECT last_insert_rowid()").fetchone()
    first_new = last - inserted + 1 if inserted else None
    stored = _stored(db, [requests[index].response.id for index in pending])
    outcomes: dict[int, Outcome] = {}
    created: set[str] = set()
    for index in pending:
        response_id = requests[index].response.id
        seq, content = stored[response_id]
        if first_new is not None and seq >= first_new and response_id not in created:
            created.add(response_id)
            outcomes[index] = Outcome.CREATED
        elif content == requests[index].response.content(texts[index]):
            outcomes[index] = Outcome.ALREADY_STORED
        else:
            outcomes[index] = Outcome.CONFLICT
    return outcomes


NEW_ROW_COLUMNS = (
    "id, campaign, participant, entered_by, submitted_at, "
    "captured_at, late, walk_seconds, signal, paper_date"
)


def _new_row(request: SaveRequest, texts: tuple[str, str], stamp: str) -> tuple[Any, ...]:
    response = request.response
    return (
        *_content(response, texts, stamp),
        response.id,
        response.campaign,
        response.participant,
        request.entered_by,
        response.submitted_at or stamp,
        response.captured_at,
        int(response.late),
        response.walk_seconds,
        response.signal,
        response.paper_date,
    )


def _settle_participant(
    db: Database, request: SaveRequest, texts: tuple[str, str], stamp: str
) -> Outcome | None:
    """The outcome when the participant already answered with another id; None to insert."""
    response = request.response
    mine = db.conn.execute(
        f"SELECT seq, id, {SAME_COLUMNS} FROM responses WHERE campaign = ? AND participant = ?",
        (response.campaign, response.participant),
    ).fetchone()
    if mine is None or mine[1] == response.id:
        return None
    if stored_content(mine[2:]) == response.content(texts):
        return Outcome.ALREADY_STORED
    if not request.replace:
        return Outcome.CONFLICT
    _replace(db, mine[0], response, texts, stamp)
    return Outcome.REPLACED


def _stored(db: Database, ids: list[str]) -> dict[str, tuple[int, tuple[Any, ...]]]:
    """The seq and content (`stored_content`) of each of these response ids that is stored."""
    found: dict[str, tuple[int, tuple[Any, ...]]] = {}
    for chunk in chunks(db, ids):
        query = f"SELECT id, seq, {SAME_COLUMNS} FROM responses WHERE id IN ({marks(chunk)})"
        for id_, seq, *content in db.conn.execute(query, chunk):
            found[id_] = (seq, stored_content(tuple(content)))
    return found


def _replace(db: Database, seq: int, kept: Response, texts: tuple[str, str], stamp: str) -> None:
    """Overwrite a participant's stored answer in place, keeping its id and first date."""
    assignments = ", ".join(f"{column} = ?" for column in CONTENT_COLUMNS.split(", "))
    db.conn.execute(
        f"UPDATE responses SET {assignments} WHERE seq = ?",
        (*_content(kept, texts, stamp), seq),
    )


def set_followup_consent(db: Database, campaign: str, participant: str, consent: bool) -> bool:
    """Record whether a resident wants to hear about the follow-up; True if they have an answer.

    The consent is not part of a response's content (`Response.content`), so storing the same
    answer again would not change it: it is set on the stored row instead.
    """
    cursor = db.conn.execute(
        "UPDATE responses SET followup_consent = ?, updated_at = ? "
        "WHERE campaign = ? AND participant = ?",
        (int(consent), now_iso(), campaign, participant),
    )
    return cursor.rowcount > 0


def get_response(db: Database, response_id: str) -> Response | None:
    row = db.conn.execute(
        f"SELECT {RESPONSE_COLUMNS} FROM responses WHERE id = ?", (response_id,)
    ).fetchone()
    return _row_to_response(row) if row else None


def response_for_participant(db: Database, campaign: str, participant: str) -> Response | None:
    row = db.conn.execute(
        f"SELECT {RESPONSE_COLUMNS} FROM responses WHERE campaign = ? AND participant = ?",
        (campaign, participant),
    ).fetchone()
    return _row_to_response(row) if row else None


def delete_for_participant(db: Database, campaign: str, participant: str) -> bool:
    """Remove a participant's response in a campaign; True if there was one."""
    cursor = db.conn.execute(
        "DELETE FROM responses WHERE campaign = ? AND participant = ?", (campaign, participant)
    )
    return cursor.rowcount > 0


def iter_responses(db: Database, campaign: str, batch: int = 5000) -> Iterator[Response]:
    """Every response of a campaign in the order they came, fetched in batches."""
    cursor = db.conn.execute(
        f"SELECT {RESPONSE_COLUMNS} FROM responses WHERE campaign = ? ORDER BY seq",
        (campaign,),
    )
    while rows := cursor.fetchmany(batch):
        yield from map(_row_to_response, rows)


def count_tally(db: Database, campaign: Campaign) -> Tally:
    """The campaign's tally, counted in SQL over indexes, never a table scan: comments over
    m002's partial one, the votes per distinct choice over m003's (spread on areas here), and
    the answers per channel and venue over the campaign index."""
    (comments,) = db.conn.execute(
        "SELECT count(*) FROM responses WHERE campaign = ? AND comment IS NOT NULL", (campaign.id,)
    ).fetchone()
    votes: dict[str, int] = {}
    for areas, n in db.conn.execute(
        "SELECT areas, count(*) FROM responses WHERE campaign = ? GROUP BY areas", (campaign.id,)
    ):
        for area in json.loads(areas):
            votes[area] = votes.get(area, 0) + n
    by_channel: dict[str, int] = {}
    by_source: dict[str, int] = {}
    for channel, source, n in db.conn.execute(
        "SELECT channel, source, count(*) FROM responses WHERE campaign = ? "
        "GROUP BY channel, source",
        (campaign.id,),
    ):
        by_channel[channel] = by_channel.get(channel, 0) + n
        if source:
            by_source[source] = by_source.get(source, 0) + n
    participants = sum(by_channel.values())
    return tally_from_counts(campaign, participants, comments, votes, by_channel, by_source)
