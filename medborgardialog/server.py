"""`serve` and `demo`: one process with the web app and, when configured, the bot inside it."""

from __future__ import annotations

import secrets
from datetime import datetime

from aiohttp import web

from kiosk.edge.protocol_log import ProtocolLog
from medborgardialog.bot_health import add_bot_check
from medborgardialog.bot_service import attach_bot
from medborgardialog.campaign_watch import attach_watch
from medborgardialog.notice_wiring import attach_sender
from medborgardialog.parts import PTB_KEY, Parts, assemble, campaign_watch
from medborgardialog.process import new_event_loop, tune_garbage_collection
from medborgardialog.promise_commands import import_sample_promises
from medborgardialog.settings import Settings
from medborgardialog.web import build_web_app
from storage import Store
from storage.campaigns import register_campaigns
from storage.sample_data import add_sample_data, was_ever_added
from storage.staff import add_staff, audit, hash_password
from survey import load_campaigns

DEMO_STAFF_USER = "demo-admin"


def build_app(parts: Parts) -> web.Application:
    """The aiohttp app: web survey, kiosk, API, staff pages, and the bot if a token is set."""
    app = build_web_app(parts)
    attach_watch(app, campaign_watch(parts))
    if parts.settings.telegram_token:
        attach_bot(app, parts)
        add_bot_check(app, app[PTB_KEY])
    attach_sender(app, parts)

    async def close_store(app: web.Application) -> None:
        parts.store.close()

    app.on_cleanup.append(close_store)
    return app


def server_options(settings: Settings) -> dict:
    """How the HTTP server treats connections, for `serve` and for tests of the edge.

    Idle keep-alive connections close after a while; the parser's refusals are logged as one
    line; request bodies are never decompressed (a claimed gzip body gets 415, see
    `kiosk.edge.request_body`).
    """
    return {
        "keepalive_timeout": settings.keepalive_timeout_seconds,
        "logger": ProtocolLog(),
        "auto_decompress": False,
    }


def serve(settings: Settings, banner: str = "") -> None:
    parts = assemble(settings)
    app = build_app(parts)
    tune_garbage_collection()
    base = f"http://{settings.host}:{settings.port}"

    def announce(_message: str) -> None:
        print(f"Medborgardialog is running on {base}/ (Ctrl+C stops it)", flush=True)
        if banner:
            print(banner.replace("{base}", base), flush=True)

    web.run_app(
        app,
        host=settings.host,
        port=settings.port,
        print=announce,
        access_log=None,
        handler_cancellation=True,
        loop=new_event_loop(),
        **server_options(settings),
    )


def demo(settings: Settings, now: datetime, sample_data: bool = True) -> None:
    """Serve the sample campaigns, with a fresh demo staff password printed once and, on the
    first start, sample answers in every open campaign."""
    password = secrets.token_urlsafe(12)
    open_now = [c for c in load_campaigns(settings.campaigns_dir).values() if c.is_open(now)]

    def prepare(db):
        register_campaigns(db, open_now)
        add_staff(db, DEMO_STAFF_USER, hash_password(password), "admin")
        audit(db, "cli", "staff.password", detail={"username": DEMO_STAFF_USER})
        import_sample_promises(db)
        added = 0
        for campaign in open_now if sample_data else ():
            if not was_ever_added(db, campaign.id):
                added += add_sample_data(db, campaign, now)
        return added

    store = Store(settings.db)
    try:
        added = store.call(prepare, write=True)
    finally:
        store.close()
    if added:
        print(
            f"Added {added} sample answers, marked as sample data; the Administration "
            "page removes them.",
            flush=True,
        )
    banner = (
        "  web survey:  {base}/c/demo/\n"
        "  kiosk:       {base}/kiosk/demo/?source=demo-kiosk\n"
        "  promises:    {base}/p/\n"
        "  staff pages: {base}/staff/\n"
        f"  staff login: {DEMO_STAFF_USER} / {password}\n"
        f"  database:    {settings.db}"
    )
    serve(settings, banner)
