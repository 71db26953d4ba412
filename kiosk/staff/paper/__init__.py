"""Paper entry: answers collected on paper or at a workshop, keyed in one by one (`entry`) or
imported as a checked CSV batch (`batch_import`)."""

from aiohttp import web

from kiosk.staff.layout import CAMPAIGN
from kiosk.staff.paper import batch_import, entry


def add_routes(app: web.Application, staff: web.Application) -> None:
    """Mount the paper form, the batch template and the batch import on `staff`."""
    add = staff.router.add_route
    add("GET", f"{CAMPAIGN}/paper", entry.paper_form, name="staff.paper")
    add("POST", f"{CAMPAIGN}/paper", entry.paper_submit, name="staff.paper")
    add(
        "GET",
        f"{CAMPAIGN}/paper/template.csv",
        batch_import.batch_template,
        name="staff.paper_template",
    )
    add("POST", f"{CAMPAIGN}/paper/import", batch_import.batch_import, name="staff.paper_import")
