"""Batches of paper answers: stored together or not at all, and each file only once."""

from __future__ import annotations

from sqlite_utils import Database

from storage.responses import now_iso
from storage.staff import audit
from storage.submit import Status, store_accepted
from survey import Response


class BatchConflict(Exception):
    """A response of the batch clashes with a stored one: the whole batch is rolled back."""


def store_batch(
    db: Database,
    campaign: str,
    digest: str,
    responses: list[Response],
    actor: str,
    refused: int,
) -> int | None:
    """Store a checked batch in the caller's transaction; None if this file was stored before.

    Raising rolls back every row of the batch, so a batch is never half stored.
    """
    if not responses:
        return 0
    cursor = db.conn.execute(
        "INSERT INTO paper_imports (campaign, sha256, imported_by, imported_at, stored, refused) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (campaign, sha256) DO NOTHING",
        (campaign, digest, actor, now_iso(), len(responses), refused),
    )
    if not cursor.rowcount:
        return None
    for response in responses:
        if store_accepted(db, response, entered_by=actor).status is not Status.CREATED:
            raise BatchConflict(response.id)
    detail = {"sha256": digest, "stored": len(responses), "refused": refused}
    audit(db, actor, "paper.import", campaign, detail)
    return len(responses)
