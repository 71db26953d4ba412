"""A campaign's results as staff see them, and what leaves the house from them.

The staff front page and live results (`live`), the places marked on a map (`places`),
publishing the results and the summary
(`publishing`), downloads (`exports`), the printable report (`report`) and the posters
that lead to the survey (`posters`).
"""

from aiohttp import web

from kiosk.staff.layout import CAMPAIGN
from kiosk.staff.results import exports, live, places, posters, publishing, report


def add_routes(app: web.Application, staff: web.Application) -> None:
    """Mount the results, publishing, exports, report and poster pages on `staff`; keep the
    bot's name (for the posters' links) on the parent `app`."""
    app[posters.BOT_USERNAME] = posters.BotUsername()
    add = staff.router.add_route
    add("GET", "/", live.index, name="staff.index")
    add("GET", f"{CAMPAIGN}/", live.results, name="staff.results")
    add("GET", f"{CAMPAIGN}/live", live.live, name="staff.live")
    add("GET", f"{CAMPAIGN}/places", places.places_page, name="staff.places")
    add("POST", f"{CAMPAIGN}/publication", publishing.change_publication, name="staff.publication")
    add("POST", f"{CAMPAIGN}/summary", publishing.save_summary, name="staff.summary")
    add("GET", f"{CAMPAIGN}/exports", exports.exports_page, name="staff.exports")
    add(
        "GET",
        f"{CAMPAIGN}/export/{{table:[a-z]+}}.{{format:[a-z]+}}",
        exports.download,
        name="staff.download",
    )
    add("GET", f"{CAMPAIGN}/report", report.report, name="staff.report")
    add("GET", f"{CAMPAIGN}/poster", posters.poster, name="staff.poster")
