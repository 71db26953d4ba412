"""The cycle events a change to a promise causes, for the residents who asked to hear back.

Recorded only while the promise is public: publishing it, a public update or a moved
status on one of its activities, and publishing its follow-up. Each event names the
campaign the promise follows, the activity with its areas and zones, and carries its texts in every
language, so the notices can be written without reading the promise again.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from storage.events import CycleEvent, record_event
from survey.promises.promise import Activity, Promise, Update


def record_promise_events(
    db: Database,
    old: Promise | None,
    new: Promise,
    new_updates: list[tuple[Activity, Update]],
    today: date,
    now: datetime,
) -> int:
    """The events of this change that residents hear about: only for a public promise."""
    if not new.is_public(today):
        return 0
    events = []
    # What every notice names and links to: the promise, on its public page.
    about = {"title": dict(new.title), "url": f"/p/{new.id}/"}
    if old is None or not old.is_public(today):
        events.append(
            CycleEvent(
                "promise_published",
                campaign=new.campaign,
                promise=new.id,
                areas=tuple(dict.fromkeys(a for act in new.activities for a in act.areas)),
                detail={
                    **about,
                    "published": new.published.isoformat(),
                    "valid_until": new.valid_until.isoformat() if new.valid_until else None,
                },
            )
        )
    else:
        for activity, update in new_updates:
            if not update.public:
                continue
            before = old.activity(activity.id)
            moved = before is None or before.status != activity.status
            kind = (
                "activity_status"
                if moved and update.status == activity.status
                else ("activity_update")
            )
            events.append(
                CycleEvent(
                    kind,
                    campaign=new.campaign,
                    promise=new.id,
                    activity=activity.id,
                    areas=activity.areas,
                    zones=activity.zones,
                    detail={
                        **about,
                        "status": update.status,
                        "previous_status": before.status if before else None,
                        "date": update.date.isoformat(),
                        "text": dict(update.text),
                        "activity_text": dict(activity.text),
                    },
                )
            )
    followup_now = new.followup.published_at if new.followup else None
    followup_before = old.followup.published_at if old and old.followup else None
    if followup_now and not followup_before:
        events.append(
            CycleEvent(
                "followup_published",
                campaign=new.campaign,
                promise=new.id,
                areas=tuple(dict.fromkeys(a for act in new.activities for a in act.areas)),
                detail={
                    **about,
                    "text": dict(new.followup.text or {}),
                    "done": dict(new.followup.done),
                },
            )
        )
    for event in events:
        record_event(db, event, now)
    return len(events)
