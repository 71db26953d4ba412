"""Sample answers on the staff pages: which campaigns hold them (a banner on each of their
pages), and the one button that removes them all (admins only, audit-logged)."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.i18n import gettext
from kiosk.staff.access.auth import staff_user
from kiosk.staff.access.sample_counts import SAMPLE_DATA, SampleData
from kiosk.staff.figures import COUNTS_CACHE
from kiosk.staff.layout import flash, redirect
from storage.sample_data import remove_sample_data


def _counts(db) -> dict[str, int]:
    rows = db.conn.execute(
        "SELECT campaign, count(*) FROM responses WHERE sample = 1 GROUP BY campaign"
    )
    return dict(rows.fetchall())


async def load_sample_counts(app: web.Application) -> None:
    app[SAMPLE_DATA].counts = await app[STORE].read(_counts)


async def remove_sample(request: web.Request) -> web.Response:
    """Delete every sample answer, in every campaign."""
    actor = staff_user(request).username
    removed = await request.app[STORE].write(remove_sample_data, actor)
    request.app[SAMPLE_DATA].counts = {}
    request.app[COUNTS_CACHE].entries.clear()
    flash(request, gettext("%(n)d exempelsvar är borttagna.") % {"n": removed})
    return redirect(request, "staff.admin")


def setup_sample_data(app: web.Application, staff: web.Application) -> None:
    """Count sample answers at start-up and add the removal button's route to the staff app."""
    app[SAMPLE_DATA] = SampleData()
    app.on_startup.append(load_sample_counts)
    staff.router.add_route(
        "POST", "/admin/sample-data/delete", remove_sample, name="staff.admin_sample"
    )
