"""Subscriptions as staff see them: counts per campaign, promise and channel, never a contact."""

from __future__ import annotations

from aiohttp import web

from kiosk.app_keys import STORE
from kiosk.staff.layout import render
from storage import subscriptions


async def notices_page(request: web.Request) -> web.Response:
    """How many subscribers each campaign and promise has, by channel, and what is owed."""
    counts = await request.app[STORE].read(subscriptions.counts)
    return render(request, "staff/notices.html", {"active": "notices", "counts": counts})
