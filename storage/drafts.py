"""Drafts: a half-finished walk, keyed by channel and pseudonym, kept across restarts."""

from __future__ import annotations

from sqlite_utils import Database

from storage.responses import now_iso


def get_draft(db: Database, channel: str, participant: str) -> str | None:
    """The draft's JSON text, or None."""
    row = db.conn.execute(
        "SELECT data FROM drafts WHERE channel = ? AND participant = ?", (channel, participant)
    ).fetchone()
    return row[0] if row else None


def save_draft(db: Database, channel: str, participant: str, campaign: str, data: str) -> None:
    db.conn.execute(
        "INSERT INTO drafts (channel, participant, campaign, data, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, participant) DO UPDATE SET "
        "campaign = excluded.campaign, data = excluded.data, updated_at = excluded.updated_at",
        (channel, participant, campaign, data, now_iso()),
    )


def delete_draft(db: Database, channel: str, participant: str) -> bool:
    cursor = db.conn.execute(
        "DELETE FROM drafts WHERE channel = ? AND participant = ?", (channel, participant)
    )
    return cursor.rowcount > 0


def delete_campaign_drafts(db: Database, campaign: str) -> int:
    """Drop every draft of a campaign (when it closes); returns how many."""
    return db.conn.execute("DELETE FROM drafts WHERE campaign = ?", (campaign,)).rowcount
