"""What the bot keeps about a resident, all of it in the store under pseudonyms.

Two records, both in the `drafts` table of channel "telegram":
- the session, under the pseudonym for campaign "" (not tied to a campaign): the chosen
  language, the campaign being answered, and whether a change started from the summary
  should return to it;
- the walk's `Draft`, under the pseudonym for that campaign, so `delete_campaign_drafts`
  removes it when the campaign closes.

Neither holds the Telegram id, chat id, name or username.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlite_utils import Database

from storage import drafts as draft_rows
from storage import responses as response_rows
from storage.responses import Outcome
from survey import Draft, Response
from survey.response import pseudonym

CHANNEL = "telegram"
NO_CAMPAIGN = ""


@dataclass(frozen=True)
class Session:
    """A resident's state outside any one walk."""

    locale: str | None = None
    campaign: str | None = None
    review: bool = False

    def to_json(self) -> str:
        data = {"locale": self.locale, "campaign": self.campaign}
        if self.review:
            data["review"] = True
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | None) -> Session:
        """The stored session; an unreadable one counts as none (it holds nothing precious)."""
        try:
            data = json.loads(raw) if raw else {}
            locale, campaign = data.get("locale"), data.get("campaign")
            if not all(v is None or isinstance(v, str) for v in (locale, campaign)):
                raise ValueError("bad session")
            return cls(locale, campaign, bool(data.get("review", False)))
        except (ValueError, TypeError, AttributeError):
            return cls()


@dataclass(frozen=True)
class Keys:
    """The pseudonyms of one Telegram user: one per campaign and one for no campaign."""

    secret: bytes
    user_id: int = field(repr=False)

    @cached_property
    def session(self) -> str:
        return pseudonym(self.secret, NO_CAMPAIGN, self.user_id)

    def participant(self, campaign_id: str) -> str:
        return pseudonym(self.secret, campaign_id, self.user_id)


@dataclass(frozen=True)
class Loaded:
    session: Session
    draft: Draft | None


def load(keys: Keys) -> Callable[[Database], Loaded]:
    """A read job: the session and the draft of the session's campaign."""
    session_key = keys.session

    def job(db: Database) -> Loaded:
        session = Session.from_json(draft_rows.get_draft(db, CHANNEL, session_key))
        draft = None
        if session.campaign:
            raw = draft_rows.get_draft(db, CHANNEL, keys.participant(session.campaign))
            draft = _draft_or_none(raw, session.campaign)
        return Loaded(session, draft)

    return job


def _draft_or_none(raw: str | None, campaign_id: str) -> Draft | None:
    if raw is None:
        return None
    try:
        draft = Draft.from_json(raw)
    except (ValueError, TypeError, KeyError):
        return None
    return draft if draft.campaign == campaign_id else None


@dataclass
class Changes:
    """Writes of one turn, committed together in one transaction."""

    session: Session | None = None
    draft: Draft | None = None
    drop_draft: str | None = None  # campaign id whose draft goes
    response: Response | None = None
    consent: tuple[str, bool] | None = None  # campaign id, consent
    delete_everything: str | None = None  # campaign id: its response and draft, and the session

    def __bool__(self) -> bool:
        return any(value is not None for value in vars(self).values())


def commit(keys: Keys, changes: Changes) -> Callable[[Database], Any]:
    """A write job applying `changes`; returns the outcome of storing a response, if any."""
    session_key = keys.session

    def job(db: Database) -> Any:
        outcome: Any = None
        if changes.response is not None:
            outcome = response_rows.save_response(db, changes.response, replace=True)
        if changes.draft is not None:
            draft = changes.draft
            participant = keys.participant(draft.campaign)
            draft_rows.save_draft(db, CHANNEL, participant, draft.campaign, draft.to_json())
        if changes.drop_draft is not None and outcome != Outcome.CONFLICT:
            draft_rows.delete_draft(db, CHANNEL, keys.participant(changes.drop_draft))
        if changes.consent is not None:
            campaign_id, consent = changes.consent
            outcome = set_followup_consent(db, campaign_id, keys.participant(campaign_id), consent)
        if changes.delete_everything is not None:
            campaign_id = changes.delete_everything
            participant = keys.participant(campaign_id)
            draft_rows.delete_draft(db, CHANNEL, participant)
            draft_rows.delete_draft(db, CHANNEL, session_key)
            return response_rows.delete_for_participant(db, campaign_id, participant)
        if changes.session is not None:
            session_json = changes.session.to_json()
            draft_rows.save_draft(db, CHANNEL, session_key, NO_CAMPAIGN, session_json)
        return outcome

    return job


def set_followup_consent(db: Database, campaign: str, participant: str, consent: bool) -> bool:
    """Record whether a resident wants to hear about the follow-up; True if they have an answer.

    The consent is not part of a response's content (its fingerprint), so storing the same
    answer again would not change it: it is set on the stored row instead.
    """
    cursor = db.conn.execute(
        "UPDATE responses SET followup_consent = ?, updated_at = ? "
        "WHERE campaign = ? AND participant = ?",
        (int(consent), response_rows.now_iso(), campaign, participant),
    )
    return cursor.rowcount > 0


def stored_response(keys: Keys, campaign_id: str) -> Callable[[Database], Response | None]:
    participant = keys.participant(campaign_id)
    return lambda db: response_rows.response_for_participant(db, campaign_id, participant)


__all__ = ["CHANNEL", "Changes", "Keys", "Loaded", "Outcome", "Session", "commit", "load"]
