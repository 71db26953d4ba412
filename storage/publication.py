"""Publishing a campaign's results: the public page exists only while they are published.

Publishing is audited and records the `results_published` cycle event in the same
transaction, so that residents who asked to hear back are told exactly once per publishing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from storage.events import CycleEvent, record_event
from storage.staff import audit

SUMMARY_LENGTH = 4000


@dataclass(frozen=True)
class Publication:
    """When, and by whom, a campaign's results were published."""

    campaign: str
    published_at: str
    published_by: str


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def publish(db: Database, campaign: str, actor: str, now: datetime) -> bool:
    """Publish the results; False (and nothing recorded) if they already are published.

    Call inside a write transaction."""
    cursor = db.conn.execute(
        "INSERT INTO published_results (campaign, published_at, published_by) VALUES (?, ?, ?) "
        "ON CONFLICT (campaign) DO NOTHING",
        (campaign, _stamp(now), actor),
    )
    if cursor.rowcount == 0:
        return False
    audit(db, actor, "results.publish", campaign)
    detail = {"title": campaign_title(db, campaign), "url": f"/c/{campaign}/results"}
    record_event(db, CycleEvent("results_published", campaign=campaign, detail=detail), now)
    return True


def campaign_title(db: Database, campaign: str) -> dict[str, str]:
    """The campaign's title in each of its languages, as the store registered it."""
    row = db.conn.execute("SELECT definition FROM campaigns WHERE id = ?", (campaign,)).fetchone()
    return dict(json.loads(row[0]).get("title", {})) if row else {}


def unpublish(db: Database, campaign: str, actor: str) -> bool:
    """Take the results down again; False if they were not published."""
    cursor = db.conn.execute("DELETE FROM published_results WHERE campaign = ?", (campaign,))
    if cursor.rowcount == 0:
        return False
    audit(db, actor, "results.unpublish", campaign)
    return True


def publication(db: Database, campaign: str) -> Publication | None:
    row = db.conn.execute(
        "SELECT campaign, published_at, published_by FROM published_results WHERE campaign = ?",
        (campaign,),
    ).fetchone()
    return Publication(*row) if row else None


def published_campaigns(db: Database) -> dict[str, str]:
    """Campaign id to when its results were published, newest first."""
    return dict(
        db.conn.execute(
            "SELECT campaign, published_at FROM published_results ORDER BY published_at DESC"
        )
    )


def summaries(db: Database, campaign: str) -> dict[str, str]:
    """The summary text staff wrote for the public results, per language."""
    return dict(
        db.conn.execute(
            "SELECT locale, text FROM result_summaries WHERE campaign = ? ORDER BY locale",
            (campaign,),
        )
    )


def save_summaries(db: Database, campaign: str, texts: dict[str, str], actor: str) -> None:
    """Replace the summary of each language given; an empty text removes that language's."""
    now = _stamp(datetime.now(UTC))
    for locale, text in texts.items():
        text = text.strip()[:SUMMARY_LENGTH]
        if text:
            db.conn.execute(
                "INSERT INTO result_summaries (campaign, locale, text, updated_by, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign, locale) DO UPDATE SET "
                "text = excluded.text, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                (campaign, locale, text, actor, now),
            )
        else:
            db.conn.execute(
                "DELETE FROM result_summaries WHERE campaign = ? AND locale = ?",
                (campaign, locale),
            )
    audit(db, actor, "results.summary", campaign, {"languages": sorted(texts)})


def data_version(db: Database) -> int:
    """A number that changes whenever another connection committed to the file (SQLite's
    data_version): cheap, for caches that keep a connection of their own to check."""
    (version,) = db.conn.execute("PRAGMA data_version").fetchone()
    return version
