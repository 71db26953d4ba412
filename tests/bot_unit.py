"""The bot's application fed updates straight in (`Application.process_update`), its Bot API
calls answered by the fake Bot API in memory: fast tests, no HTTP, no polling, no timing."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot import BotDeps, build_application, finish
from bot.updates import keep_keyboard_as_data
from campaigns import SAMPLE_DIR
from locales import Catalogs
from storage import Store
from survey import Campaign, load_campaigns
from survey.campaign import TOPIC
from tests.bot_harness import data
from tests.fake_telegram import ApiError, FakeTelegram, FakeUser
from tests.fake_telegram.server import _error_response


class InMemoryRequest(BaseRequest):
    """PTB's HTTP request, answered by a FakeTelegram's methods without a server."""

    def __init__(self, tg: FakeTelegram) -> None:
        self.tg = tg

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         **timeouts) -> tuple[int, bytes]:  # fmt: skip
        name = url.rsplit("/", 1)[1]
        params = json.loads(json.dumps(request_data.parameters)) if request_data else {}
        self.tg.calls.append((name, params))
        try:
            handler = getattr(self.tg, f"_api_{name.lower()}", None)
            if handler is not None:
                result = handler(params)
            else:
                result = self.tg._new_message(params) if name.lower().startswith("send") else True
            return 200, json.dumps({"ok": True, "result": result}).encode()
        except ApiError as error:
            return error.code, _error_response(error).body


class Chats:
    """Residents talking to the bot: what they do is handed to the application at once."""

    def __init__(self, app: Application, tg: FakeTelegram, deps: BotDeps) -> None:
        self.app, self.tg, self.deps = app, tg, deps

    def user(self, user_id: int = 5001, language_code: str = "sv") -> FakeUser:
        return self.tg.user(user_id, language_code=language_code)

    async def do(self, action) -> dict:
        """Run `action` (a FakeUser coroutine that enqueues updates) and handle what it queued."""
        done = await action
        await self.handle()
        return done

    async def handle(self) -> None:
        """Hand every queued update to the application, in order."""
        while self.tg._queue:
            pending = self.tg._queue.pop(0)
            raw = keep_keyboard_as_data(copy.deepcopy(pending.update))
            await self.app.process_update(Update.de_json(raw, self.app.bot))

    async def say(self, user: FakeUser, text: str, later: int = 0) -> dict:
        """`user` types `text`; `later` seconds after the previous message, as Telegram dates it."""
        sent = await user.send(text)
        self.tg._queue[-1].update["message"]["date"] += later
        await self.handle()
        return sent

    async def press(self, user: FakeUser, text_or_data: str) -> dict:
        return await self.do(user.press(text_or_data))

    async def to_comment(self, user: FakeUser, areas: tuple[int, ...] = (0, 1, 2)) -> None:
        """Walk `user` through the demo campaign to its comment step."""
        await self.say(user, "/start")
        for index in areas:
            await self.press(user, data("demo", "A", f"{index}+"))  # the third goes on
        await self.past_topic(user)

    async def past_topic(self, user: FakeUser, campaign_id: str = "demo") -> None:
        """Skip the campaign's optional topic questions (the demo's how safe, and when), which
        come right after the areas."""
        campaign = self.deps.campaigns[campaign_id]
        for index, question in enumerate(campaign.questions):
            if question.section == TOPIC:
                await self.press(user, data(campaign_id, "Y", index))

    def calls(self, method: str) -> list[dict]:
        return [params for name, params in self.tg.calls if name.lower() == method.lower()]

    async def responses(self, campaign: str = "demo"):
        await self.deps.drafts.close()
        return await self.deps.store.responses(campaign)


def test_campaign(campaign_id: str = "demo", **changes) -> Campaign:
    """A sample campaign with some rules changed (e.g. a longer comment)."""
    from dataclasses import replace

    return replace(load_campaigns(SAMPLE_DIR)[campaign_id], **changes)


test_campaign.__test__ = False  # a helper, not a test


@contextlib.asynccontextmanager
async def unit_bot(directory: Path, campaigns: dict[str, Campaign] | None = None):
    """The bot on a fresh store in `directory`, with the sample campaigns unless given."""
    campaigns = campaigns or load_campaigns(SAMPLE_DIR)
    store = Store(directory / "unit.db")
    await store.register_campaigns(list(campaigns.values()))
    tg = FakeTelegram()
    deps = BotDeps(store=store, campaigns=campaigns, catalogs=Catalogs.load(), secret=b"k" * 32)
    app = build_application(deps, tg.token, "http://127.0.0.1:9/bot", request=InMemoryRequest(tg))
    await app.initialize()
    try:
        yield Chats(app, tg, deps)
    finally:
        await app.shutdown()
        await finish(app)
        store.close()
