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
from dataclasses import dataclass, field, replace
from typing import Any

from sqlite_utils import Database

from bot.deps import CHANNEL
from bot.pseudonyms import NO_CAMPAIGN, Keys
from storage import drafts as draft_rows
from storage import responses as response_rows
from storage.drafts import DraftRow
from storage.responses import Outcome
from storage.submit import store_accepted
from survey import Draft, Response

# A typed message in the comment: message id, start and end of its text in the draft's
# comment, and its length as typed (a message at Telegram's limit was cut by the app).
Part = tuple[int, int, int, int]


@dataclass(frozen=True)
class Session:
    """A resident's state outside any one walk.

    `source` is where the resident came from (a poster's deep link), `prompt` the bot's
    latest message with buttons (whose keyboard is spent once another one is sent), `parts`
    where each typed message sits in the comment (so an edited message can replace its
    part), and `collecting` whether the next typed message adds to the comment (True) or
    replaces one written earlier (False: the resident came back to change it).
    """

    locale: str | None = None
    campaign: str | None = None
    review: bool = False
    source: str | None = None
    prompt: int | None = None
    parts: tuple[Part, ...] = ()
    collecting: bool = False
    refused_at: int | None = None  # when a message at Telegram's limit was refused (date)
    located: bool = False  # the reply keyboard with "📍 Skicka plats" is shown

    def to_json(self) -> str:
        data: dict[str, Any] = {"locale": self.locale, "campaign": self.campaign}
        for key in ("review", "source", "prompt", "collecting", "refused_at", "located"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.parts:
            data["parts"] = [list(part) for part in self.parts]
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | None) -> Session:
        """The stored session; an unreadable one counts as none (it holds nothing precious)."""
        try:
            data = json.loads(raw) if raw else {}
            texts = [data.get(key) for key in ("locale", "campaign", "source")]
            if not all(v is None or isinstance(v, str) for v in texts):
                raise ValueError("bad session")
            prompt, refused_at = data.get("prompt"), data.get("refused_at")
            if not all(v is None or _is_int(v) for v in (prompt, refused_at)):
                raise ValueError("bad session")
            parts = tuple(_part(p) for p in data.get("parts", ()))
            return cls(
                texts[0],
                texts[1],
                bool(data.get("review", False)),
                texts[2],
                prompt,
                parts,
                bool(data.get("collecting", False)),
                refused_at,
                bool(data.get("located", False)),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()

    def done_with_comment(self) -> Session:
        """The session once the answer is sent or dropped: nothing left of the comment."""
        return replace(self, review=False, parts=(), collecting=False, refused_at=None)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _part(raw: Any) -> Part:
    message_id, start, end, typed = raw
    if not all(_is_int(v) for v in raw) or not 0 <= start <= end:
        raise ValueError("bad part")
    return message_id, start, end, typed


@dataclass(frozen=True)
class Loaded:
    session: Session
    draft: Draft | None
    # Stored answers read along (campaign id -> answer or None); good for one turn only.
    answers: dict[str, Response | None] = field(default_factory=dict, compare=False)


def load(keys: Keys, campaign_ids: tuple[str, ...] = ()) -> Callable[[Database], Loaded]:
    """A read job: the session, the draft of the session's campaign, and the stored answers
    in `campaign_ids` (the open campaigns: a new conversation looks for one at once)."""
    session_key = keys.session

    def job(db: Database) -> Loaded:
        session = Session.from_json(draft_rows.get_draft(db, CHANNEL, session_key))
        draft = None
        if session.campaign:
            raw = draft_rows.get_draft(db, CHANNEL, keys.participant(session.campaign))
            draft = draft_or_none(raw, session.campaign)
        answers = {
            campaign_id: response_rows.response_for_participant(
                db, campaign_id, keys.participant(campaign_id)
            )
            for campaign_id in campaign_ids
        }
        return Loaded(session, draft, answers)

    return job


def draft_or_none(raw: str | None, campaign_id: str) -> Draft | None:
    if raw is None:
        return None
    try:
        draft = Draft.from_json(raw)
    except (ValueError, TypeError, KeyError):
        return None
    return draft if draft.campaign == campaign_id else None


@dataclass
class Changes:
    """Writes of one turn."""

    session: Session | None = None
    draft: Draft | None = None
    drop_draft: str | None = None  # campaign id whose draft goes
    response: Response | None = None
    consent: tuple[str, bool] | None = None  # campaign id, consent
    delete_everything: str | None = None  # campaign id: its response and draft, and the session

    def __bool__(self) -> bool:
        return any(value is not None for value in vars(self).values())

    @property
    def answer(self) -> str | None:
        """The campaign whose stored answer this turn writes (and must commit at once)."""
        if self.response is not None:
            return self.response.campaign
        if self.consent is not None:
            return self.consent[0]
        return self.delete_everything


def rows(keys: Keys, changes: Changes) -> dict[str, DraftRow]:
    """The session and draft rows the changes write (JSON) or delete (None), by pseudonym."""
    found: dict[str, DraftRow] = {}
    if changes.draft is not None:
        draft = changes.draft
        found[keys.participant(draft.campaign)] = (draft.campaign, draft.to_json())
    if changes.drop_draft is not None:
        found[keys.participant(changes.drop_draft)] = (changes.drop_draft, None)
    if changes.session is not None:
        found[keys.session] = (NO_CAMPAIGN, changes.session.to_json())
    return found


def commit(keys: Keys, changes: Changes, earlier: dict[str, DraftRow]) -> Callable[[Database], Any]:
    """A job that stores an answer (or its consent, or deletes it) with the rows of the turn.

    `earlier` are rows of the same resident still waiting to be written: older, so first.
    Returns what storing, consenting or deleting returned.
    """
    campaign_id = changes.answer
    participant = keys.participant(campaign_id) if campaign_id else ""
    own = rows(keys, changes)

    def job(db: Database) -> Any:
        draft_rows.write_drafts(db, CHANNEL, earlier)
        outcome: Any = None
        if changes.response is not None:
            outcome = store_accepted(db, changes.response, replace=True).status
            if outcome == Outcome.CONFLICT:  # nothing stored: the draft stays
                own.pop(participant, None)
        draft_rows.write_drafts(db, CHANNEL, own)
        if changes.consent is not None:
            consent = changes.consent[1]
            outcome = response_rows.set_followup_consent(db, campaign_id, participant, consent)
        if changes.delete_everything is not None:
            draft_rows.delete_draft(db, CHANNEL, participant)
            draft_rows.delete_draft(db, CHANNEL, keys.session)
            outcome = response_rows.delete_for_participant(db, campaign_id, participant)
        return outcome

    return job


def stored_response(keys: Keys, campaign_id: str) -> Callable[[Database], Response | None]:
    participant = keys.participant(campaign_id)
    return lambda db: response_rows.response_for_participant(db, campaign_id, participant)


__all__ = ["CHANNEL", "Changes", "Keys", "Loaded", "Outcome", "Session", "commit", "load", "rows"]
