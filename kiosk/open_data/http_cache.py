"""ETags, `304 Not Modified` and CORS for the public read-only routes, and nothing else.

The routes are wrapped where they are registered (`share_route`), so that a request to any
other route (above all an answer being posted) runs no code of this module at all.

- Every public read (JSON, CSV, the catalogue and the public pages) gets a strong `ETag`
  made from the exact bytes sent (so a gzipped body has its own), and answers a matching
  `If-None-Match` with 304 and no body. The bodies are mostly the same bytes objects served
  from the caches in front of them, so each digest is remembered by the body it was made of.
- Public JSON, CSV and RDF also get `Access-Control-Allow-Origin: *`, and answer a CORS
  preflight (`OPTIONS`) for `GET`. Nothing that writes is wrapped: a preflight to
  `…/responses` gets 405 and no grant.
- `Cache-Control`: public data may be kept by any cache but is asked for again each time
  (`public, no-cache`; a 304 costs nothing), because results can be counted again or taken
  down at any moment; the description of the API changes only with a release.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from aiohttp import hdrs, web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# For open data: may be stored anywhere, must be checked with the server before each use.
PUBLIC_DATA = "public, no-cache"
# For public pages: a browser may keep them and revalidate (they hold no one's answers).
PUBLIC_PAGE = "no-cache"
# The API's own description: the same until the next release.
DESCRIPTION = "public, max-age=300"

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Content-Language",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, HEAD",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match",
    "Access-Control-Max-Age": "86400",
}
# Varies the cached answer by what it was chosen by (language cookie or header, encoding).
_REMEMBERED = 512


class Digests:
    """The ETag of each body recently sent, kept by the body's identity (and the body, so
    that the identity cannot be reused by another object while it is kept)."""

    def __init__(self, size: int = _REMEMBERED):
        self.size = size
        self.known: OrderedDict[int, tuple[bytes, str]] = OrderedDict()

    def etag(self, body: bytes) -> str:
        found = self.known.get(id(body))
        if found is not None and found[0] is body:
            return found[1]
        value = hashlib.blake2b(body, digest_size=12).hexdigest()
        self.known[id(body)] = (body, value)
        if len(self.known) > self.size:
            self.known.popitem(last=False)
        return value


# One per app (set up by `add_routes`), like everything the app holds.
DIGESTS = web.AppKey("open_data_digests", Digests)
# What a 304 repeats: a cache updates the stored headers from it (RFC 9111, 4.3.4), so a
# page's own policy must come along, or the API's "load nothing" would replace it.
KEPT_ON_304 = frozenset(
    {
        hdrs.CACHE_CONTROL,
        hdrs.ETAG,
        hdrs.VARY,
        hdrs.CONTENT_LOCATION,
        "Content-Security-Policy",
        "Permissions-Policy",
    }
)


def matches(request: web.Request, etag: str) -> bool:
    """Whether `If-None-Match` names this ETag (or `*`); weak and strong compare alike."""
    wanted = request.if_none_match
    return bool(wanted) and any(tag.value in (etag, "*") for tag in wanted)


def _finish(
    request: web.Request, response: web.StreamResponse, cache_control: str, cors: bool
) -> web.StreamResponse:
    """Add the headers, and turn a 200 the client already holds into a 304."""
    if cors:
        response.headers.update(CORS_HEADERS)
    if response.status != 200 or not isinstance(response, web.Response):
        return response
    body = response.body
    if not isinstance(body, bytes):
        return response
    etag = request.app[DIGESTS].etag(body)
    response.headers.setdefault(hdrs.CACHE_CONTROL, cache_control)
    response.etag = etag
    if not matches(request, etag):
        return response
    kept = {
        name: value
        for name, value in response.headers.items()
        if name in KEPT_ON_304 or name.startswith("Access-Control-")
    }
    return web.Response(status=304, headers=kept)


def shared(handler: Handler, cache_control: str, cors: bool) -> Handler:
    """The handler, answering with an ETag (304 on a match), and CORS when `cors`."""

    async def handle(request: web.Request) -> web.StreamResponse:
        return _finish(request, await handler(request), cache_control, cors)

    handle.__name__ = getattr(handler, "__name__", "handle")
    handle.__doc__ = handler.__doc__
    return handle


async def preflight(request: web.Request) -> web.Response:
    """A CORS preflight for a public read: any origin may GET it."""
    return web.Response(status=204, headers=PREFLIGHT_HEADERS)


def share_route(
    app: web.Application, path: str, cache_control: str = PUBLIC_DATA, cors: bool = True
) -> None:
    """Wrap the GET (and HEAD) handlers registered for `path`; with `cors`, add a preflight.

    For routes other modules register: called once they are all in the router."""
    if DIGESTS not in app:
        app[DIGESTS] = Digests()
    for resource in app.router.resources():
        if resource.canonical != path:
            continue
        methods = set()
        for route in resource:
            methods.add(route.method)
            if route.method in (hdrs.METH_GET, hdrs.METH_HEAD):
                # aiohttp has no public way to replace a registered handler.
                route._handler = shared(route.handler, cache_control, cors)
        if cors and hdrs.METH_OPTIONS not in methods:
            resource.add_route(hdrs.METH_OPTIONS, preflight)
        return
    raise LookupError(f"no route {path!r} to share")
