"""The staff pages: an aiohttp sub-application mounted at /staff/, with its own middlewares.

Results, moderation, paper entry, exports, report and admin. The session, access and CSRF
middleware runs only here. Paths in the table are relative to /staff (`"/login"` is
/staff/login). The keys the parent app holds (CONFIG, STORE, CAMPAIGNS, ...) are copied to
the staff app when the server starts, so views read them as `request.app[KEY]`.
"""

from aiohttp import web

from kiosk.staff import (
    admin,
    bulk_themes,
    comments,
    exports,
    flag_review,
    login,
    notices,
    paper,
    paper_import,
    posters,
    promise_activities,
    promise_signing,
    promises,
    publishing,
    report,
    results,
)
from kiosk.staff import campaign_editor as editor
from kiosk.staff import campaign_preview as preview
from kiosk.staff.audit_page import setup_audit_page
from kiosk.staff.auth import LIMITS, SessionLimits, staff_middleware
from kiosk.staff.figures import COUNTS_CACHE, CountsCache
from kiosk.staff.sample import setup_sample_data

PREFIX = "/staff"
CAMPAIGN = "/c/{campaign}"
PROMISE = "/promises/{promise}"
ACTIVITY = "/promises/{promise}/activities/{activity}"
EDITED = "/campaigns/{campaign}"


def setup_staff(app: web.Application) -> None:
    """Mount the staff pages and their middlewares at /staff/ on `app`."""
    app[LIMITS] = SessionLimits()
    app[COUNTS_CACHE] = CountsCache()
    app[posters.BOT_USERNAME] = posters.BotUsername()
    staff = web.Application(middlewares=[staff_middleware(app)])
    add = staff.router.add_route
    add("GET", "/", results.index, name="staff.index")
    add("GET", "/login", login.login_form, name="staff.login")
    add("POST", "/login", login.login, name="staff.login")
    add("POST", "/logout", login.logout, name="staff.logout")
    add("POST", "/language", login.choose_language, name="staff.language")
    add("GET", f"{CAMPAIGN}/", results.results, name="staff.results")
    add("GET", f"{CAMPAIGN}/live", results.live, name="staff.live")
    add("GET", f"{CAMPAIGN}/comments", comments.comments_page, name="staff.comments")
    add(
        "POST",
        f"{CAMPAIGN}/comments/{{response}}",
        comments.moderate_comment,
        name="staff.moderate",
    )
    add("POST", f"{CAMPAIGN}/comments-bulk", bulk_themes.bulk_action, name="staff.comments_bulk")
    add("POST", f"{CAMPAIGN}/publication", publishing.change_publication, name="staff.publication")
    add("POST", f"{CAMPAIGN}/summary", publishing.save_summary, name="staff.summary")
    add("GET", f"{CAMPAIGN}/flags", flag_review.flags_page, name="staff.flags")
    add("POST", f"{CAMPAIGN}/flags/{{response}}", flag_review.decide_flag, name="staff.flag")
    add("POST", f"{CAMPAIGN}/tags", comments.create_tag, name="staff.tags")
    add("POST", f"{CAMPAIGN}/tags/{{tag}}/delete", comments.remove_tag, name="staff.tag_delete")
    add("GET", f"{CAMPAIGN}/paper", paper.paper_form, name="staff.paper")
    add("POST", f"{CAMPAIGN}/paper", paper.paper_submit, name="staff.paper")
    add(
        "GET",
        f"{CAMPAIGN}/paper/template.csv",
        paper_import.batch_template,
        name="staff.paper_template",
    )
    add("POST", f"{CAMPAIGN}/paper/import", paper_import.batch_import, name="staff.paper_import")
    add("GET", f"{CAMPAIGN}/exports", exports.exports_page, name="staff.exports")
    add(
        "GET",
        f"{CAMPAIGN}/export/{{table:[a-z]+}}.{{format:[a-z]+}}",
        exports.download,
        name="staff.download",
    )
    add("GET", f"{CAMPAIGN}/report", report.report, name="staff.report")
    add("GET", f"{CAMPAIGN}/poster", posters.poster, name="staff.poster")
    add("GET", "/notices/", notices.notices_page, name="staff.notices")
    add("GET", "/admin/", admin.admin_page, name="staff.admin")
    add("POST", "/admin/staff", admin.save_account, name="staff.admin_account")
    add(
        "POST",
        "/admin/staff/{username}/unlock",
        admin.unlock_account,
        name="staff.admin_unlock",
    )
    add("POST", "/admin/kiosk-keys", admin.new_kiosk_key, name="staff.admin_key")
    add("POST", "/admin/kiosk-keys/{key}/revoke", admin.revoke_key, name="staff.admin_revoke")
    add("GET", "/promises/", promises.promises_page, name="staff.promises")
    add("POST", "/promises/", promises.new_draft, name="staff.promises")
    add("GET", f"{PROMISE}/", promises.promise_page, name="staff.promise")
    add("POST", f"{PROMISE}/", promises.save_texts, name="staff.promise")
    add(
        "POST",
        f"{PROMISE}/activities",
        promise_activities.add_activity,
        name="staff.promise_activities",
    )
    add("GET", ACTIVITY, promise_activities.activity_page, name="staff.promise_activity")
    add("POST", ACTIVITY, promise_activities.save_activity, name="staff.promise_activity")
    add("POST", f"{ACTIVITY}/status", promise_activities.set_status, name="staff.promise_status")
    add("POST", f"{ACTIVITY}/updates", promise_activities.post_update, name="staff.promise_update")
    add("POST", f"{PROMISE}/followup", promise_signing.save_followup, name="staff.promise_followup")
    add("POST", f"{PROMISE}/approve", promise_signing.approve_promise, name="staff.promise_approve")
    add("POST", f"{PROMISE}/publish", promise_signing.publish_promise, name="staff.promise_publish")
    add("GET", "/campaigns/", editor.campaigns_page, name="staff.editor")
    add("POST", "/campaigns/", editor.create, name="staff.editor")
    add("POST", "/campaigns/copy", editor.copy, name="staff.editor_copy")
    add("GET", f"{EDITED}/", editor.editor_page, name="staff.editor_campaign")
    add("POST", f"{EDITED}/", editor.save, name="staff.editor_campaign")
    add("POST", f"{EDITED}/open", editor.open_campaign, name="staff.editor_open")
    add("POST", f"{EDITED}/close", editor.close_early, name="staff.editor_close")
    add("GET", f"{EDITED}/preview", preview.preview_page, name="staff.editor_preview")
    add("GET", f"{EDITED}/preview/web", preview.preview_web, name="staff.editor_preview_web")
    add("GET", f"{EDITED}/preview/kiosk", preview.preview_kiosk, name="staff.editor_preview_kiosk")
    setup_sample_data(app, staff)
    setup_audit_page(staff)
    # Without the slash, outside the sub-application (whose prefix is /staff/).
    app.router.add_get(PREFIX, results.root, name="staff.root")
    app.on_startup.append(share_state(staff))
    app.add_subapp(PREFIX, staff)


def share_state(staff: web.Application):
    """At start-up, give the staff app everything the parent holds (before either freezes)."""

    async def copy(app: web.Application) -> None:
        for key, value in app.items():
            if key not in staff or staff[key] is not value:  # a second start finds them set
                staff[key] = value

    return copy
