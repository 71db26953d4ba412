"""Who may use the staff pages, and the accounts behind them.

Sessions in an encrypted cookie (`session`), the access, CSRF and Origin middleware with its
limits (`auth`), logging in and out (`login`), Administration for admins: accounts, kiosk
keys and the audit log (`admin`, `audit_page`, `audit_sentences`), and the sample answers
an admin removes (`sample`, counted in `sample_counts` for every page's banner).
"""

from aiohttp import web

from kiosk.staff.access import admin, login
from kiosk.staff.access.audit_page import setup_audit_page
from kiosk.staff.access.auth import LIMITS, SessionLimits
from kiosk.staff.access.sample import setup_sample_data


def add_routes(app: web.Application, staff: web.Application) -> None:
    """Mount login, logout, the language choice and Administration on `staff`; keep the
    session limits and the sample answers' counts on the parent `app`."""
    app[LIMITS] = SessionLimits()
    add = staff.router.add_route
    add("GET", "/login", login.login_form, name="staff.login")
    add("POST", "/login", login.login, name="staff.login")
    add("POST", "/logout", login.logout, name="staff.logout")
    add("POST", "/language", login.choose_language, name="staff.language")
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
    setup_sample_data(app, staff)
    setup_audit_page(staff)
