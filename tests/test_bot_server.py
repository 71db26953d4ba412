"""The bot inside the aiohttp server (`serve`): polling by default, or a webhook with a secret."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestClient, TestServer

from medborgardialog.bot_service import attach_bot
from medborgardialog.parts import PTB_KEY, assemble
from medborgardialog.settings import Settings
from tests.bot_harness import answered, bot_settings_for, data, press
from tests.live_server import LiveServer, free_port

pytest_plugins = ["tests.bot_fixtures"]


async def test_the_webhook_takes_updates_only_with_the_secret(tg, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    settings = bot_settings_for(
        tg,
        tmp_path,
        env={"TELEGRAM_WEBHOOK_URL": url, "TELEGRAM_WEBHOOK_SECRET": "s3cret-Token_1"},
    )
    parts = assemble(settings)
    app = web.Application()
    attach_bot(app, parts)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        assert app[PTB_KEY].updater is None  # no polling in webhook mode
        assert (url, "s3cret-Token_1") == (tg.webhook["url"], tg.webhook["secret_token"])
        assert 0 == tg.count_calls("getUpdates")
        user = tg.user(6001, language_code="sv")
        await answered(user, user.start())  # the fake posts it to the webhook, with the secret
        assert user.last_text.startswith("Demo: Trygg och säker")
        assert "0 av 3 valda" in user.last_text
        await press(user, "demo", "A", 0)
        edits = tg.count_calls("editMessageText")
        await answered(user, user.press_data(data("demo", "A", "0+")))  # a double tap
        assert edits == tg.count_calls("editMessageText")  # it read the keyboard shown

        update = {
            "update_id": 90001,
            "message": {"message_id": 50, "date": 0, "text": "/help", "chat": user.chat,
                        "from": user.as_user,
                        "entities": [{"type": "bot_command", "offset": 0, "length": 5}]},
        }  # fmt: skip
        messages = len(user.messages)
        assert 403 == await tg.deliver_to_webhook(update, "wrong")
        assert 403 == await tg.deliver_to_webhook(update, None)
        assert 403 == await tg.deliver_to_webhook(update, "s3cret-Token_")
        await user.wait_idle()
        assert messages == len(user.messages)  # refused updates were not handled
        assert 200 == await tg.deliver_to_webhook(update, "s3cret-Token_1")
        await user.wait_for_text("Här kan du berätta")
        async with ClientSession() as session:
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"}
            async with session.post(url, data=b"not json", headers=headers) as resp:
                assert 400 == resp.status
            async with session.get(url) as resp:
                assert 405 == resp.status
    finally:
        await runner.cleanup()
        parts.store.close()
    assert [] == [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_attach_bot_polls_inside_the_aiohttp_app_by_default(tg, tmp_path):
    parts = assemble(bot_settings_for(tg, tmp_path))
    app = web.Application()
    attach_bot(app, parts)
    runner = web.AppRunner(app)
    await runner.setup()  # the cleanup context starts the bot
    try:
        assert tg.webhook is None
        user = tg.user(6002, language_code="fi")
        await user.start()
        await user.wait_for_text("Demo: Turvallinen ja varma")
        assert 5 == tg.count_calls("setMyCommands")
    finally:
        await runner.cleanup()  # and stops it
        parts.store.close()
    assert "getUpdates" == tg.calls[-1][0] and 0 == tg.calls[-1][1]["timeout"]


async def test_serve_runs_the_bot_with_the_web_app(tg, tmp_path):
    """`medborgardialog serve` with a token: the web app and the bot in one process."""
    server = LiveServer(bot_settings_for(tg, tmp_path))
    await asyncio.to_thread(server.start)  # the fake must keep answering meanwhile
    try:
        user = tg.user(6003, language_code="en")
        await answered(user, user.start())
        assert user.last_text.startswith("Demo: Safe and secure")
        async with ClientSession() as session, session.get(f"{server.url}/") as resp:
            assert 200 == resp.status
    finally:
        await asyncio.to_thread(server.stop)
    assert "getUpdates" == tg.calls[-1][0]


async def test_the_web_app_runs_on_when_the_bot_api_cannot_be_reached(tmp_path, caplog):
    settings = Settings.from_env(
        env={"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_URL": f"http://127.0.0.1:{free_port()}"},
        db=tmp_path / "down.db",
        secret_file=tmp_path / "down.secret",
    )
    parts = assemble(settings)
    app = web.Application()

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="kiosk")

    app.router.add_get("/", page)
    attach_bot(app, parts)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        assert "kiosk" == await (await client.get("/")).text()
    finally:
        await client.close()
        parts.store.close()
    [failure] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failure.getMessage().startswith("the bot did not start: cannot reach the Bot API")
