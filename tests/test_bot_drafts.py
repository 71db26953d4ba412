"""Drafts are written a moment after a press, in batches; a stop writes everything first."""

from __future__ import annotations

from collections.abc import Callable

from bot.draft_writer import DraftWriter
from storage import Store


class Timers:
    """Timers that go off when the test says so, in place of the event loop's."""

    def __init__(self) -> None:
        self.waiting: list[tuple[float, Callable[[], None]]] = []

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timers:
        self.waiting.append((delay, callback))
        return self

    def cancel(self) -> None:
        self.waiting.clear()

    def go_off(self) -> None:
        due, self.waiting = self.waiting, []
        for _, callback in due:
            callback()


async def rows(store: Store) -> dict[str, tuple[str, str]]:
    found = await store.read(
        lambda db: db.conn.execute("SELECT participant, campaign, data FROM drafts").fetchall()
    )
    return {participant: (campaign, data) for participant, campaign, data in found}


async def test_staged_rows_are_written_together_and_the_last_stage_wins(store):
    timers = Timers()
    writer = DraftWriter(store, "telegram", delay=0.01, call_later=timers.call_later)
    writer.stage("a", "demo", '{"n": 1}')
    writer.stage("b", "demo", '{"n": 2}')
    writer.stage("a", "demo", '{"n": 3}')
    assert [0.01] == [delay for delay, _ in timers.waiting]  # one timer for the three
    assert {} == await rows(store)  # nothing yet: they wait for the delay
    timers.go_off()
    await writer.written()
    assert {"a": ("demo", '{"n": 3}'), "b": ("demo", '{"n": 2}')} == await rows(store)
    writer.stage("a", "demo", None)  # None deletes the row
    await writer.close()
    assert {"b": ("demo", '{"n": 2}')} == await rows(store)


async def test_close_writes_what_waits_and_take_hands_rows_over(store):
    writer = DraftWriter(store, "telegram", call_later=Timers().call_later)  # timers never go off
    writer.stage("a", "demo", '{"n": 1}')
    writer.stage("b", "", "{}")
    assert {"b": ("", "{}")} == writer.take({"b", "c"})  # the caller writes these itself
    await writer.close()
    assert {"a": ("demo", '{"n": 1}')} == await rows(store)


async def test_many_rows_go_in_chunks(store):
    writer = DraftWriter(store, "telegram", call_later=Timers().call_later)
    for n in range(2500):
        writer.stage(f"p{n}", "demo", str(n))
    await writer.close()
    assert 2500 == len(await rows(store))
    for n in range(0, 2500, 2):
        writer.stage(f"p{n}", "demo", None)
    await writer.close()
    assert 1250 == len(await rows(store))
