"""Published results: the public page and JSON of a campaign's results once staff publish them.

`pages` answers /c/{campaign}/results and its API, `places` the places marked as GeoJSON;
`cache` keeps them rendered once per change (the staff pages clear it too); `view` turns the
counted results into what the templates show, which the staff's figures and report reuse.
Templates: `templates/results/`.
"""

from aiohttp import web

from kiosk.results.pages import setup_public_results
from kiosk.results.places import add_places_routes


def add_routes(app: web.Application) -> None:
    """Mount the published results (page, JSON and places) and their cache."""
    setup_public_results(app)
    add_places_routes(app)
