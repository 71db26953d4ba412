"""The staff pages: an aiohttp sub-application mounted at /staff/, with its own middlewares.

Its rooms: `access` (sessions, login, Administration), `results` (live results,
publishing, exports, report, posters), `comments` (moderation, themes, flags), `paper`
(paper entry and import), `promises` (writing, signing and following up promises) and
`campaigns` (the editor and its previews). What they all use lies here: `layout` (the
pages' shared context, links and errors), `figures` and `chart` (the counts and charts that
several rooms show). The session, access and CSRF middleware runs only here. Paths are
relative to /staff (`"/login"` is /staff/login). The keys the parent app holds (CONFIG,
STORE, CAMPAIGNS, ...) are copied to the staff app when the server starts, so views read
them as `request.app[KEY]`.
"""

from aiohttp import web

from kiosk.staff import access, campaigns, comments, paper, promises, results, walks
from kiosk.staff.access.auth import staff_middleware
from kiosk.staff.figures import COUNTS_CACHE, CountsCache
from kiosk.staff.results import live

PREFIX = "/staff"


def add_routes(app: web.Application) -> None:
    """Mount the staff pages and their middlewares at /staff/ on `app`."""
    app[COUNTS_CACHE] = CountsCache()
    staff = web.Application(middlewares=[staff_middleware(app)])
    for room in (access, results, comments, paper, promises, campaigns, walks):
        room.add_routes(app, staff)
    # Without the slash, outside the sub-application (whose prefix is /staff/).
    app.router.add_get(PREFIX, live.root, name="staff.root")
    app.on_startup.append(share_state(staff))
    app.add_subapp(PREFIX, staff)


def share_state(staff: web.Application):
    """At start-up, give the staff app everything the parent holds (before either freezes)."""

    async def copy(app: web.Application) -> None:
        for key, value in app.items():
            if key not in staff or staff[key] is not value:  # a second start finds them set
                staff[key] = value

    return copy
