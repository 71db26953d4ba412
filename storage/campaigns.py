"""The campaigns in the store: each one's file text, where it came from, whether it is open.

A campaign file is imported at start-up (and marked as coming from its file); a campaign
made in the staff pages is saved here as the same kind of text. Every change moves one
stamp (`campaigns_stamp`), so that a running process notices it with one small read.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlite_utils import Database

from storage.responses import now_iso
from survey import Campaign, CampaignError
from survey.campaign_document import campaign_as_toml
from survey.loader import parse_campaign
from survey.serialize import campaign_as_dict

DRAFT, PUBLISHED = "draft", "published"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredCampaign:
    """One campaign's row: its file text, its origin (a file name, or None), its state."""

    id: str
    document: str
    origin: str | None
    state: str
    revision: int
    updated_at: str

    @property
    def from_file(self) -> bool:
        return self.origin is not None


class StaleCampaign(Exception):
    """The campaign changed since the form was made from it."""


def _definition(campaign: Campaign | None) -> str:
    """The JSON the exports and the publication read (the shape of the campaign API)."""
    if campaign is None:
        return "{}"
    definition = campaign_as_dict(campaign)
    definition.pop("status")
    return json.dumps(definition, ensure_ascii=False, sort_keys=True)


def bump_stamp(db: Database) -> None:
    db.conn.execute("UPDATE campaigns_stamp SET revision = revision + 1 WHERE id = 1")


def campaigns_stamp(db: Database) -> int:
    """The stamp every change of a campaign moves."""
    row = db.conn.execute("SELECT revision FROM campaigns_stamp WHERE id = 1").fetchone()
    return row[0] if row else 0


def register_campaigns(
    db: Database, campaigns: list[Campaign], origins: dict[str, str] | None = None
) -> None:
    """Record each campaign's current definition, open; responses refer to these rows.

    `origins` names the file each came from; a changed file updates its campaign.
    """
    origins = origins or {}
    changed = False
    for campaign in campaigns:
        document = campaign_as_toml(campaign)
        cursor = db.conn.execute(
            "INSERT INTO campaigns (id, definition, updated_at, document, origin, state) "
            "VALUES (?, ?, ?, ?, ?, 'published') "
            "ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, "
            "updated_at = excluded.updated_at, document = excluded.document, "
            "origin = excluded.origin, state = 'published', revision = revision + 1 "
            "WHERE document IS NOT excluded.document OR origin IS NOT excluded.origin "
            "OR state != 'published'",
            (campaign.id, _definition(campaign), now_iso(), document, origins.get(campaign.id)),
        )
        changed = changed or cursor.rowcount > 0
    if changed:
        bump_stamp(db)


def _stored(row) -> StoredCampaign:
    return StoredCampaign(*row)


COLUMNS = "id, document, origin, state, revision, updated_at"


def stored_campaign(db: Database, campaign_id: str) -> StoredCampaign | None:
    row = db.conn.execute(
        f"SELECT {COLUMNS} FROM campaigns WHERE id = ? AND document IS NOT NULL",
        (campaign_id,),
    ).fetchone()
    return _stored(row) if row else None


def stored_campaigns(db: Database) -> list[StoredCampaign]:
    """Every campaign with its text, drafts too, by id."""
    rows = db.conn.execute(
        f"SELECT {COLUMNS} FROM campaigns WHERE document IS NOT NULL ORDER BY id"
    )
    return [_stored(row) for row in rows]


def published_campaigns(db: Database) -> dict[str, Campaign]:
    """The campaigns the channels serve: every opened one whose text is a valid campaign,
    ready to serve (a map's table of zones made)."""
    found = {}
    for stored in stored_campaigns(db):
        if stored.state != PUBLISHED:
            continue
        try:
            found[stored.id] = campaign = parse_campaign(stored.document, stored.id)
        except CampaignError as error:  # saved by an older version with other rules
            logger.error("campaign %s is not served: %s", stored.id, error)
            continue
        if campaign.map is not None:
            campaign.map.warm()  # here, off the event loop, not at the first place stored
    return found


def save_campaign(
    db: Database,
    campaign_id: str,
    document: str,
    campaign: Campaign | None,
    *,
    state: str,
    expected_revision: int | None = None,
) -> StoredCampaign:
    """Create or change a campaign made in the staff pages (`campaign`: None for a draft
    that is not yet a valid campaign). Refused when it changed since `expected_revision`
    (0: when it exists at all, for a new one)."""
    current = stored_campaign(db, campaign_id)
    revision = current.revision if current is not None else 0
    if expected_revision is not None and revision != expected_revision:
        raise StaleCampaign(campaign_id)
    db.conn.execute(
        "INSERT INTO campaigns (id, definition, updated_at, document, origin, state) "
        "VALUES (?, ?, ?, ?, NULL, ?) "
        "ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, "
        "updated_at = excluded.updated_at, document = excluded.document, origin = NULL, "
        "state = excluded.state, revision = revision + 1",
        (campaign_id, _definition(campaign), now_iso(), document, state),
    )
    bump_stamp(db)
    saved = stored_campaign(db, campaign_id)
    assert saved is not None
    return saved


def answer_count(db: Database, campaign_id: str) -> int:
    row = db.conn.execute("SELECT count(*) FROM responses WHERE campaign = ?", (campaign_id,))
    return row.fetchone()[0]
