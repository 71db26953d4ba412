"""Drafts: a half-finished walk, keyed by channel and pseudonym, kept across restarts."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from storage.responses import now_iso
from storage.statements import chunks, insert_rows, marks

DraftRow = tuple[str, str | None]  # campaign id, draft JSON (None: delete the draft)


def get_draft(db: Database, channel: str, participant: str) -> str | None:
    """The draft's JSON text, or None."""
    row = db.conn.execute(
        "SELECT data FROM drafts WHERE channel = ? AND participant = ?", (channel, participant)
    ).fetchone()
    return row[0] if row else None


def write_drafts(db: Database, channel: str, rows: Mapping[str, DraftRow]) -> None:
    """Save or delete many drafts: `rows` maps a participant to (campaign id, draft JSON),
    or to (campaign id, None) for a draft to delete."""
    stamp = now_iso()
    saves = [
        (channel, key, campaign, data, stamp)
        for key, (campaign, data) in rows.items()
        if data is not None
    ]
    insert_rows(
        db,
        "drafts",
        "channel, participant, campaign, data, updated_at",
        saves,
        then="ON CONFLICT (channel, participant) DO UPDATE SET campaign = excluded.campaign, "
        "data = excluded.data, updated_at = excluded.updated_at",
    )
    deletions = [key for key, (_campaign, data) in rows.items() if data is None]
    for chunk in chunks(db, deletions, besides=1):  # and the channel
        db.conn.execute(
            f"DELETE FROM drafts WHERE channel = ? AND participant IN ({marks(chunk)})",
            [channel, *chunk],
        )


def delete_draft(db: Database, channel: str, participant: str) -> bool:
    cursor = db.conn.execute(
        "DELETE FROM drafts WHERE channel = ? AND participant = ?", (channel, participant)
    )
    return cursor.rowcount > 0


def delete_campaign_drafts(db: Database, campaign: str) -> int:
    """Drop every draft of a campaign (when it closes); returns how many."""
    return db.conn.execute("DELETE FROM drafts WHERE campaign = ?", (campaign,)).rowcount
