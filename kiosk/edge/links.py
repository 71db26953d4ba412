"""Absolute links to the product's own pages, for QR codes, e-mails and notices.

They use `MEDBORGARDIALOG_PUBLIC_URL` (the address residents reach, perhaps with a path
such as https://kommun.se/dialog) when it is set, so that a link made behind a reverse
proxy does not point at the proxy's inside address; otherwise the request's own address.
"""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import CONFIG


def public_base(request: web.Request) -> str:
    """The public address of the product, without a trailing slash."""
    configured = request.config_dict[CONFIG].public_url
    if configured:
        return configured.rstrip("/")
    return str(request.url.origin())


def absolute_url(request: web.Request, path: str) -> str:
    """The absolute address of `path` (e.g. "/c/karlstad-2016/follow?lang=ar")."""
    return public_base(request) + "/" + path.lstrip("/")
