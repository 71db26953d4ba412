"""`serve` and `demo`: one process with the web app and, when configured, the bot inside it."""

from __future__ import annotations

import asyncio
import gc
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web

from kiosk.clock import Clock
from kiosk.protocol_log import ProtocolLog
from locales import Catalogs
from medborgardialog.promise_commands import import_sample_promises
from medborgardialog.settings import Settings, load_secret
from storage import Store
from storage.campaigns import campaigns_stamp, published_campaigns, register_campaigns
from storage.drafts import delete_campaign_drafts
from storage.sample_data import add_sample_data, was_ever_added
from storage.staff import add_staff, audit, hash_password
from survey import CampaignError, load_campaigns
from survey.loader import load_campaign_files
from survey.registry import CampaignRegistry

DEMO_STAFF_USER = "demo-admin"
# Python's default is 700: under load the youngest objects were collected some 40 times a
# second, at about 0.7 ms each; at this threshold a few times in a run of the submit bench.
GC_YOUNG_THRESHOLD = 7000


@dataclass
class Parts:
    """What every channel is built from, assembled once in `main`."""

    settings: Settings
    store: Store
    campaigns: CampaignRegistry
    catalogs: Catalogs
    secret: bytes
    campaigns_stamp: int = 0
    # The clock every channel judges answers by and times its caches with (a fake in tests).
    clock: Clock = field(default_factory=Clock)


def assemble(settings: Settings) -> Parts:
    """Load campaign files and catalogs, open the store, import the files into it, and
    serve every opened campaign the store holds (files' and those made in the staff pages)."""
    files = load_campaign_files(settings.campaigns_dir)
    catalogs = Catalogs.load()
    for campaign in (found.campaign for found in files.values()):
        missing = [lang for lang in campaign.languages if lang not in catalogs.languages]
        if missing:
            raise CampaignError(
                campaign.id, "languages", f"no translations shipped for {', '.join(missing)}"
            )
    secret = load_secret(settings.secret_file)
    store = Store(settings.db)
    origins = {campaign_id: found.file for campaign_id, found in files.items()}
    store.call(
        register_campaigns, [found.campaign for found in files.values()], origins, write=True
    )
    stamp = store.call(campaigns_stamp)
    campaigns = CampaignRegistry(store.call(published_campaigns))
    for campaign in campaigns.values():
        if campaign.status() == "closed":  # a closed campaign's half-finished walks are void
            store.call(delete_campaign_drafts, campaign.id, write=True)
    return Parts(settings, store, campaigns, catalogs, secret, stamp)


def build_app(parts: Parts) -> web.Application:
    """The aiohttp app: web survey, kiosk, API, staff pages, and the bot if a token is set."""
    from medborgardialog.campaign_watch import attach_watch
    from medborgardialog.notice_wiring import attach_sender
    from medborgardialog.web import build_web_app

    app = build_web_app(parts)
    attach_watch(app, campaign_watch(parts))
    if parts.settings.telegram_token:
        from medborgardialog.bot_health import add_bot_check
        from medborgardialog.telegram import PTB_KEY, attach_bot

        attach_bot(app, parts)
        add_bot_check(app, app[PTB_KEY])
    attach_sender(app, parts)

    async def close_store(app: web.Application) -> None:
        parts.store.close()

    app.on_cleanup.append(close_store)
    return app


def campaign_watch(parts: Parts):
    """What keeps this process's campaigns in step with the store."""
    from medborgardialog.campaign_watch import CampaignWatch

    return CampaignWatch(parts.store, parts.campaigns, parts.campaigns_stamp)


def server_options(settings: Settings) -> dict:
    """How the HTTP server treats connections, for `serve` and for tests of the edge.

    Idle keep-alive connections close after a while; the parser's refusals are logged as one
    line; request bodies are never decompressed (a claimed gzip body gets 415, see
    `kiosk.request_body`).
    """
    return {
        "keepalive_timeout": settings.keepalive_timeout_seconds,
        "logger": ProtocolLog(),
        "auto_decompress": False,
    }


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
