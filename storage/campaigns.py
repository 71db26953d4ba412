"""The campaigns the store has seen, with the definition they had (for later exports)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from storage.responses import now_iso
from survey import Campaign
from survey.serialize import campaign_as_dict


def register_campaigns(db: Database, campaigns: list[Campaign]) -> None:
    """Record each campaign's current definition; responses refer to these rows."""
    for campaign in campaigns:
        definition = campaign_as_dict(campaign)
        definition.pop("status")
        db.conn.execute(
            "INSERT INTO campaigns (id, definition, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, "
            "updated_at = excluded.updated_at WHERE definition != excluded.definition",
            (campaign.id, json.dumps(definition, ensure_ascii=False, sort_keys=True), now_iso()),
        )
