"""Safety walks as staff run them: make a walk for an activity of a promise, print the
participants' sheet with its link and QR code, give it a new key, see the places on the map
with their notes and photos, approve or refuse notes and photos, merge duplicates, say who
answers for each place and how it goes (a rejection with a public reason), close, publish,
and export (CSV, XLSX, GeoJSON).

`pages` holds the pages and decisions, `exports` the downloads.
"""

from aiohttp import web

from kiosk.staff.walks import exports, pages

WALK = "/walks/{walk}"


def add_routes(app: web.Application, staff: web.Application) -> None:
    """Mount the walk pages on `staff`."""
    add = staff.router.add_route
    add("GET", "/walks/", pages.walks_page, name="staff.walks")
    add("POST", "/walks/", pages.new_walk, name="staff.walks")
    add("GET", f"{WALK}/", pages.walk_page, name="staff.walk")
    add("POST", f"{WALK}/", pages.change_walk, name="staff.walk")
    add("GET", f"{WALK}/sheet", pages.sheet, name="staff.walk_sheet")
    add("POST", f"{WALK}/points/{{point}}", pages.decide_point, name="staff.walk_point")
    add("GET", f"{WALK}/photos/{{point}}", pages.staff_photo, name="staff.walk_photo")
    add(
        "GET",
        f"{WALK}/export.{{format:csv|xlsx|geojson}}",
        exports.export,
        name="staff.walk_export",
    )
