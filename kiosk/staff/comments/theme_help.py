"""What the comment list shows to help an analyst: suggested themes, places counted."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.i18n import current_language, ngettext
from kiosk.results.view import theme_label
from storage.bulk_themes import place_counts
from storage.moderation import Comment, CommentFilter
from survey import Campaign
from survey.themes import suggest_themes


async def theme_help(
    request: web.Request, campaign: Campaign, shown: list[Comment], wanted: CommentFilter
) -> dict:
    """Suggested themes for the unthemed comments shown, and the places the comments of the
    filter name."""
    lang = current_language()
    rules = campaign.analysis.themes
    names = {r.id: campaign.text(r.name, lang) for r in rules}
    suggestions = {
        c.id: [names[t] for t in suggest_themes(c.text, rules)] for c in shown if not c.tag_ids
    }
    places = await request.app[STORE].read(place_counts, campaign, wanted)
    area_label = {a.id: campaign.text(a.label, lang) for a in campaign.areas}
    return {
        "suggestions": suggestions,
        "places": [
            (
                p.place,
                ngettext("%(num)d synpunkt", "%(num)d synpunkter", p.comments)
                % {"num": p.comments},
                area_label.get(p.mostly, "") if p.mostly else "",
            )
            for p in places
        ],
        "theme_label": lambda name: theme_label(campaign, name, lang),
    }
