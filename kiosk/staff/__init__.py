"""The staff pages under /staff/: results, moderation, paper entry, exports, report, admin."""

from aiohttp import web

from kiosk.staff import (
    admin,
    comments,
    exports,
    login,
    notices,
    paper,
    paper_import,
    report,
    results,
)
from kiosk.staff.auth import LIMITS, SessionLimits, staff_middleware
from kiosk.staff.figures import COUNTS_CACHE, CountsCache

CAMPAIGN = "/staff/c/{campaign}"


def setup_staff(app: web.Application) -> None:
    """Mount the staff pages, their session and CSRF middlewares on `app`."""
    app[LIMITS] = SessionLimits()
    app[COUNTS_CACHE] = CountsCache()
    app.middlewares.append(staff_middleware(app))
    add = app.router.add_route
    add("GET", "/staff", results.root, name="staff.root")
    add("GET", "/staff/", results.index, name="staff.index")
    add("GET", "/staff/login", login.login_form, name="staff.login")
    add("POST", "/staff/login", login.login, name="staff.login")
    add("POST", "/staff/logout", login.logout, name="staff.logout")
    add("POST", "/staff/language", login.choose_language, name="staff.language")
    add("GET", f"{CAMPAIGN}/", results.results, name="staff.results")
    add("GET", f"{CAMPAIGN}/live", results.live, name="staff.live")
    add("GET", f"{CAMPAIGN}/comments", comments.comments_page, name="staff.comments")
    add(
        "POST",
        f"{CAMPAIGN}/comments/{{response}}",
        comments.moderate_comment,
        name="staff.moderate",
    )
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
    add("GET", "/staff/notices/", notices.notices_page, name="staff.notices")
    add("GET", "/staff/admin/", admin.admin_page, name="staff.admin")
    add("POST", "/staff/admin/staff", admin.save_account, name="staff.admin_account")
    add(
        "POST",
        "/staff/admin/staff/{username}/unlock",
        admin.unlock_account,
        name="staff.admin_unlock",
    )
    add("POST", "/staff/admin/kiosk-keys", admin.new_kiosk_key, name="staff.admin_key")
    add("POST", "/staff/admin/kiosk-keys/{key}/revoke", admin.revoke_key, name="staff.admin_revoke")
