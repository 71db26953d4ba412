"""What the bot is built from, passed in once (PTB `bot_data`), never imported as a global."""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.callback_data import campaign_token
from bot.draft_writer import DraftWriter
from locales import Catalogs
from storage import Store
from survey import Campaign

BOT_DATA_KEY = "medborgardialog"
CHANNEL = "telegram"


def utc_now() -> datetime:
    return datetime.now(UTC)


class KeyedLocks:
    """One lock per resident, so their updates are handled one after the other, in order."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, list[int]]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if not users[0]:
                del self._locks[key]


class RecentIds:
    """The last few thousand update ids handled by this process (a duplicate is dropped)."""

    def __init__(self, size: int = 4096) -> None:
        self._ids: OrderedDict[int, None] = OrderedDict()
        self._size = size

    def __contains__(self, update_id: int) -> bool:
        return update_id in self._ids

    def add(self, update_id: int) -> None:
        self._ids[update_id] = None
        while len(self._ids) > self._size:
            self._ids.popitem(last=False)


class StateCache:
    """What the store holds for the residents active lately, as last committed.

    Every change is written to the store before it is put here, so the store stays the
    truth (a restart reads it); the cache saves the read at the start of every turn.
    """

    def __init__(self, size: int = 20_000) -> None:
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._size = size

    def get(self, key: str) -> Any:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, value: Any) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)


@dataclass
class BotDeps:
    """The store, the campaigns, the catalogs and the pseudonym key, for every handler."""

    store: Store
    campaigns: Mapping[str, Campaign]
    catalogs: Catalogs
    secret: bytes
    clock: Callable[[], datetime] | None = None  # the time now; the real one by default
    locks: KeyedLocks = field(default_factory=KeyedLocks)
    recent: RecentIds = field(default_factory=RecentIds)
    cache: StateCache = field(default_factory=StateCache)
    drafts: DraftWriter = field(init=False)
    by_token: dict[str, Campaign] = field(init=False)
    prompts: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.drafts = DraftWriter(self.store, CHANNEL)
        self.by_token = {}
        for campaign in self.campaigns.values():
            token = campaign_token(campaign.id)
            if token in self.by_token:
                raise ValueError(f"campaigns {campaign.id} and {self.by_token[token].id} clash")
            self.by_token[token] = campaign
        self.prompts = {
            lang: self.catalogs.get(lang).gettext("Välj språk") for lang in self.catalogs.languages
        }

    def now(self) -> datetime:
        return self.clock() if self.clock is not None else utc_now()

    def open_campaigns(self) -> list[Campaign]:
        now = self.now()
        return [c for c in self.campaigns.values() if c.is_open(now)]
