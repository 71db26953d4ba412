"""What the campaign's header (`_campaign_header.html`) shows, on the survey and on its results."""

from __future__ import annotations

from typing import Any

from locales import format_period, language_name
from survey import Campaign


def header_context(campaign: Campaign, lang: str, easy: bool | None = None) -> dict[str, Any]:
    """The header in `lang`, in Lättläst when `easy`. A page that can be read in Lättläst
    (`easy` not None: the survey and its thanks) offers it where the campaign has easy texts
    in `lang`."""
    return {
        "campaign_id": campaign.id,
        "title": campaign.text(campaign.title, lang, bool(easy)),
        "easy": bool(easy),
        "easy_offered": easy is not None and campaign.offers_easy(lang),
        "organisers": campaign.organisers_in(lang),
        "period": format_period(campaign.opens, campaign.closes, lang),
        "languages": [(code, language_name(code)) for code in campaign.languages],
    }
