"""`serve` and `demo`: one process with the web app and, when configured, the bot inside it."""

from __future__ import annotations

import asyncio
import gc
import secrets
from dataclasses import dataclass

from aiohttp import web

from locales import Catalogs
from medborgardialog.settings import Settings, load_secret
from storage import Store
from storage.campaigns import register_campaigns
from storage.drafts import delete_campaign_drafts
from storage.staff import add_staff, audit, hash_password
from survey import Campaign, CampaignError, load_campaigns

DEMO_STAFF_USER = "demo-admin"
# Python's default is 700: under load the youngest objects were collected some 40 times a
# second, at about 0.7 ms each; at this threshold a few times in a run of the submit bench.
GC_YOUNG_THRESHOLD = 7000


@dataclass
class Parts:
    """What every channel is built from, assembled once in `main`."""

    settings: Settings
    store: Store
    campaigns: dict[str, Campaign]
    catalogs: Catalogs
    secret: bytes


def assemble(settings: Settings) -> Parts:
    """Load campaigns and catalogs, open the store, record the campaigns in it."""
    campaigns = load_campaigns(settings.campaigns_dir)
    catalogs = Catalogs.load()
    for campaign in campaigns.values():
        missing = [lang for lang in campaign.languages if lang not in catalogs.languages]
        if missing:
            raise CampaignError(
                campaign.id, "languages", f"no translations shipped for {', '.join(missing)}"
            )
    secret = load_secret(settings.secret_file)
    store = Store(settings.db)
    store.call(register_campaigns, list(campaigns.values()), write=True)
    for campaign in campaigns.values():
        if campaign.status() == "closed":  # a closed campaign's half-finished walks are void
            store.call(delete_campaign_drafts, campaign.id, write=True)
    return Parts(settings, store, campaigns, catalogs, secret)


def build_app(parts: Parts) -> web.Application:
    """The aiohttp app: web survey, kiosk, API, staff pages, and the bot if a token is set."""
    from medborgardialog.notice_wiring import attach_sender
    from medborgardialog.web import build_web_app

    app = build_web_app(parts)
    if parts.settings.telegram_token:
        from medborgardialog.telegram import attach_bot

        attach_bot(app, parts)
    attach_sender(app, parts)

    async def close_store(app: web.Application) -> None:
        parts.store.close()

    app.on_cleanup.append(close_store)
    return app


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it is installed (not on Windows), else asyncio's own loop. The server
    spends less CPU per request in uvloop's loop and transports (5% less per stored answer
    in the submit bench)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def tune_garbage_collection() -> None:
    """Leave what start-up built (campaigns, catalogs, the app) out of every later
    collection, and collect young objects less often. A full collection under load scanned
    the start-up objects too and held the server for about 40 ms; now about 10 ms."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


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
    )


def demo(settings: Settings) -> None:
    """Serve the sample campaigns, with a fresh demo staff password printed once."""
    password = secrets.token_urlsafe(12)

    def add_demo_staff(db):
        add_staff(db, DEMO_STAFF_USER, hash_password(password), "admin")
        audit(db, "cli", "staff.password", detail={"username": DEMO_STAFF_USER})

    store = Store(settings.db)
    try:
        store.call(add_demo_staff, write=True)
    finally:
        store.close()
    banner = (
        "  web survey:  {base}/c/demo/\n"
        "  kiosk:       {base}/kiosk/demo/?source=demo-kiosk\n"
        "  staff pages: {base}/staff/\n"
        f"  staff login: {DEMO_STAFF_USER} / {password}\n"
        f"  database:    {settings.db}"
    )
    serve(settings, banner)
