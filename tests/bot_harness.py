"""The real bot (the entry point of `medborgardialog bot`) against the fake Bot API, for tests."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar
from unittest import mock

from bot.callback_data import campaign_token, encode
from kiosk.clock import Clock
from medborgardialog import bot_service
from medborgardialog.bot_service import poll_until
from medborgardialog.parts import Parts, assemble
from medborgardialog.settings import Settings
from survey import Response
from tests.fake_telegram import FakeTelegram, FakeUser

T = TypeVar("T")


def bot_settings_for(
    tg: FakeTelegram, tmp_path: Path, env: dict[str, str] | None = None, **flags
) -> Settings:
    """Settings as `medborgardialog bot` reads them, with TELEGRAM_API_URL at the fake."""
    env = {"TELEGRAM_BOT_TOKEN": tg.token, "TELEGRAM_API_URL": tg.url, **(env or {})}
    flags.setdefault("db", tmp_path / "bot.db")
    flags.setdefault("secret_file", tmp_path / "bot.secret")
    return Settings.from_env(env=env, **flags)


class RunningBot:
    """`medborgardialog bot` in this event loop: `poll_until` is what `run_bot` runs."""

    def __init__(self, settings: Settings, tg: FakeTelegram, clock: Clock | None = None):
        self.settings, self.tg, self.clock = settings, tg, clock
        self.parts: Parts | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self) -> RunningBot:
        self.parts = assemble(self.settings)
        if self.clock is not None:
            self.parts.clock = self.clock
        self._stop = asyncio.Event()
        polls = self.tg.count_calls("getUpdates")
        self._task = asyncio.create_task(self._poll(self.parts))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while self.tg.count_calls("getUpdates") == polls:
            if self._task.done():
                self._task.result()
            assert loop.time() < deadline, "the bot did not start polling"
            await asyncio.sleep(0.01)
        return self

    async def _poll(self, parts: Parts) -> None:
        """`poll_until`, telling the fake when the bot has handled every update it fetched."""
        build = bot_service.build_bot

        def build_and_watch(*args, **kwargs):
            ptb = build(*args, **kwargs)
            # PTB marks each update it takes from its queue done once its handlers are done.
            self.tg.bot_settled = ptb.update_queue.join
            return ptb

        with mock.patch.object(bot_service, "build_bot", build_and_watch):
            await poll_until(parts, self._stop)

    async def stop(self) -> None:
        self.tg.bot_settled = None
        if self._task is not None:
            self._stop.set()
            await asyncio.wait_for(self._task, 20)
            self._task = None
        if self.parts is not None:
            self.parts.store.close()
            self.parts = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    @property
    def store(self):
        assert self.parts is not None
        return self.parts.store

    async def responses(self, campaign: str = "demo") -> list[Response]:
        return await self.store.responses(campaign)

    def table_count(self, table: str) -> int:
        with sqlite3.connect(self.settings.db) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    async def count_soon(self, table: str, expected: int, timeout: float = 5.0) -> int:
        """The count once it is `expected` (drafts are written a moment after a press)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (found := self.table_count(table)) != expected and loop.time() < deadline:
            await asyncio.sleep(0.02)
        return found


def data(campaign_id: str, op: str, arg: str | int = "") -> str:
    """The callback data of a button of `campaign_id` ("-": of no campaign)."""
    return encode(None if campaign_id == "-" else campaign_token(campaign_id), op, arg)


async def press(user: FakeUser, campaign_id: str, op: str, arg: str | int = "") -> None:
    """Press the button with this action on the latest keyboard, and wait for the bot.

    For an area (op "A", an index) it is the area's button as shown: tick or untick.
    """
    if op == "A" and isinstance(arg, int):
        shown = {d for row in user.buttons(user.last) for _, d in row}
        arg = f"{arg}-" if data(campaign_id, op, f"{arg}-") in shown else f"{arg}+"
    await answered(user, user.press(data(campaign_id, op, arg)))


async def say(user: FakeUser, text: str) -> None:
    """Type a message (or a command) and wait for the bot."""
    await answered(user, user.send(text))


async def answered(user: FakeUser, action: Awaitable[T]) -> T:
    """Do `action` in the chat; wait for the bot's first reaction to it, then until the bot
    has handled it (see `FakeUser.wait_idle`)."""
    events = len(user.transcript)
    done = await action
    await user.wait_transcript(events + 2, timeout=12)
    await user.wait_idle(timeout=12)
    return done


Answer = int | tuple[int, ...] | None
# The demo's optional topic questions (how safe, when, and where), asked right after the
# areas: their index in the campaign's questions.
DEMO_TOPIC = (2, 3, 4)


async def skip_topic(user: FakeUser, campaign_id: str = "demo") -> None:
    """Skip the demo's three topic questions, as a resident does who is not asked to answer."""
    for question in DEMO_TOPIC:
        await press(user, campaign_id, "Y", question)


async def answer_question(user: FakeUser, campaign_id: str, question: int, answer: Answer) -> None:
    """Answer the question at index `question` of the campaign's questions: None skips it
    (an optional one), an option's index picks it, a tuple of them ticks each (a multi)
    and then "Klar"."""
    if answer is None:
        await press(user, campaign_id, "Y", question)
    elif isinstance(answer, tuple):
        for option in answer:
            await press(user, campaign_id, "T", f"{question}-{option}+")
        await press(user, campaign_id, "M")
    else:
        await press(user, campaign_id, "Q", f"{question}-{answer}")


async def campaign_walk(
    user: FakeUser,
    campaign_id: str,
    areas: tuple[int, ...],
    topic: dict[int, Answer],
    comment: str | None,
    background: dict[int, Answer],
) -> None:
    """A whole walk from /start to the thank-you: the areas, the topic questions (by their
    index in the campaign's questions), the comment, the background questions, send."""
    await say(user, "/start")
    for index in areas:  # the intro heads the areas; the last one needed goes on
        await press(user, campaign_id, "A", index)
    for question, answer in topic.items():
        await answer_question(user, campaign_id, question, answer)
    if comment is None:
        await press(user, campaign_id, "S")
    else:
        await say(user, comment)
        await press(user, campaign_id, "K")
    for question, answer in background.items():
        await answer_question(user, campaign_id, question, answer)
    await press(user, campaign_id, "C")


async def demo_walk(
    user: FakeUser,
    areas: tuple[int, ...] = (0, 2, 5),
    comment: str | None = "Mer belysning i parken, tack.",
    answers: tuple[int | None, ...] = (1, 7),
    topic: tuple[Answer, Answer, Answer] = (None, None, None),
) -> None:
    """A whole walk through the demo campaign, from /start to the thank-you: the background
    `answers` (age, district) by option index; the topic questions (how safe, when, where:
    the questions at index 2, 3 and 4) skipped unless given."""
    background = dict(enumerate(answers))
    topics = dict(zip(DEMO_TOPIC, topic, strict=True))
    await campaign_walk(user, "demo", areas, topics, comment, background)
