"""A promise as plain JSON-ready data (the shape of `GET /api/v1/promises/{id}`), and back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from survey.promises.promise import Activity, Focus, FollowUp, Party, Promise, Update


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def update_as_dict(update: Update, public: bool = True) -> dict[str, Any]:
    found = {"date": update.date.isoformat(), "status": update.status, "text": dict(update.text)}
    if not public:
        found["public"] = update.public
    return found


def activity_as_dict(activity: Activity, public: bool = True) -> dict[str, Any]:
    updates = activity.public_updates if public else activity.updates
    return {
        "id": activity.id,
        "text": dict(activity.text),
        "responsible": list(activity.responsible),
        "roles": {party: dict(text) for party, text in activity.roles.items()},
        "areas": list(activity.areas),
        "zones": list(activity.zones),
        "status": activity.status,
        "starts": _day(activity.starts),
        "ends": _day(activity.ends),
        "updates": [update_as_dict(u, public) for u in sorted(updates, key=lambda u: u.date)],
    }


def followup_as_dict(followup: FollowUp | None) -> dict[str, Any] | None:
    if followup is None:
        return None
    return {
        "planned": followup.planned.isoformat(),
        "channels": dict(followup.channels),
        "published_at": followup.published_at.isoformat() if followup.published_at else None,
        "text": dict(followup.text) if followup.text else None,
        "done": {activity: dict(text) for activity, text in followup.done.items()},
    }


def promise_as_dict(promise: Promise, public: bool = True) -> dict[str, Any]:
    """The promise as JSON; `public=False` keeps internal updates too (for the store)."""
    return {
        "id": promise.id,
        "title": dict(promise.title),
        "languages": list(promise.languages),
        "parties": [{"id": p.id, "name": dict(p.name)} for p in promise.parties],
        "valid_from": promise.valid_from.isoformat(),
        "valid_until": _day(promise.valid_until),
        "until_replaced": promise.until_replaced,
        "replaces": list(promise.replaces),
        "published": _day(promise.published),
        "campaigns": list(promise.campaigns),
        "situation": dict(promise.situation) if promise.situation else None,
        "focus": [
            {"campaign": f.campaign, "area": f.area, "rank": f.rank, "votes": f.votes}
            for f in promise.focus
        ],
        "goals": [dict(goal) for goal in promise.goals],
        "activities": [activity_as_dict(a, public) for a in promise.activities],
        "followup": followup_as_dict(promise.followup),
    }


def _parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def activity_from_dict(data: dict[str, Any]) -> Activity:
    return Activity(
        id=data["id"],
        text=data["text"],
        responsible=tuple(data["responsible"]),
        areas=tuple(data.get("areas", ())),
        zones=tuple(data.get("zones", ())),
        status=data.get("status", "planned"),
        roles=data.get("roles") or {},
        updates=tuple(
            Update(date.fromisoformat(u["date"]), u["status"], u["text"], u.get("public", True))
            for u in data.get("updates", ())
        ),
        starts=_parse_day(data.get("starts")),
        ends=_parse_day(data.get("ends")),
    )


def followup_from_dict(data: dict[str, Any] | None) -> FollowUp | None:
    if not data:
        return None
    published = data.get("published_at")
    return FollowUp(
        planned=date.fromisoformat(data["planned"]),
        channels=data["channels"],
        text=data.get("text") or None,
        done=data.get("done") or {},
        published_at=datetime.fromisoformat(published) if published else None,
    )


def promise_from_dict(data: dict[str, Any]) -> Promise:
    """A promise from `promise_as_dict(..., public=False)` (data the product wrote itself)."""
    return Promise(
        id=data["id"],
        languages=tuple(data["languages"]),
        campaigns=tuple(data["campaigns"]),
        title=data["title"],
        parties=tuple(Party(p["id"], p["name"]) for p in data["parties"]),
        goals=tuple(data["goals"]),
        activities=tuple(activity_from_dict(a) for a in data["activities"]),
        valid_from=date.fromisoformat(data["valid_from"]),
        valid_until=_parse_day(data.get("valid_until")),
        until_replaced=data.get("until_replaced", False),
        replaces=tuple(data.get("replaces", ())),
        published=_parse_day(data.get("published")),
        situation=data.get("situation") or None,
        focus=tuple(
            Focus(f["campaign"], f["area"], f["rank"], f.get("votes")) for f in data["focus"]
        ),
        followup=followup_from_dict(data.get("followup")),
    )
