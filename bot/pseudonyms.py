"""The pseudonyms of a Telegram user: the only form in which the bot keeps who it talks to."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from survey.response import pseudonym

NO_CAMPAIGN = ""


@dataclass(frozen=True)
class Keys:
    """The pseudonyms of one Telegram user: one per campaign and one for no campaign."""

    secret: bytes
    user_id: int = field(repr=False)

    @cached_property
    def session(self) -> str:
        return pseudonym(self.secret, NO_CAMPAIGN, self.user_id)

    def participant(self, campaign_id: str) -> str:
        found = self._participants.get(campaign_id)
        if found is None:
            found = self._participants[campaign_id] = pseudonym(
                self.secret, campaign_id, self.user_id
            )
        return found

    @cached_property
    def _participants(self) -> dict[str, str]:
        return {}
