"""QR codes of the public promise pages, as SVG made on the server (no network needed)."""

from __future__ import annotations

import segno
from aiohttp import web

from kiosk.app_keys import CONFIG


def public_address(request: web.Request, path: str) -> str:
    """An absolute address residents can open (the configured public one, or this host's)."""
    base = request.app[CONFIG].public_url or str(request.url.origin())
    return base.rstrip("/") + path


def qr_svg(address: str, title: str) -> bytes:
    """A QR code of `address` as SVG, made here: the kiosk needs no network for it."""
    qr = segno.make(address, error="m")
    return qr.svg_inline(scale=6, border=2, title=title, dark="#000", light="#fff").encode()
