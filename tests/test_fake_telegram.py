"""End-to-end tests of the fake Bot API server against the real python-telegram-bot stack."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession, web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fake_telegram import FakeTelegram
from tests.waiting import until

KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Ja", callback_data="yes"),
            InlineKeyboardButton("Nej", callback_data="no"),
        ]
    ]
)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payload = f" ({context.args[0]})" if context.args else ""
    await update.message.reply_text(
        f"Hej {update.effective_user.first_name}!{payload}", reply_markup=KEYBOARD
    )


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(update.message.text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer(f"Du valde {query.data}")
    await query.edit_message_text(f"Val: {query.data}")


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


def build_app(tg: FakeTelegram, rate_limiter: AIORateLimiter | None = None) -> Application:
    builder = ApplicationBuilder().token(tg.token).base_url(f"{tg.url}/bot")
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    app = builder.build()
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(CallbackQueryHandler(on_button))
    return app


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:
    async with app:
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def test_start_and_echo(tg: FakeTelegram) -> None:
    user = tg.user(42, first_name="Anna")
    async with polling(build_app(tg)):
        sent = await user.start("abc")
        assert sent["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
        greeting = await user.wait_for_text("Hej Anna! (abc)")
        assert user.buttons(greeting) == [[("Ja", "yes"), ("Nej", "no")]]
        assert greeting["from"]["username"] == "MedborgarBot" and greeting["chat"]["id"] == 42
        await user.send("hallå där")
        await user.wait_for_text("hallå där")
        await user.wait_idle()
        assert user.last_text == "hallå där" == user.last_text()
        assert [m["message_id"] for m in user.messages] == [2, 4]  # ids shared with the user
    assert [name for name, _ in tg.calls[:3]] == ["getMe", "deleteWebhook", "getUpdates"]
    first_send = next(p for name, p in tg.calls if name == "sendMessage")
    assert first_send["chat_id"] == 42
    assert first_send["reply_markup"]["inline_keyboard"][0][1]["callback_data"] == "no"
    assert tg.calls[-1][0] == "getUpdates" and tg.calls[-1][1]["timeout"] == 0
    assert tg._queue == []  # everything was confirmed by the last getUpdates


async def test_button_press_edits_and_answers(tg: FakeTelegram) -> None:
    user = tg.user(42)
    app = build_app(tg)
    async with polling(app):
        await user.start()
        menu = await user.wait_for_text("Hej Test")
        with pytest.raises(AssertionError, match=r"available: \[\[\('Ja', 'yes'\)"):
            await user.press("Kanske")
        update = await user.press("Ja")
        assert update["callback_query"]["message"]["message_id"] == menu["message_id"]
        await user.wait_for_text("Val: yes")
        await user.wait_idle()
        assert menu["text"] == "Val: yes" and "reply_markup" not in menu and "edit_date" in menu
        assert len(user.messages) == 1
        assert [a["text"] for a in user.alerts] == ["Du valde yes"]
        with pytest.raises(BadRequest, match="Query is too old"):
            await app.bot.answer_callback_query(update["callback_query"]["id"])
        with pytest.raises(AssertionError, match="no bot message with an inline keyboard"):
            await user.press("Ja")
        await user.press_data("forged:" + "x" * 80)
        await user.wait_for_text("Val: forged:")
    with pytest.raises(TimeoutError, match=r"(?s)chat 42.*> /start.*press \[Ja\]"):
        await user.wait_for_text("never", timeout=0.05)


async def test_identical_edit_is_not_modified(tg: FakeTelegram) -> None:
    user = tg.user(42)
    async with Bot(tg.token, base_url=f"{tg.url}/bot") as bot:
        sent = await bot.send_message(42, "<b>Fråga</b>", parse_mode="HTML", reply_markup=KEYBOARD)
        message = user.last
        assert message["text"] == "<b>Fråga</b>" and sent.reply_markup == KEYBOARD
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_reply_markup(42, sent.message_id, reply_markup=KEYBOARD)
        edited = await bot.edit_message_text(
            "Ny", chat_id=42, message_id=sent.message_id, reply_markup=KEYBOARD
        )
        assert edited.text == "Ny" and message["text"] == "Ny" and user.buttons()[0][0][0] == "Ja"
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text(
                "Ny", chat_id=42, message_id=sent.message_id, reply_markup=KEYBOARD
            )
        await bot.edit_message_text("Ny", chat_id=42, message_id=sent.message_id)  # drops keyboard
        assert "reply_markup" not in message
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_reply_markup(42, sent.message_id)
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", chat_id=42, message_id=999)
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(7, "okänd")
        assert await bot.delete_message(42, sent.message_id)
        assert user.messages == []
        with pytest.raises(BadRequest, match="Message to delete not found"):
            await bot.delete_message(42, sent.message_id)


async def test_retry_after_is_retried_by_rate_limiter(
    tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22 warns (PTBDeprecationWarning, an error here) on every RetryAfter unless opted in.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    user = tg.user(42)
    tg.fail_next("sendMessage", 2, retry_after=1)
    async with polling(build_app(tg, AIORateLimiter(max_retries=3))):
        await user.send("ping")
        await user.wait_for_text("ping", timeout=6)
    assert tg.count_calls("sendMessage") == 3
    assert len(user.messages) == 1


async def test_webhook(tg: FakeTelegram) -> None:
    received: list[tuple[str | None, dict]] = []

    async def receiver(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        received.append((secret, await request.json()))
        return web.Response(status=200 if secret == "s3cret" else 403)

    app = web.Application()
    app.router.add_post("/hook", receiver)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    user = tg.user(42)
    try:
        async with Bot(tg.token, base_url=f"{tg.url}/bot") as bot:
            assert await bot.set_webhook(url, secret_token="s3cret")
            assert tg.webhook is not None
            assert (tg.webhook["url"], tg.webhook["secret_token"]) == (url, "s3cret")
            assert (await bot.get_webhook_info()).url == url
            with pytest.raises(Conflict, match="webhook is active"):
                await bot.get_updates()
            update = {
                "update_id": 500,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "text": "hi",
                    "chat": user.chat,
                    "from": user.as_user,
                },
            }
            assert await tg.deliver_to_webhook(update, "s3cret") == 200
            assert await tg.deliver_to_webhook(update, "wrong") == 403
            assert await tg.deliver_to_webhook(update, None) == 403
            assert received[0] == ("s3cret", update) and received[2][0] is None
            sent = await user.send("via webhook")  # pushed like Telegram does
            assert received[-1] == ("s3cret", sent)
            assert await bot.delete_webhook()
            assert tg.webhook is None
    finally:
        await runner.cleanup()


async def test_wrong_token_is_unauthorized(tg: FakeTelegram) -> None:
    with pytest.raises(InvalidToken, match="rejected by the server") as excinfo:
        async with Bot("654321:WRONG", base_url=f"{tg.url}/bot"):
            pass
    assert str(excinfo.value.__cause__) == "Unauthorized"
    assert tg.count_calls() == 0
    async with ClientSession() as session:
        async with session.post(f"{tg.url}/bot654321:WRONG/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with session.post(f"{tg.url}/nonsense") as resp:
            assert resp.status == 404
        async with session.post(f"{tg.url}/bot{tg.token}/getMe") as resp:
            assert (await resp.json())["result"]["username"] == "MedborgarBot"


async def test_get_updates_long_poll_confirm_and_duplicates(tg: FakeTelegram) -> None:
    user = tg.user(7)
    async with Bot(tg.token, base_url=f"{tg.url}/bot") as bot:
        polls = tg.count_calls("getUpdates")
        task = asyncio.create_task(bot.get_updates(timeout=5))
        await until(lambda: tg.count_calls("getUpdates") > polls, what="the long poll")
        sent = await user.send("/help me")
        updates = await asyncio.wait_for(task, 1)
        assert [u.update_id for u in updates] == [sent["update_id"]]
        assert updates[0].message.parse_entities([MessageEntity.BOT_COMMAND]) != {}
        assert [u.update_id for u in await bot.get_updates(timeout=0)] == [sent["update_id"]]
        assert await bot.get_updates(offset=sent["update_id"] + 1, timeout=0) == ()
        tg.push_update(sent)  # a duplicate delivery of an already confirmed update
        dup = await bot.get_updates(offset=sent["update_id"] + 1, timeout=0)
        assert [u.update_id for u in dup] == [sent["update_id"]]
        second = await user.send("next")
        assert second["update_id"] == sent["update_id"] + 1
        updates = await bot.get_updates(offset=sent["update_id"] + 1, timeout=0)
        assert [u.message.text for u in updates] == ["next"]
        polls = tg.count_calls("getUpdates")
        pending = asyncio.create_task(bot.get_updates(offset=second["update_id"] + 1, timeout=30))
        await until(lambda: tg.count_calls("getUpdates") > polls, what="the long poll")
        loop = asyncio.get_running_loop()
        started = loop.time()
        await tg.stop()  # releases the pending long poll at once
        assert await pending == ()
        assert loop.time() - started < 1


async def test_concurrent_get_updates_conflict_and_raw_bodies(tg: FakeTelegram) -> None:
    tg.user(42)
    base = f"{tg.url}/bot{tg.token}"
    async with ClientSession() as session:
        first = asyncio.create_task(session.post(f"{base}/getUpdates", json={"timeout": 5}))
        await until(lambda: tg.count_calls("getUpdates"), what="the first long poll")
        async with session.post(f"{base}/getUpdates", data={"timeout": "0"}) as resp:
            assert (await resp.json())["result"] == []
        async with await first as resp:
            assert resp.status == 409
            assert "terminated by other getUpdates" in (await resp.json())["description"]
        body = {
            "chat_id": 42,
            "text": "json",
            "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
        }
        async with session.post(f"{base}/sendMessage", json=body) as resp:
            assert (await resp.json())["result"]["reply_markup"] == body["reply_markup"]
        form = {
            "chat_id": "42",
            "text": "123",
            "reply_markup": '{"inline_keyboard": [[{"text": "B", "callback_data": "'
            + "y" * 65
            + '"}]]}',
        }
        async with session.post(f"{base}/sendMessage", data=form) as resp:
            assert resp.status == 400
            assert (await resp.json())["description"] == "Bad Request: BUTTON_DATA_INVALID"
    assert tg.calls[-1][1]["text"] == "123" and tg.calls[-1][1]["chat_id"] == 42


async def test_commands_menu_and_misc(tg: FakeTelegram) -> None:
    tg.user(42)
    async with Bot(tg.token, base_url=f"{tg.url}/bot") as bot:
        assert await bot.set_my_commands([("start", "Starta")], language_code="sv")
        assert await bot.set_my_commands([BotCommand("start", "Start")])
        assert await bot.set_my_commands([("stop", "Sluta")], scope=BotCommandScopeChat(42))
        assert tg.commands_for("sv") == [{"command": "start", "description": "Starta"}]
        assert tg.commands_for(scope={"type": "chat", "chat_id": 42})[0]["command"] == "stop"
        assert (await bot.get_my_commands())[0].description == "Start"
        assert await bot.delete_my_commands(language_code="sv")
        assert await bot.get_my_commands(language_code="sv") == ()
        assert await bot.set_chat_menu_button(chat_id=42, menu_button=MenuButtonCommands())
        assert tg.menu_buttons[42] == {"type": "commands"}
        assert await bot.send_chat_action(42, "typing")
        assert await bot.get_chat_menu_button(42) == MenuButtonCommands()
        document = await bot.send_document(42, b"data", filename="a.txt", caption="Fil")
        assert document.caption == "Fil" and tg.user(42).last_text == "Fil"
        assert tg.calls[-1][1]["document"] == {"filename": "a.txt", "size": 4}  # multipart
        tg.user(42).blocked = True
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(42, "hej")
    assert tg.count_calls("setMyCommands") == 3 and tg.count_calls("SETMYCOMMANDS") == 3


async def test_wait_transcript_wakes_on_each_event(tg: FakeTelegram) -> None:
    user = tg.user(42)
    async with polling(build_app(tg)):
        await user.start()  # "> /start", then the bot's "< #2 Hej ..."
        await user.wait_transcript(2)
        assert user.transcript[1].startswith("< #2 Hej Test!")
        await user.press("Ja")  # "* press", "! answer", "~ #2 Val: yes"
        await user.wait_transcript(5)
        assert [line[0] for line in user.transcript] == [">", "<", "*", "!", "~"]
        with pytest.raises(TimeoutError, match="did not reach 6 events"):
            await user.wait_transcript(6, timeout=0.05)
