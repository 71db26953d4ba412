"""The campaigns a running process serves, which staff may change while it runs.

Every channel reads campaigns through one registry; a new set replaces the old one in a
single assignment, so a reader sees either the old campaigns or the new ones, never a mix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from survey.campaign import Campaign


class CampaignRegistry(Mapping[str, Campaign]):
    """A read-only mapping of campaign id to campaign, replaced whole by `replace`."""

    def __init__(self, campaigns: Mapping[str, Campaign] | None = None):
        self._campaigns: dict[str, Campaign] = dict(campaigns or {})
        self.version = 0

    def replace(self, campaigns: Mapping[str, Campaign]) -> None:
        """Serve `campaigns` from now on (one assignment: readers never see a mix)."""
        self._campaigns = dict(campaigns)
        self.version += 1

    def __getitem__(self, campaign_id: str) -> Campaign:
        return self._campaigns[campaign_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._campaigns)

    def __len__(self) -> int:
        return len(self._campaigns)

    def get(self, campaign_id, default=None):
        return self._campaigns.get(campaign_id, default)

    def values(self):
        return self._campaigns.values()

    def items(self):
        return self._campaigns.items()
