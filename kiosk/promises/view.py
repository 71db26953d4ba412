"""What a promise's public page shows, in one language: labels, dates and statuses as text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from locales import text_direction
from survey import Campaign
from survey.promises.promise import Activity, Promise, quiet_days
from survey.serialize import map_as_dict

# Shapes as well as words: a status never depends on colour alone.
STATUS_ICONS = {
    "planned": "○",
    "ongoing": "◐",
    "done": "✓",
    "delayed": "⏸",
    "changed": "↻",
    "cancelled": "✕",
}


def status_labels(gettext) -> dict[str, str]:
    _ = gettext
    return {
        "planned": _("Planerad"),
        "ongoing": _("Pågår"),
        "done": _("Genomförd"),
        "delayed": _("Försenad"),
        "changed": _("Ändrad"),
        "cancelled": _("Inställd"),
    }


def isolate(text: str, lang: str) -> str:
    """Numbers and dates inside right-to-left text, kept from reordering (FSI … PDI)."""
    return f"\u2068{text}\u2069" if text_direction(lang) == "rtl" else text


@dataclass(frozen=True)
class Dates:
    """Dates and numbers written the reader's way."""

    lang: str

    def day(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.date()
        return isolate(format_date(value, "long", locale=self.lang), self.lang)

    def number(self, n: int) -> str:
        return isolate(format_decimal(n, locale=self.lang), self.lang)


def area_label(
    campaigns: Mapping[str, Campaign], promise: Promise, area: str, lang: str, easy: bool = False
) -> str:
    for campaign_id in promise.campaigns:
        campaign = campaigns.get(campaign_id)
        found = campaign.area(area) if campaign else None
        if found:
            return campaign.text(found.label, lang, easy)
    return area


def zone_names(campaigns: Mapping[str, Campaign], promise: Promise, lang: str) -> dict[str, str]:
    """The zones of the map of the campaign the promise follows, by id, named in `lang`."""
    campaign = campaigns.get(promise.campaign)
    if campaign is None or campaign.map is None:
        return {}
    return {zone.id: campaign.text(zone.name, lang) for zone in campaign.map.zones}


def zone_map(
    campaigns: Mapping[str, Campaign], promise: Promise, lang: str, gettext
) -> dict[str, Any] | None:
    """What the page's map shows (`static/promises/zone_map.js`): the zones the activities
    name, on the campaign's map; None when they name none."""
    campaign = campaigns.get(promise.campaign)
    named = {zone for activity in promise.activities for zone in activity.zones}
    if campaign is None or campaign.map is None or not named:
        return None
    found = map_as_dict(campaign.map)
    found["zones"] = [zone for zone in found["zones"] if zone["id"] in named]
    names = zone_names(campaigns, promise, lang)
    # The map's text alternative: each zone by name, with the activities that take place there.
    found["named"] = [
        {
            "name": names[zone["id"]],
            "activities": [
                (number, activity.id)
                for number, activity in enumerate(promise.activities, start=1)
                if zone["id"] in activity.zones
            ],
        }
        for zone in found["zones"]
    ]
    _ = gettext
    found["lang"] = lang
    found["text"] = {
        "map_zoom_in": _("Zooma in"),
        "map_zoom_out": _("Zooma ut"),
    }
    return found


def activity_view(
    promise: Promise,
    activity: Activity,
    number: int,
    campaigns: Mapping[str, Campaign],
    lang: str,
    today: date,
    quiet_after: int,
    gettext,
    easy: bool = False,
) -> dict[str, Any]:
    dates = Dates(lang)
    labels = status_labels(gettext)
    latest = activity.latest_public_update()
    quiet = quiet_days(promise, activity, today, quiet_after)
    parties = []
    for party_id in activity.responsible:
        party = promise.party(party_id)
        parties.append(
            {
                "id": party_id,
                "name": promise.text(party.name, lang, easy) if party else party_id,
                "role": promise.text(activity.roles.get(party_id), lang, easy),
            }
        )
    history = sorted(activity.public_updates, key=lambda u: u.date, reverse=True)
    return {
        "id": activity.id,
        "number": number,
        "text": promise.text(activity.text, lang, easy),
        "parties": parties,
        "areas": [area_label(campaigns, promise, a, lang, easy) for a in activity.areas],
        "zones": [zone_names(campaigns, promise, lang).get(z, z) for z in activity.zones],
        "status": activity.status,
        "status_label": labels[activity.status],
        "icon": STATUS_ICONS[activity.status],
        "latest": (
            {
                "date": dates.day(latest.date),
                "iso": latest.date.isoformat(),
                "text": promise.text(latest.text, lang, easy),
                "status_label": labels[latest.status],
            }
            if latest
            else None
        ),
        "quiet": dates.number(quiet) if quiet is not None else None,
        "quiet_n": quiet,
        "earlier": [
            {
                "date": dates.day(u.date),
                "iso": u.date.isoformat(),
                "status_label": labels[u.status],
                "text": promise.text(u.text, lang, easy),
            }
            for u in history[1:]
        ],
        "period": (dates.day(activity.starts), dates.day(activity.ends))
        if activity.starts or activity.ends
        else None,
    }


def promise_view(
    promise: Promise,
    campaigns: Mapping[str, Campaign],
    lang: str,
    today: date,
    quiet_after: int,
    gettext,
    easy: bool = False,
) -> dict[str, Any]:
    """The context of the public promise page; its texts in Lättläst when `easy`."""
    dates = Dates(lang)
    labels = status_labels(gettext)
    followup = promise.followup
    return {
        "promise": promise,
        "lang": lang,
        "easy": easy,
        "easy_offered": promise.offers_easy(lang),
        "title": promise.text(promise.title, lang, easy),
        "parties": [promise.text(p.name, lang, easy) for p in promise.parties],
        "situation": promise.text(promise.situation, lang, easy),
        "focus": [
            {
                "rank": dates.number(f.rank),
                "label": area_label(campaigns, promise, f.area, lang, easy),
                "votes": f.votes,
                "votes_text": dates.number(f.votes) if f.votes is not None else None,
            }
            for f in sorted(promise.focus, key=lambda f: f.rank)
        ],
        "goals": [promise.text(goal, lang, easy) for goal in promise.goals],
        "activities": [
            activity_view(promise, a, n, campaigns, lang, today, quiet_after, gettext, easy)
            for n, a in enumerate(promise.activities, start=1)
        ],
        "zone_map": zone_map(campaigns, promise, lang, gettext),
        "counts": [
            {"status": s, "label": labels[s], "icon": STATUS_ICONS[s], "n": n}
            for s, n in promise.status_counts().items()
        ],
        "valid_from": dates.day(promise.valid_from),
        "valid_until": dates.day(promise.valid_until),
        "until_replaced": promise.until_replaced,
        "published": dates.day(promise.published),
        "followup": (
            {
                "planned": dates.day(followup.planned),
                "channels": promise.text(followup.channels, lang, easy),
                "published_at": dates.day(followup.published_at),
                "text": promise.text(followup.text, lang, easy),
                "done": [
                    (n, promise.text(followup.done[a.id], lang, easy))
                    for n, a in enumerate(promise.activities, start=1)
                    if a.id in followup.done
                ],
            }
            if followup
            else None
        ),
    }
