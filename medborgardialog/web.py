"""The web channel built from the product's parts (the kiosk package never sees Settings)."""

from __future__ import annotations

from functools import partial

from aiohttp import web

from bot.preview import preview_messages
from kiosk.app import create_app
from kiosk.config import WebConfig
from kiosk.edge.client_address import trusted_networks
from kiosk.staff.campaigns.preview import BOT_PREVIEW
from medborgardialog.notice_wiring import attach_mailer
from medborgardialog.parts import Parts


def web_config(parts: Parts) -> WebConfig:
    settings = parts.settings
    return WebConfig(
        frame_ancestors=settings.frame_ancestors,
        require_kiosk_key=settings.require_kiosk_key,
        idle_warning_seconds=settings.idle_warning_seconds,
        idle_reset_seconds=settings.idle_reset_seconds,
        public_url=settings.public_url,
        promise_quiet_days=settings.promise_quiet_days,
        bot_username=settings.telegram_bot_username,
        organisation=settings.organisation,
        contact=settings.contact,
        secure_cookies=(settings.public_url or "").startswith("https://"),
        body_timeout_seconds=settings.body_timeout_seconds,
        trusted_proxies=trusted_networks(settings.trusted_proxies),
        data_licence=settings.data_licence,
        espeak=settings.espeak,
        # Recorded speech is kept beside the database, like its secret.
        speech_folder=settings.db.with_name(settings.db.name + ".speech"),
    )


def build_web_app(parts: Parts) -> web.Application:
    """The aiohttp app of the web survey, kiosk, API and staff pages."""
    app = create_app(
        web_config(parts), parts.store, parts.campaigns, parts.catalogs, parts.secret, parts.clock
    )
    attach_mailer(app, parts)
    app[BOT_PREVIEW] = partial(preview_messages, parts.catalogs)
    return app
