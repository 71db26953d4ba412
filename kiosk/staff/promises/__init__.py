"""Promises as staff write them: drafts, texts, activities, signing, follow-up, subscribers.

`editor` is the list, a draft from a campaign's results and the promise's texts;
`activities` one activity, its status and updates; `signing` the parties' approvals,
publishing and the follow-up; `forms` reads their forms; `notices` counts who asked to hear
back, never showing a contact.
"""

from aiohttp import web

from kiosk.staff.promises import activities, editor, notices, signing

PROMISE = "/promises/{promise}"
ACTIVITY = "/promises/{promise}/activities/{activity}"


def add_routes(app: web.Application, staff: web.Application) -> None:
    """Mount the promise pages and the subscribers' counts on `staff`."""
    add = staff.router.add_route
    add("GET", "/notices/", notices.notices_page, name="staff.notices")
    add("GET", "/promises/", editor.promises_page, name="staff.promises")
    add("POST", "/promises/", editor.new_draft, name="staff.promises")
    add("GET", f"{PROMISE}/", editor.promise_page, name="staff.promise")
    add("POST", f"{PROMISE}/", editor.save_texts, name="staff.promise")
    add("POST", f"{PROMISE}/activities", activities.add_activity, name="staff.promise_activities")
    add("GET", ACTIVITY, activities.activity_page, name="staff.promise_activity")
    add("POST", ACTIVITY, activities.save_activity, name="staff.promise_activity")
    add("POST", f"{ACTIVITY}/status", activities.set_status, name="staff.promise_status")
    add("POST", f"{ACTIVITY}/updates", activities.post_update, name="staff.promise_update")
    add("POST", f"{PROMISE}/followup", signing.save_followup, name="staff.promise_followup")
    add("POST", f"{PROMISE}/approve", signing.approve_promise, name="staff.promise_approve")
    add("POST", f"{PROMISE}/publish", signing.publish_promise, name="staff.promise_publish")
