"""The parts of a running service: what every channel is built from, assembled once.

`serve`, `demo` and `bot` alone all start from `assemble(settings)`; the web app, the bot
and the notice sender are then built from the `Parts`, and nothing here knows which.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web
from telegram.ext import Application

from kiosk.clock import Clock
from locales import Catalogs
from medborgardialog.campaign_watch import CampaignWatch
from medborgardialog.settings import Settings, load_secret
from storage import Store
from storage.campaigns import campaigns_stamp, published_campaigns, register_campaigns
from storage.drafts import delete_campaign_drafts
from survey import CampaignError
from survey.loader import load_campaign_files
from survey.registry import CampaignRegistry

# The bot's PTB application, on the web app that runs one (the notice sender reads it).
PTB_KEY = web.AppKey("telegram", Application)


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


def campaign_watch(parts: Parts):
    """What keeps this process's campaigns in step with the store."""
    return CampaignWatch(parts.store, parts.campaigns, parts.campaigns_stamp)
