"""Typed keys for what the web app holds: passed in by the app factory, never global."""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

from kiosk.config import WebConfig
from locales import Catalogs
from storage import Store
from survey import Campaign

CONFIG = web.AppKey("config", WebConfig)
STORE = web.AppKey("store", Store)
# The campaigns served: a registry that staff may change while the server runs.
CAMPAIGNS = web.AppKey("campaigns", Mapping[str, Campaign])
CATALOGS = web.AppKey("catalogs", Catalogs)
SECRET = web.AppKey("secret", bytes)

# The language the i18n middleware chose for this request ("sv", "ar", ...).
LANGUAGE = web.RequestKey("language", str)
