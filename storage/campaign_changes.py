"""Saving a campaign whose answers may already exist: the usage the rules judge by, the
answers a new period leaves outside, and the save itself with its line in the audit log."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from storage.campaigns import DRAFT, PUBLISHED, StoredCampaign, save_campaign, stored_campaign
from storage.staff import audit
from survey import Campaign, CampaignError
from survey.campaign_changes import ChangeProblem, Usage, refused_changes
from survey.campaign_document import campaign_as_toml
from survey.loader import parse_campaign

STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


class ChangeRefused(ValueError):
    """A change the campaign's answers do not allow."""

    def __init__(self, problems: list[ChangeProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def usage(db: Database, campaign_id: str) -> Usage:
    """How many answers the campaign has, and which areas and options they use."""
    answers = db.conn.execute(
        "SELECT count(*) FROM responses WHERE campaign = ?", (campaign_id,)
    ).fetchone()[0]
    if not answers:
        return Usage()
    areas: set[str] = set()
    options: set[tuple[str, str]] = set()
    # Over the index of distinct choices (m003): a few hundred rows, not one per answer.
    for chosen, answered in db.conn.execute(
        "SELECT DISTINCT areas, answers FROM responses WHERE campaign = ?", (campaign_id,)
    ):
        areas.update(json.loads(chosen))
        for question, value in json.loads(answered or "{}").items():
            # One option id, or a list of them (a multi).
            picked = value if isinstance(value, list) else [value]
            options.update((question, option) for option in picked if isinstance(option, str))
    return Usage(answers, frozenset(areas), frozenset(options))


def answers_outside(db: Database, campaign: Campaign) -> int:
    """How many of the campaign's answers were given outside its (new) period."""
    first = datetime.combine(campaign.opens, time.min, ZoneInfo(campaign.timezone))
    first = first.astimezone(UTC).strftime(STAMP)
    end = campaign.closes_at
    last = end.astimezone(UTC).strftime(STAMP) if end is not None else None
    given = "coalesce(captured_at, submitted_at)"
    row = db.conn.execute(
        "SELECT count(*) FROM responses WHERE campaign = ? AND ("
        f"(paper_date IS NOT NULL AND (paper_date < ? OR (? IS NOT NULL AND paper_date > ?))) "
        f"OR (paper_date IS NULL AND ({given} < ? OR (? IS NOT NULL AND {given} >= ?))))",
        (
            campaign.id,
            campaign.opens.isoformat(),
            campaign.closes,
            campaign.closes.isoformat() if campaign.closes else None,
            first,
            last,
            last,
        ),
    ).fetchone()
    return row[0]


def current_campaign(stored: StoredCampaign | None) -> Campaign | None:
    """The campaign a stored row holds, if its text is a valid campaign."""
    if stored is None:
        return None
    try:
        return parse_campaign(stored.document, stored.id)
    except CampaignError:
        return None


def save_checked(
    db: Database,
    campaign: Campaign,
    *,
    actor: str,
    action: str,
    state: str = PUBLISHED,
    expected_revision: int | None = None,
) -> StoredCampaign:
    """Save `campaign` (valid) if its answers allow the change; audited as `action`."""
    old = current_campaign(stored_campaign(db, campaign.id))
    if old is not None:
        problems = refused_changes(old, campaign, usage(db, campaign.id))
        if problems:
            raise ChangeRefused(problems)
    saved = save_campaign(
        db,
        campaign.id,
        campaign_as_toml(campaign),
        campaign,
        state=state,
        expected_revision=expected_revision,
    )
    audit(db, actor, action, campaign.id, detail={"revision": saved.revision, "state": state})
    return saved


def save_draft(
    db: Database,
    campaign_id: str,
    document: str,
    campaign: Campaign | None,
    *,
    actor: str,
    action: str,
    expected_revision: int | None = None,
    detail: dict | None = None,
) -> StoredCampaign:
    """Save a campaign not yet opened (`campaign`: None while it is not complete)."""
    saved = save_campaign(
        db, campaign_id, document, campaign, state=DRAFT, expected_revision=expected_revision
    )
    audit(db, actor, action, campaign_id, detail={"revision": saved.revision, **(detail or {})})
    return saved
