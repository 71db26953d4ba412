"""Drafts: a half-finished walk, keyed by channel and pseudonym, kept across restarts."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from storage.responses import now_iso

DraftRow = tuple[str, str | None]  # campaign id, draft JSON (None: delete the draft)
CHUNK = 1000  # rows a statement (5 values each, well below SQLite's limit)


def get_draft(db: Database, channel: str, participant: str) -> str | None:
    """The draft's JSON text, or None."""
    row = db.conn.execute(
        "SELECT data FROM drafts WHERE channel = ? AND participant = ?", (channel, participant)
    ).fetchone()
    return row[0] if row else None


def save_draft(db: Database, channel: str, participant: str, campaign: str, data: str) -> None:
    write_drafts(db, channel, {participant: (campaign, data)})


def write_drafts(db: Database, channel: str, rows: Mapping[str, DraftRow]) -> None:
    """Save or delete many drafts: one statement for the saves, one for the deletions.

    `rows` maps a participant to (campaign id, draft JSON), or to (campaign id, None) for a
    draft to delete. One statement rather than one a row, because the database thread gives
    the event loop's thread back the interpreter around every statement it runs.
    """
    stamp = now_iso()
    saves = [(key, campaign, data) for key, (campaign, data) in rows.items() if data is not None]
    deletions = [key for key, (_campaign, data) in rows.items() if data is None]
    for start in range(0, len(saves), CHUNK):
        chunk = saves[start : start + CHUNK]
        db.conn.execute(
            "INSERT INTO drafts (channel, participant, campaign, data, updated_at) VALUES "
            + ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk))
            + " ON CONFLICT (channel, participant) DO UPDATE SET campaign = excluded.campaign,"
            " data = excluded.data, updated_at = excluded.updated_at",
            [v for key, campaign, data in chunk for v in (channel, key, campaign, data, stamp)],
        )
    for start in range(0, len(deletions), CHUNK):
        chunk = deletions[start : start + CHUNK]
        db.conn.execute(
            "DELETE FROM drafts WHERE channel = ? AND participant IN ("
            + ", ".join(["?"] * len(chunk))
            + ")",
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
