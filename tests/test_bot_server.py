"""The bot inside the aiohttp server (`serve`): polling by default, or a webhook with a secret."""

from __future__ import annotations

import logging

from aiohttp import ClientSession, web

from medborgardialog.server import assemble
from medborgardialog.telegram import PTB_KEY, attach_bot
from tests.bot_harness import answered, bot_settings_for, press
from tests.live_server import free_port

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
        await press(user, "demo", "I")
        assert "0 av 3 valda" in user.last_text

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
