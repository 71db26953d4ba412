"""The audit log page (admins only): sentences in the staff language at local time,
filtered by who, what and which dialogue, a page at a time."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import CAMPAIGNS, STORE
from kiosk.i18n import current_language
from kiosk.staff.access.audit_sentences import action_name, actor_name, local_time, sentence
from kiosk.staff.layout import render
from storage.audit_log import AuditEntry, AuditFilter, audit_choices, audit_page

PER_PAGE = 50
DEFAULT_ZONE = "Europe/Stockholm"


def entry_rows(request: web.Request, entries: list[AuditEntry]) -> list[dict]:
    """What the template shows of each entry: when (local time), what, in which dialogue."""
    campaigns = request.app[CAMPAIGNS]
    fallback = next(iter(campaigns.values())).timezone if campaigns else DEFAULT_ZONE
    lang = current_language()
    rows = []
    for entry in entries:
        campaign = campaigns.get(entry.campaign or "")
        zone = campaign.timezone if campaign else fallback
        rows.append(
            {
                "when": local_time(entry.at, zone, lang),
                "utc": entry.at[:19].replace("T", " ") + " UTC",
                "sentence": sentence(entry),
                "campaign": campaign.text(campaign.title, lang) if campaign else "",
            }
        )
    return rows


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and 0 < int(text) < 1_000_000 else 1


async def audit_log(request: web.Request) -> web.Response:
    """One page of the log, with the filters chosen."""
    query = request.query
    wanted = AuditFilter(
        actor=query.get("actor") or None,
        action=query.get("action") or None,
        campaign=query.get("campaign") or None,
    )
    page = _page_number(query.get("page"))

    def fetch(db):
        return audit_page(db, wanted, page, PER_PAGE), audit_choices(db)

    (entries, total), (actors, actions) = await request.app[STORE].read(fetch)
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    filters = {"actor": wanted.actor, "action": wanted.action, "campaign": wanted.campaign}
    context = {
        "active": "admin",
        "rows": entry_rows(request, entries),
        "total": total,
        "page": page,
        "pages": pages,
        "filters": filters,
        "actors": [(a, actor_name(a)) for a in actors],
        "actions": sorted(((a, action_name(a)) for a in actions), key=lambda pair: pair[1]),
        "newer": dict(filters, page=page - 1) if page > 1 else None,
        "older": dict(filters, page=page + 1) if page < pages else None,
    }
    return render(request, "staff/audit.html", context)


def setup_audit_page(staff: web.Application) -> None:
    """The audit log's own page, on the staff app."""
    staff.router.add_get("/admin/log", audit_log, name="staff.admin_log")
