"""What the bot is built from, passed in once (PTB `bot_data`), never imported as a global."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.callback_data import campaign_token
from bot.draft_writer import DraftWriter
from bot.i18n import Tr, tr_for
from bot.pseudonyms import Keys
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
        self._locks: dict[str, _Held] = {}

    def hold(self, key: str) -> _Held:
        """`async with locks.hold(key):` (a lock that is gone once nobody holds or waits)."""
        held = self._locks.get(key)
        if held is None:
            held = self._locks[key] = _Held(self._locks, key)
        return held


class _Held:
    def __init__(self, locks: dict[str, _Held], key: str) -> None:
        self._locks, self._key = locks, key
        self._lock = asyncio.Lock()
        self._users = 0

    async def __aenter__(self) -> None:
        self._users += 1
        try:
            await self._lock.acquire()
        except BaseException:
            self._leave()
            raise

    async def __aexit__(self, *exc_info: object) -> None:
        self._lock.release()
        self._leave()

    def _leave(self) -> None:
        self._users -= 1
        if not self._users:
            del self._locks[self._key]


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
    """The state of the residents active lately, as their last turn left it.

    Every change put here also goes to the store (at once, or a moment later through the
    `DraftWriter`), which stays the truth after a restart; this saves a read every turn.
    """

    def __init__(self, size: int = 20_000) -> None:
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._size = size

    def get(self, key: Hashable) -> Any:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: Hashable, value: Any) -> None:
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
    _keys: StateCache = field(init=False, repr=False)
    _trs: dict[tuple[str, bool], Tr] = field(init=False, repr=False)
    prompts: dict[str, str] = field(init=False)
    _tokens: tuple[Any, dict[str, Campaign]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.drafts = DraftWriter(self.store, CHANNEL)
        self._keys, self._trs = StateCache(), {}
        self._tokens = (object(), {})
        _ = self.by_token  # two campaigns whose tokens clash fail at start-up
        self.prompts = {
            lang: self.catalogs.get(lang).gettext("Välj språk") for lang in self.catalogs.languages
        }

    @property
    def by_token(self) -> dict[str, Campaign]:
        """The campaigns by their token in callback data, made again when the set changes
        (staff may open a campaign while the bot runs)."""
        version = getattr(self.campaigns, "version", None)
        if self._tokens[0] != version:
            found: dict[str, Campaign] = {}
            for campaign in self.campaigns.values():
                token = campaign_token(campaign.id)
                if token in found:
                    raise ValueError(f"campaigns {campaign.id} and {found[token].id} clash")
                found[token] = campaign
            self._tokens = (version, found)
        return self._tokens[1]

    def keys(self, user_id: int) -> Keys:
        """The pseudonyms of a Telegram user (kept in memory for the users active lately)."""
        keys = self._keys.get(user_id)
        if keys is None:
            keys = Keys(self.secret, user_id)
            self._keys.put(user_id, keys)
        return keys

    def tr(self, lang: str, easy: bool = False) -> Tr:
        found = self._trs.get((lang, easy))
        if found is None:
            found = self._trs[lang, easy] = tr_for(self.catalogs, lang, easy)
        return found

    def now(self) -> datetime:
        return self.clock() if self.clock is not None else utc_now()

    def open_campaigns(self) -> list[Campaign]:
        now = self.now()
        return [c for c in self.campaigns.values() if c.is_open(now)]
