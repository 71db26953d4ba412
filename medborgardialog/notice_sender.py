"""The sender: delivers the notices owed (the outbox), at most one message per subscriber
per digest period, in the subscriber's language, by the channel they chose.

Each subscriber is claimed (a lease) before sending and marked once the channel accepted
the message, in one write with everything the message told. A crash between a send and its
mark leaves that subscriber's lease to run out: the next pass sends that one message again.
So a restart repeats at most the messages that were in flight, never more than
`concurrency`, and loses none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from locales import Catalogs
from storage import Store, subscriptions
from storage import notices as outbox
from storage.contacts import ContactBox
from storage.promises import record_due_publications
from survey.promises.notice_text import NoticeMessage, compose

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 300
EXPIRE_EVERY = timedelta(minutes=10)


class Channel(Protocol):
    channel: str

    async def deliver(
        self, contact: str, message: NoticeMessage, lang: str, subscription: int
    ) -> tuple[str, float]: ...


@dataclass(frozen=True)
class SenderOptions:
    digest: timedelta = timedelta(days=1)
    grace_days: int = 90
    poll_seconds: float = 2.0
    concurrency: int = 16
    lease: timedelta = timedelta(seconds=30)
    base_url: str = ""


def utc_now() -> datetime:
    return datetime.now(UTC)


class NoticeSender:
    """Delivers what the outbox owes, through the channels this process can reach."""

    def __init__(
        self,
        store: Store,
        secret: bytes,
        catalogs: Catalogs,
        channels: Mapping[str, Channel],
        options: SenderOptions = SenderOptions(),
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.store, self.box, self.catalogs = store, ContactBox(secret), catalogs
        self.channels, self.options, self.clock = dict(channels), options, clock
        self._failures: dict[int, int] = {}
        self._expired_at: datetime | None = None
        self.sent = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until `stop` is set; a failing pass is logged and the next one tries again."""
        while not stop.is_set():
            try:
                busy = await self.deliver_due()
            except Exception:
                logger.exception("a pass of the notice sender failed")
                busy = 0
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.options.poll_seconds)

    async def deliver_due(self) -> int:
        """One pass: expire what ran out, claim who is owed, deliver; how many were told."""
        now = self.clock()
        if self._expired_at is None or now - self._expired_at >= EXPIRE_EVERY:
            await self.store.write(subscriptions.expire, now, self.options.grace_days)
            # A promise saved with a publishing day ahead is announced when that day comes.
            await self.store.write(record_due_publications, now.date(), now)
            self._expired_at = now
        if not self.channels:
            return 0
        options = self.options
        due = await self.store.write(
            lambda db: outbox.claim_due(
                db,
                tuple(self.channels),
                now,
                digest=options.digest,
                lease=options.lease,
                limit=options.concurrency * 2,
            )
        )
        if not due:
            return 0
        queue: asyncio.Queue[outbox.Due] = asyncio.Queue()
        for item in due:
            queue.put_nowait(item)
        told = [0]

        async def worker() -> None:
            while not queue.empty():
                told[0] += await self._deliver(queue.get_nowait())

        await asyncio.gather(*(worker() for _ in range(min(options.concurrency, len(due)))))
        return told[0]

    async def _deliver(self, due: outbox.Due) -> int:
        contact = self.box.open(due.contact)
        if contact is None:  # sealed with another secret: nobody can be reached by it
            await self.store.write(subscriptions.unsubscribe, due.subscription)
            return 0
        lang = due.locale if due.locale in self.catalogs.languages else "sv"
        message = compose(due.items, lang, self.catalogs.get(lang), self.options.base_url)
        outcome, wait = await self.channels[due.channel].deliver(
            contact, message, lang, due.subscription
        )
        if outcome in ("sent", "refused"):
            if outcome == "refused":
                logger.warning("notice %s refused for good; not sent again", due.notices)
            self._failures.pop(due.subscription, None)
            delivered = outbox.Delivered(due.subscription, due.notices, self.clock())
            await self.store.write_bulk(outbox.mark_sent, delivered)
            self.sent += outcome == "sent"
            return 1
        if outcome == "gone":
            await self.store.write(subscriptions.unsubscribe, due.subscription)
            return 0
        failures = self._failures[due.subscription] = self._failures.get(due.subscription, 0) + 1
        delay = max(wait, min(2.0**failures, MAX_BACKOFF_SECONDS))
        until = self.clock() + timedelta(seconds=delay)
        await self.store.write(outbox.postpone, due.subscription, until)
        return 0


@contextlib.asynccontextmanager
async def running(sender: NoticeSender):
    """The sender as a background task for as long as the block lasts."""
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run(stop))
    try:
        yield sender
    finally:
        stop.set()
        await task
