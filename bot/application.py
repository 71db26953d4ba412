"""Building the PTB application: handlers, the rate limiter, the command menu per language."""

from __future__ import annotations

from telegram import Bot, BotCommand
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import handlers
from bot.aiohttp_request import AiohttpRequest
from bot.around_walk import bot_descriptions, command_descriptions
from bot.deps import BOT_DATA_KEY, BotDeps
from bot.i18n import tr_for
from bot.screens import RENDERERS
from bot.subscriptions import add_subscription_handlers
from bot.updates import UpdatesRequest
from survey import STEP_TYPES

HTTP_KEY = "medborgardialog.http"
# Telegram answers 429 with a "retry after"; the limiter waits and tries again this often.
MAX_RETRIES = 10
CONCURRENT_UPDATES = 8


def missing_renderers() -> list[str]:
    """Step types of the walk that the bot cannot show (must be none)."""
    return [t.__name__ for t in STEP_TYPES if t not in RENDERERS]


def build_application(
    deps: BotDeps,
    token: str,
    base_url: str,
    *,
    webhook: bool = False,
    rate_limiter: BaseRateLimiter | None = None,
    request: BaseRequest | None = None,
) -> Application:
    """The bot as a PTB application; `webhook` builds it without an updater (no polling).

    `request` replaces the HTTP requests (tests hand the Bot API calls to a fake in memory).
    """
    if missing := missing_renderers():
        raise RuntimeError(f"no bot renderer for {', '.join(missing)}")
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=MAX_RETRIES))
        .concurrent_updates(CONCURRENT_UPDATES)
    )
    if request is None:
        requests = (
            AiohttpRequest(connections=4 * CONCURRENT_UPDATES),
            UpdatesRequest(connections=1),
        )
        builder = builder.request(requests[0]).get_updates_request(requests[1])
    else:
        requests = ()
        builder = builder.request(request).updater(None)
    if webhook:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data[BOT_DATA_KEY] = deps
    application.bot_data[HTTP_KEY] = requests
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    edited = filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE
    group = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    joined_or_asked = filters.StatusUpdate.NEW_CHAT_MEMBERS | filters.COMMAND
    application.add_handler(CallbackQueryHandler(handlers.on_callback))
    application.add_handler(MessageHandler(private & filters.COMMAND, handlers.on_command))
    located = filters.LOCATION | filters.VENUE
    application.add_handler(MessageHandler(private & located, handlers.on_location))
    application.add_handler(MessageHandler(private & ~filters.COMMAND, handlers.on_message))
    application.add_handler(MessageHandler(edited & ~filters.COMMAND, handlers.on_edited))
    application.add_handler(MessageHandler(group & joined_or_asked, handlers.on_group))
    application.add_error_handler(handlers.on_error)
    add_subscription_handlers(application)


async def register_commands(application: Application) -> None:
    """Set the command menu and the bot's descriptions in every shipped language; Swedish is
    also the default.

    Call it once the application is initialised (PTB runs `post_init` only in `run_*`).
    """
    deps: BotDeps = application.bot_data[BOT_DATA_KEY]
    bot = application.bot
    for lang in deps.catalogs.languages:
        tr = tr_for(deps.catalogs, lang)
        described = command_descriptions(tr)
        menu = [BotCommand(name, text) for name, text in described.items()]
        long, short = bot_descriptions(tr)
        for code in (lang, None) if lang == "sv" else (lang,):
            await bot.set_my_commands(menu, language_code=code)
            await describe(bot, code, long, short)


async def describe(bot: Bot, lang: str | None, long: str, short: str) -> None:
    """Set the description (the empty chat shows it) and the short one (the profile), each
    only when it differs: Telegram allows few changes of them a day."""
    if (await bot.get_my_description(language_code=lang)).description != long:
        await bot.set_my_description(long, language_code=lang)
    if (await bot.get_my_short_description(language_code=lang)).short_description != short:
        await bot.set_my_short_description(short, language_code=lang)


async def finish(application: Application) -> None:
    """Write the drafts that wait: after the application stopped, before the store closes."""
    deps = application.bot_data.get(BOT_DATA_KEY)
    if deps is not None:
        await deps.drafts.close()


async def release(application: Application) -> None:
    """Close the HTTP sessions of an application that failed to initialise.

    PTB shuts down only what initialised completely; a bot whose first call (getMe) failed
    would otherwise leave its sessions open.
    """
    for request in application.bot_data.get(HTTP_KEY, ()):
        await request.shutdown()
