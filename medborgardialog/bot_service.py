"""The Telegram bot in the product: inside `serve` (polling or webhook) or alone (`bot`)."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, BaseRateLimiter

from bot import BotDeps, build_application, finish, register_commands, release
from bot.updates import keep_keyboard_as_data
from kiosk.staff.results.posters import BOT_USERNAME
from medborgardialog.campaign_watch import attach_watch, watching
from medborgardialog.notice_wiring import alongside_bot
from medborgardialog.parts import PTB_KEY, Parts, assemble, campaign_watch
from medborgardialog.process import tune_garbage_collection
from medborgardialog.settings import Settings

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]

logger = logging.getLogger(__name__)


def build_bot(
    parts: Parts, *, webhook: bool = False, rate_limiter: BaseRateLimiter | None = None
) -> Application:
    """The PTB application of the bot, talking to `{TELEGRAM_API_URL}/bot{token}/METHOD`."""
    settings = parts.settings
    if not settings.telegram_token:
        raise ValueError("no bot token: set TELEGRAM_BOT_TOKEN to run the bot")
    # Were PTB's default requests (httpx) in use, they would log every URL, token included.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    deps = BotDeps(
        store=parts.store,
        campaigns=parts.campaigns,
        catalogs=parts.catalogs,
        secret=parts.secret,
        clock=parts.clock.now,
    )
    return build_application(
        deps,
        settings.telegram_token,
        f"{settings.telegram_api_url}/bot",
        webhook=webhook,
        rate_limiter=rate_limiter,
    )


@contextlib.asynccontextmanager
async def initialised(ptb: Application) -> AsyncIterator[Application]:
    """`async with ptb`, which also closes the HTTP sessions when the start fails."""
    try:
        await ptb.initialize()
    except BaseException:
        await release(ptb)
        raise
    try:
        yield ptb
    finally:
        await ptb.shutdown()


@contextlib.asynccontextmanager
async def polling(
    ptb: Application, prepare: Callable[[Application], Awaitable[None]] | None = None
) -> AsyncIterator[Application]:
    """Run the bot by long polling for as long as the block lasts (`prepare` it first)."""
    async with initialised(ptb):
        if prepare is not None:
            await prepare(ptb)
        await ptb.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        await ptb.start()
        try:
            yield ptb
        finally:
            await ptb.updater.stop()
            await ptb.stop()
            await finish(ptb)


@contextlib.asynccontextmanager
async def webhook(ptb: Application, url: str, secret: str) -> AsyncIterator[Application]:
    """Run the bot on updates that Telegram posts to `url` (with `secret` in a header)."""
    async with initialised(ptb):
        await register_commands(ptb)
        await ptb.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        await ptb.start()
        try:
            yield ptb
        finally:
            await ptb.stop()
            await finish(ptb)


def webhook_route(
    ptb: Application, secret: str
) -> Callable[[web.Request], Awaitable[web.Response]]:
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        """Queue an update that Telegram posted, if it carries the webhook secret."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403)
        try:
            update = Update.de_json(keep_keyboard_as_data(await request.json()), ptb.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            return web.Response(status=400)
        if update is None:
            return web.Response(status=400)
        await ptb.update_queue.put(update)
        return web.Response()

    return receive


def attach_bot(app: web.Application, parts: Parts, *, required: bool = False) -> None:
    """Run the bot inside the aiohttp app: by webhook on the same server, or by polling.

    If the Bot API cannot be reached or refuses the token at start-up, the web app runs on
    without the bot (and says so in the log), unless the bot is `required`.
    """
    settings = parts.settings
    url = settings.telegram_webhook_url
    if url:
        secret = settings.telegram_webhook_secret or secrets.token_urlsafe(32)
        ptb = build_bot(parts, webhook=True)
        path = urlsplit(url).path
        app.router.add_post(
            path if path not in ("", "/") else WEBHOOK_PATH, webhook_route(ptb, secret)
        )
        running = webhook(ptb, url, secret)
    else:
        ptb = build_bot(parts)
        running = polling(ptb, register_commands)

    async def bot_context(app: web.Application) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            try:
                await stack.enter_async_context(running)
                if BOT_USERNAME in app:  # the staff's posters link to the bot by its name
                    app[BOT_USERNAME].value = ptb.bot.username
            except TelegramError as error:
                if required:
                    raise ValueError(explain(error, settings)) from None
                logger.error("the bot did not start: %s", explain(error, settings))
            yield

    app[PTB_KEY] = ptb
    app.cleanup_ctx.append(bot_context)


def explain(error: TelegramError, settings: Settings) -> str:
    """A Bot API failure in one line, without the token (PTB's own message may hold it)."""
    api = settings.telegram_api_url
    if isinstance(error, InvalidToken):
        return f"the Bot API at {api} refused the bot token (TELEGRAM_BOT_TOKEN)"
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        return f"cannot reach the Bot API at {api} ({error.message})"
    return f"the Bot API at {api} said: {error.message}"


async def poll_until(parts: Parts, stop: asyncio.Event) -> None:
    """`medborgardialog bot` by polling: run until `stop` is set."""
    async with (
        polling(build_bot(parts), register_commands) as ptb,
        alongside_bot(parts, ptb.bot),
        watching(campaign_watch(parts)),
    ):
        print(f"the bot @{ptb.bot.username} is running (Ctrl+C stops it)", flush=True)
        await stop.wait()


def run_bot(settings: Settings) -> None:
    """`medborgardialog bot`: the bot alone against the database, until SIGINT or SIGTERM.

    A Bot API that cannot be reached or refuses the token ends it with a ValueError, which
    the command line reports in one line.
    """
    _configure_logging()
    parts = assemble(settings)
    tune_garbage_collection()
    try:
        if settings.telegram_webhook_url:
            app = web.Application()
            attach_bot(app, parts, required=True)
            attach_watch(app, campaign_watch(parts))
            web.run_app(app, host=settings.host, port=settings.port, print=None, access_log=None)
        else:
            asyncio.run(_poll_until_signalled(parts))
    except TelegramError as error:
        raise ValueError(explain(error, settings)) from None
    finally:
        parts.store.close()


async def _poll_until_signalled(parts: Parts) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await poll_until(parts, stop)


def _configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
