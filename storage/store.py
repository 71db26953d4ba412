"""The shared store: the async API the channels use, over one database thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from storage import campaigns as campaign_rows
from storage import drafts, responses, staff
from storage.connection import connect
from storage.migrations import migrate
from storage.read_pool import ReadPool
from storage.responses import Outcome
from storage.staff import StaffAccount
from storage.worker import DatabaseWorker
from survey import Campaign, Response, Tally

T = TypeVar("T")


def open_database(path: Path | str):
    """Open the file and bring its schema up to date (for one-thread users such as the CLI)."""
    db = connect(path)
    migrate(db)
    return db


class Store:
    """Everything the channels keep. Writes run on the store's one database thread; reads
    on a small pool of read-only connections beside it, so they never queue behind writes.

    Channel-specific queries are plain functions of a `Database` in `storage/`, run with
    `read` or `write`; a write is acknowledged only after its transaction committed. A read
    function must not write (its connection refuses).
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._worker = DatabaseWorker(lambda: open_database(self.path))
        self._readers = ReadPool(self.path)

    def close(self) -> None:
        self._readers.close()
        self._worker.close()

    def call(self, fn: Callable[..., T], *args: Any, write: bool = False) -> T:
        """Run `fn(db, *args)` and wait for it: for start-up code outside the event loop."""
        return self._worker.submit(fn, *args, write=write).result()

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(db, *args)` on a read connection: it sees every committed write."""
        return await self._readers.read(fn, *args)

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        return await self._worker.write(fn, *args)

    async def write_bulk(self, fn: Callable[[Any, list[Any]], list[T]], item: Any) -> T:
        """Write `item` with `fn(db, items)`; callers waiting together share one call."""
        return await self._worker.write_bulk(fn, item)

    async def register_campaigns(self, campaigns: list[Campaign]) -> None:
        await self.write(campaign_rows.register_campaigns, list(campaigns))

    async def save_response(
        self, response: Response, *, replace: bool = False, entered_by: str | None = None
    ) -> Outcome:
        """Store a response (see `storage.responses.save_response`); committed when it returns.

        Only the submit path (`storage.submit`) calls this: it judges the answer first.
        """
        request = responses.SaveRequest(response, replace, entered_by)
        return await self._worker.write_bulk(responses.save_responses, request)

    async def get_response(self, response_id: str) -> Response | None:
        return await self.read(responses.get_response, response_id)

    async def response_for_participant(self, campaign: str, participant: str) -> Response | None:
        return await self.read(responses.response_for_participant, campaign, participant)

    async def responses(self, campaign: str) -> list[Response]:
        return await self.read(lambda db: list(responses.iter_responses(db, campaign)))

    async def tally(self, campaign: Campaign) -> Tally:
        return await self.read(responses.count_tally, campaign)

    async def get_draft(self, channel: str, participant: str) -> str | None:
        return await self.read(drafts.get_draft, channel, participant)

    async def get_staff(self, username: str) -> StaffAccount | None:
        return await self.read(staff.get_staff, username)

    async def audit(
        self,
        actor: str,
        action: str,
        campaign: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        await self.write(staff.audit, actor, action, campaign, detail)
