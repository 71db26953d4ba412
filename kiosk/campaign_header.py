"""What the campaign's header (`_campaign_header.html`) shows, on the survey and on its results."""

from __future__ import annotations

from typing import Any

from locales import format_period, language_name
from survey import Campaign


def header_context(campaign: Campaign, lang: str) -> dict[str, Any]:
    return {
        "campaign_id": campaign.id,
        "title": campaign.text(campaign.title, lang),
        "organisers": campaign.organisers_in(lang),
        "period": format_period(campaign.opens, campaign.closes, lang),
        "languages": [(code, language_name(code)) for code in campaign.languages],
    }
